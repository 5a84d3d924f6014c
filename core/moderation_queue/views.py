"""The queue page in the staff site: everything awaiting a decision, and deciding from it."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import kinds_for
from .forms import APPROVE, DecisionForm
from .queue import pending_item, queue_page, waiting


def _admin_site():
    from django.contrib import admin

    return admin.site


def queue(request, *, form=None, status=200):
    """Every item the member of staff may decide on, oldest first, fifty to a page."""
    kinds = kinds_for(request.user)
    counts = waiting(kinds)
    total = sum(row.count for row in counts)
    raw_page = form.data.get("page") if form is not None else request.GET.get("page")
    page = queue_page(kinds, raw_page, total=total)
    context = {
        **_admin_site().each_context(request),
        "title": _("Moderation queue"),
        "waiting": counts,
        "total": total,
        "page_obj": page,
        "failed": form,
        "failed_item": _failed_item(form),
    }
    return TemplateResponse(request, "admin/core/moderation_queue.html", context, status=status)


def _failed_item(form) -> str:
    if form is None:
        return ""
    return f"{form.data.get('kind', '')}:{form.data.get('item', '')}"


@require_POST
def decide(request):
    """Approve or reject one item through its app's own service (which emails the member)."""
    form = DecisionForm(request.POST, kinds=kinds_for(request.user))
    if not form.is_valid():
        return queue(request, form=form, status=400)
    kind, decision = form.cleaned_data["kind"], form.cleaned_data["decision"]
    note = form.cleaned_data["note"].strip()
    item = pending_item(kind, form.cleaned_data["item"])
    if item is None:
        messages.warning(request, _("That item was already decided."))
        return _back(form)
    action = kind.approve if decision == APPROVE else kind.reject
    try:
        action(item, request.user, note)
    except kind.refusals as refusal:
        messages.error(request, _("Not done: %(reason)s") % {"reason": refusal})
        return _back(form)
    done = kind.approve_label if decision == APPROVE else kind.reject_label
    messages.success(
        request, _("Done (%(action)s): %(item)s") % {"action": done, "item": kind.describe(item)}
    )
    return _back(form)


def _back(form) -> HttpResponseRedirect:
    url = reverse("moderation-queue")
    page = form.cleaned_data.get("page") if hasattr(form, "cleaned_data") else None
    return HttpResponseRedirect(f"{url}?page={page}" if page and page > 1 else url)
