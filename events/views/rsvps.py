"""Saying you're going, changing your mind, your events, and the organiser's attendee list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.csv_export import export_csv
from core.ratelimit import rate_limit

from .. import recurrence
from ..forms import CancelRsvpForm, RsvpForm
from ..models import EVENT_TZ, Event, Rsvp, RsvpStatus
from ..services import RsvpError, rsvp_create
from ..services import rsvp_cancel as cancel_rsvp
from .events import event_for_owner_or_404, visible_event


@require_POST
@rate_limit(
    key="user_or_ip",
    rate="30/m",
    message=gettext_lazy("That's a lot of replies in a minute. Wait a moment and try again."),
    # A refused reply is a redirect with a message too: every press counts.
    counts="attempts",
)
def rsvp(request, slug):
    """ "I'm going" to one date: a place, or the waiting list when it's full."""
    event = visible_event(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    form = RsvpForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(event)
    occurrence = form.cleaned_data["occurrence"]
    try:
        reply = rsvp_create(
            occurrence=occurrence,
            user=request.user,
            share_email=form.cleaned_data["share_email"],
        )
    except RsvpError as error:
        messages.info(request, str(error))
        return redirect(event)
    when = recurrence.when_text(event, occurrence.starts_at, occurrence.ends_at)
    if reply.is_going:
        text = _("You're going on %(when)s. We've emailed you the details.") % {"when": when}
        if event.is_online:
            text += " " + _("The join link is below.")
        messages.success(request, text)
    else:
        messages.success(
            request,
            _(
                "It's full on %(when)s, so you're on the waiting list. If a place comes up it's "
                "yours, and we'll email you."
            )
            % {"when": when},
        )
    return redirect(event)


@require_POST
def rsvp_cancel(request, slug):
    """ "I can't go any more": frees the place for the next person waiting."""
    event = visible_event(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    form = CancelRsvpForm(request.POST, event=event)
    reply = None
    if form.is_valid():
        reply = (
            Rsvp.objects.active()
            .filter(occurrence=form.cleaned_data["occurrence"], user=request.user)
            .first()
        )
    if reply is None:
        messages.info(request, _("You weren't going to that date, so there's nothing to cancel."))
        return redirect(event)
    was_waiting = reply.is_waiting
    cancel_rsvp(rsvp=reply)
    messages.success(
        request,
        _("You've left the waiting list.")
        if was_waiting
        else _("Thanks for letting us know: your place is free for someone else."),
    )
    return redirect(event)


@login_required
@require_GET
def your_events(request):
    """The dates you're going to or waiting for, and the events you organise."""
    replies = list(
        Rsvp.objects.active()
        .filter(user=request.user, occurrence__ends_at__gte=timezone.now())
        .select_related("occurrence__event")
        .order_by("occurrence__starts_at")
    )
    # A waiting-list place is not a place: it has its own heading, not "Going".
    going = [reply for reply in replies if not reply.is_waiting]
    waiting = [reply for reply in replies if reply.is_waiting]
    organising = (
        Event.objects.filter(Q(organiser=request.user) | Q(submitted_by=request.user))
        .with_next_date()
        .order_by("-starts_at")
    )
    return render(
        request,
        "events/your_events.html",
        {"replies": going, "waiting": waiting, "organising": organising},
    )


def _attendee_rows(event):
    return (
        Rsvp.objects.filter(occurrence__event=event)
        .select_related("user", "occurrence")
        .order_by("occurrence__starts_at", "status", "joined_at", "pk")
    )


@login_required
@require_GET
def attendees(request, slug):
    """The organiser's list of who's going and waiting, date by date."""
    event = event_for_owner_or_404(request, slug)
    since = timezone.now() - timezone.timedelta(days=30)
    rows = _attendee_rows(event).filter(
        status__in=[RsvpStatus.GOING, RsvpStatus.WAITING], occurrence__ends_at__gte=since
    )
    return render(request, "events/attendees.html", {"event": event, "rows": rows})


@login_required
@require_GET
def attendees_csv(request, slug):
    """Every reply to the event as a spreadsheet; email addresses only where shared."""
    event = event_for_owner_or_404(request, slug)

    def rows():
        for reply in _attendee_rows(event).iterator(chunk_size=500):
            start = timezone.localtime(reply.occurrence.starts_at, EVENT_TZ)
            yield [
                start.strftime("%Y-%m-%d"),
                start.strftime("%H:%M"),
                reply.user.public_name,
                reply.get_status_display(),
                timezone.localtime(reply.joined_at, EVENT_TZ).strftime("%Y-%m-%d %H:%M"),
                reply.user.email if reply.share_email else "",
            ]

    return export_csv(
        f"{event.slug}-attendees.csv",
        ["Date", "Start", "Name", "Reply", "Replied at", "Email (if shared)"],
        rows(),
    )
