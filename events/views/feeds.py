"""The member's private calendar feed: its page in "your events", a new address, the feed."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.links import absolute_url
from core.ratelimit import rate_limit

from .. import calendars
from ..forms import PersonalCalendarForm
from ..models import PersonalCalendar
from ..services.feeds import (
    personal_calendar_get,
    personal_calendar_renew,
    personal_calendar_replies,
    personal_calendar_set_waiting,
)
from .search import ics_response


def _feed_links(calendar: PersonalCalendar) -> dict:
    url = absolute_url(reverse("events:personal-calendar", args=[calendar.token]))
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


@login_required
@require_http_methods(["GET", "POST"])
def your_calendar(request):
    """The page that gives the member their feed's address (https and webcal://), the
    choice to include waiting-list places, and a button to make a new address."""
    calendar = personal_calendar_get(user=request.user)
    form = PersonalCalendarForm(request.POST or None, instance=calendar)
    if request.method == "POST" and form.is_valid():
        personal_calendar_set_waiting(
            user=request.user, include_waiting=form.cleaned_data["include_waiting"]
        )
        messages.success(request, _("Saved. Your calendar app picks it up at its next refresh."))
        return redirect("events:your-calendar")
    context = {"calendar": calendar, "form": form, **_feed_links(calendar)}
    return render(request, "events/your_calendar.html", context)


@login_required
@require_POST
@rate_limit(key="user", rate="10/h", message="You've made a lot of new addresses. Try later.")
def your_calendar_renew(request):
    """A new secret address for the feed; the old one stops working at once."""
    personal_calendar_renew(user=request.user)
    messages.success(
        request,
        _(
            "Your calendar has a new address. The old one no longer works: "
            "subscribe again with the new one."
        ),
    )
    return redirect("events:your-calendar")


@require_GET
def personal_calendar(request, token):
    """The feed itself: no log-in (calendar apps have none), the secret token is the key;
    an unknown or replaced token is a 404."""
    calendar = (
        PersonalCalendar.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if calendar is None:
        raise Http404("No such calendar")
    body = calendars.personal_ics(
        personal_calendar_replies(calendar=calendar),
        name=_("Your events on %(site)s") % {"site": settings.SITE_NAME},
        url=absolute_url(reverse("events:your-events")),
    )
    response = ics_response(body, "your-events.ics")
    # The address is a secret: no shared cache may keep the file or its address.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
