"""A member's notification choices, and the one-click stop link in every email."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.ratelimit import rate_limit
from core.views import render_form

from ..forms import NoticeSettingsForm
from ..models import NoticeKind
from ..services import notices_stop, settings_for
from ..services.notifications import unsubscribe_token_read


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit(key="user", rate="30/h")
def notice_settings(request):
    form = NoticeSettingsForm(request.POST or None, instance=settings_for(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choices are saved."))
        return redirect("participation:notice-settings")
    return render_form(request, "participation/notice_settings.html", {"form": form})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """Stop one kind of email. The signed link is the proof; mail apps may POST one-click
    (RFC 8058) without a CSRF token, hence the exemption. A GET shows one button, so a
    mail scanner that follows links stops nothing."""
    found = unsubscribe_token_read(token=token)
    if found is None:
        raise Http404("This link isn't valid.")
    user, kind = found
    done = request.method == "POST"
    if done:
        notices_stop(user=user, kind=kind)
    context = {"done": done, "kind_label": NoticeKind(kind).label}
    return render(request, "participation/unsubscribe.html", context)
