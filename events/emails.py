"""The events app's emails: one small function per email, each a template triple
(``templates/emails/events-<name>-{subject,body}.txt`` and ``-body.html``).

Each takes the ``EventNotice`` being sent. Only people going get the join link; every
email goes to one person, so no one sees who else is coming.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core import emails as core_emails

from . import calendars, recurrence
from .models import EVENT_TZ, EventNotice, Rsvp, RsvpStatus


def _dates_going(notice: EventNotice) -> list:
    """The person's dates of this event still to come that they are going to."""
    return [
        rsvp.occurrence
        for rsvp in Rsvp.objects.filter(
            user=notice.user,
            occurrence__event=notice.event,
            occurrence__ends_at__gte=timezone.now(),
            status=RsvpStatus.GOING,
        ).select_related("occurrence")
    ]


def _context(notice: EventNotice, **extra) -> dict:
    event, occurrence = notice.event, notice.occurrence
    if occurrence is not None:
        when = recurrence.when_text(event, occurrence.starts_at, occurrence.ends_at)
    else:
        when = recurrence.when_text(event)
    return {
        "notice": notice,
        "event": event,
        "occurrence": occurrence,
        "person": notice.user,
        "when": when,
        "place": event.place_name,
        "event_url": settings.SITE_URL + event.get_absolute_url(),
        "your_events_url": settings.SITE_URL + reverse("events:your-events"),
        **extra,
    }


def _send(name: str, notice: EventNotice, context: dict, *, attach_date=None) -> None:
    message = core_emails.build(name, to=[notice.user.email], context=context)
    if attach_date is not None:
        ics = calendars.occurrence_ics(attach_date, include_join=True)
        message.attach("event.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    message.send()


def rsvp_confirmed(notice: EventNotice) -> None:
    """ "You're going", with the date, the place or the join link, and a calendar file."""
    _send(
        "events-rsvp-confirmed",
        notice,
        _context(notice, show_join=True),
        attach_date=notice.occurrence,
    )


def rsvp_waiting(notice: EventNotice) -> None:
    """ "You're on the waiting list", with their place in the queue."""
    rsvp = notice.rsvp
    ahead = (
        Rsvp.objects.waiting()
        .filter(occurrence=rsvp.occurrence, joined_at__lt=rsvp.joined_at)
        .count()
    )
    _send("events-rsvp-waiting", notice, _context(notice, position=ahead + 1))


def place_freed(notice: EventNotice) -> None:
    """ "A place came up": they moved up from the waiting list and are going."""
    _send(
        "events-place-freed",
        notice,
        _context(notice, show_join=True),
        attach_date=notice.occurrence,
    )


def event_reminder(notice: EventNotice) -> None:
    """The day before: when, where or how to join, accessibility, how to say you can't go."""
    start = timezone.localtime(notice.occurrence.starts_at, EVENT_TZ)
    _send("events-reminder", notice, _context(notice, show_join=True, start=start))


def event_changed(notice: EventNotice) -> None:
    """What changed, to everyone going or waiting; the join link only to those going."""
    dates = _dates_going(notice)
    _send(
        "events-changed",
        notice,
        _context(notice, changes=notice.details.splitlines(), dates=dates, show_join=bool(dates)),
    )


def event_cancelled(notice: EventNotice) -> None:
    """The event (or one date of it) is cancelled, with the organiser's reason."""
    _send("events-cancelled", notice, _context(notice, reason=notice.details))
