"""Saving spaces: threat reports and "Help save this space" pledges with a live count."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.ratelimit import rate_limit
from core.views import render_form

from .. import selectors
from ..forms import PledgeForm, ThreatReportForm
from ..models import Pledge, Space
from ..services import status as status_services
from ._common import RATE_LIMITED, visible_space


@login_required
@rate_limit(
    key="user",
    rate="5/h",
    message=RATE_LIMITED,
    keep={"what": "What is happening", "evidence": "How you know"},
)
@require_http_methods(["GET", "POST"])
def threat_report(request, slug):
    """A member reports that a space is under threat; staff check before it shows."""
    space = visible_space(request, slug)
    if not space.can_be_reported():
        messages.info(request, _("This space is not one we can take threat reports on right now."))
        return redirect(space)
    form = ThreatReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            status_services.threat_report(space=space, by=request.user, **form.cleaned_data)
        except status_services.AlreadyReported:
            messages.info(request, _("You have already reported this; our team is checking it."))
            return redirect(space)
        messages.success(
            request,
            _("Thank you for telling us. Our team will check the threat and email you."),
        )
        return redirect(space)
    return render_form(request, "spaces/threat_report_form.html", {"form": form, "space": space})


@login_required
@rate_limit(key="user", rate="30/h", message=RATE_LIMITED)
@require_http_methods(["GET", "POST"])
def pledge(request, slug):
    """ "Help save this space": pledge time, skills, money or a voice (or change a pledge)."""
    space = visible_space(request, slug)
    if not space.accepts_pledges():
        messages.info(
            request, _("%(name)s is not asking for pledges right now.") % {"name": space.name}
        )
        return redirect(space)
    existing = Pledge.objects.filter(space=space, user=request.user).first()
    form = PledgeForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        _pledge, created = status_services.pledge_save(
            space=space, user=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _(
                "Thank you for pledging to help save %(name)s. We will email you when its "
                "status changes."
            )
            % {"name": space.name}
            if created
            else _("Your pledge is updated."),
        )
        return redirect(f"{space.get_absolute_url()}#pledge")
    return render_form(
        request, "spaces/pledge_form.html", {"form": form, "space": space, "my_pledge": existing}
    )


@login_required
@require_POST
def pledge_withdraw(request, slug):
    space = visible_space(request, slug)
    if status_services.pledge_withdraw(space=space, user=request.user):
        messages.success(request, _("Your pledge is withdrawn. We won't email you about it again."))
    return redirect(space)


@require_GET
@cache_control(max_age=10)
def pledge_count(request, slug):
    """The live pledge count of a public space, polled by its page."""
    space = get_object_or_404(Space.objects.approved().only("pk"), slug=slug)
    return JsonResponse(selectors.pledge_summary(space_id=space.pk))
