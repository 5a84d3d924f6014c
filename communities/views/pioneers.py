"""Contacting Member Pioneers through the site; nobody's address is shown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.ratelimit import rate_limit
from core.views import render_form

from ..forms import MessageForm
from ..models import Pioneer, PioneerMessage
from ..services import pioneer_message_reply, pioneer_message_send
from .access import message_for_owner_or_404
from .posting import form_service_call

RATE_LIMITED = (
    "You have sent several messages in a short time. Try again in an hour: your text is kept below."  # noqa: E501
)
KEEP = {"body": "Your message"}


@login_required
@rate_limit(key="user", rate="5/h", message=RATE_LIMITED, keep=KEEP)
@rate_limit(key="ip", rate="20/h", message=RATE_LIMITED, keep=KEEP)
@require_http_methods(["GET", "POST"])
def pioneer_contact(request, pk):
    pioneer = get_object_or_404(Pioneer.objects.active().select_related("user"), pk=pk)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if message := form_service_call(
        request,
        form,
        lambda: pioneer_message_send(
            pioneer=pioneer, sender=request.user, body=form.cleaned_data["body"]
        ),
    ):
        messages.success(
            request,
            _("Your message is on its way to %(name)s. We will email you when they reply.")
            % {"name": pioneer.name},
        )
        return redirect(message)
    return render_form(
        request, "communities/pioneer_contact.html", {"pioneer": pioneer, "form": form}
    )


@login_required
@rate_limit(key="user", rate="20/h", message=RATE_LIMITED, keep=KEEP)
@require_http_methods(["GET", "POST"])
def message_detail(request, pk):
    """A conversation with a pioneer, for its two people only; either can reply."""
    message = message_for_owner_or_404(request, pk)
    root = message.thread_id_or_own
    thread = PioneerMessage.objects.filter(Q(pk=root) | Q(thread_id=root)).select_related("sender")
    form = MessageForm(request.POST if request.method == "POST" else None)
    if reply := form_service_call(
        request,
        form,
        lambda: pioneer_message_reply(
            message=message, sender=request.user, body=form.cleaned_data["body"]
        ),
    ):
        messages.success(request, _("Your reply is on its way."))
        return redirect(reply)
    return render_form(
        request,
        "communities/message_detail.html",
        {
            "message": message,
            "thread": thread,
            "form": form,
            "other_name": message.pioneer.name
            if request.user.pk != message.pioneer.user_id
            else message.other_party(request.user).public_name,
        },
    )
