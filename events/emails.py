"""The events app's emails: their purposes in the outbox, and how each row is rendered.

Services ask for an email with ``notices.notice_record`` (which calls the outbox's
``enqueue``); the outbox sends each once. A row's context holds ids (event, person, date,
RSVP) and the news itself; the builders below turn it into the template context at send
time, or return ``None`` when the news stopped being true before the email went (they
cancelled before the reminder): the outbox then skips the row. Only people going get the
join link; every email goes to one person, so no one sees who else is coming.
Templates: ``events/templates/events/emails/<name>-{subject,body}.txt`` and ``-body.html``.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from core.links import absolute_url
from core.outbox import registry

from . import calendars, changes, recurrence
from .models import EVENT_TZ, Event, Occurrence, Rsvp, RsvpStatus

RSVP_CONFIRMED = "events.rsvp-confirmed"
RSVP_WAITING = "events.rsvp-waiting"
PLACE_FREED = "events.place-freed"
REMINDER = "events.reminder"
CHANGED = "events.changed"
CANCELLED = "events.cancelled"


def notice_key(*, event_id: int, user_id: int, news: str) -> str:
    """The outbox key of one piece of news about an event to one person.

    ``news`` says what makes it distinct (an RSVP and its time, a date and its start, an
    event version), so the same news never goes twice and new news always goes.
    """
    return f"{event_id}:{user_id}:{news}"


def rsvp_news(rsvp: Rsvp) -> str:
    # Saying "I'm going" again later is new news; the same reply is not.
    return f"rsvp:{rsvp.pk}:{rsvp.joined_at:%Y%m%dT%H%M%S.%f}"


def reminder_news(occurrence_id: int, starts_at) -> str:
    # A date that moves gets a new reminder; the same date never gets two.
    return f"occ:{occurrence_id}:{starts_at.astimezone(EVENT_TZ):%Y%m%dT%H%M}"


def _load(row) -> dict | None:
    """The rows behind a notice, or None when the event or the person has gone."""
    data = row.context
    event = Event.objects.select_related("space", "group").filter(pk=data["event"]).first()
    person = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
    if event is None or person is None:
        return None
    occurrence = rsvp = None
    if data.get("occurrence"):
        occurrence = Occurrence.objects.filter(pk=data["occurrence"]).first()
        if occurrence is None:
            return None
    if data.get("rsvp"):
        rsvp = Rsvp.objects.select_related("occurrence").filter(pk=data["rsvp"]).first()
        if rsvp is None:
            return None
    return {"event": event, "person": person, "occurrence": occurrence, "rsvp": rsvp}


def _context(found: dict, **extra) -> dict:
    event, occurrence = found["event"], found["occurrence"]
    if occurrence is not None:
        when = recurrence.when_text(event, occurrence.starts_at, occurrence.ends_at)
    else:
        when = recurrence.when_text(event)
    return {
        **found,
        "when": when,
        "place": event.place_name,
        "event_url": absolute_url(event.get_absolute_url()),
        "your_events_url": absolute_url(reverse("events:your-events")),
        **extra,
    }


def _is_current_reply(row, found: dict, status: str) -> bool:
    rsvp = found["rsvp"]
    if rsvp is None or rsvp.status != status:
        return False
    expected = notice_key(event_id=found["event"].pk, user_id=rsvp.user_id, news=rsvp_news(rsvp))
    return row.key == expected


def rsvp_confirmed_context(row) -> dict | None:
    """ "You're going", with the date, the place or the join link; stale if they left."""
    found = _load(row)
    if found is None or not _is_current_reply(row, found, RsvpStatus.GOING):
        return None
    return _context(found, show_join=True)


def rsvp_waiting_context(row) -> dict | None:
    """ "You're on the waiting list", with their place in the queue; stale once it moved."""
    found = _load(row)
    if found is None or not _is_current_reply(row, found, RsvpStatus.WAITING):
        return None
    rsvp = found["rsvp"]
    ahead = (
        Rsvp.objects.waiting()
        .filter(occurrence=rsvp.occurrence_id, joined_at__lt=rsvp.joined_at)
        .count()
    )
    return _context(found, position=ahead + 1)


def place_freed_context(row) -> dict | None:
    """ "A place came up": they moved up from the waiting list; stale if they left since."""
    found = _load(row)
    if found is None or found["rsvp"] is None or found["rsvp"].status != RsvpStatus.GOING:
        return None
    return _context(found, show_join=True)


def reminder_context(row) -> dict | None:
    """The day before: when, where or how to join, accessibility, how to say you can't go.

    Stale when they are no longer going, the event or the date was cancelled, the date
    already started, or it moved (the moved date has its own reminder).
    """
    found = _load(row)
    if found is None or found["rsvp"] is None:
        return None
    event, rsvp = found["event"], found["rsvp"]
    occurrence = rsvp.occurrence
    current = notice_key(
        event_id=event.pk,
        user_id=rsvp.user_id,
        news=reminder_news(occurrence.pk, occurrence.starts_at),
    )
    if (
        rsvp.status != RsvpStatus.GOING
        or event.is_cancelled
        or occurrence.is_cancelled
        or occurrence.starts_at < timezone.now()
        or row.key != current
    ):
        return None
    found["occurrence"] = occurrence
    start = timezone.localtime(occurrence.starts_at, EVENT_TZ)
    return _context(found, show_join=True, start=start)


def changed_context(row) -> dict | None:
    """What changed, to everyone going or waiting; the join link only to those going. A
    change that came from the publisher an event was harvested from says so.

    Stale once the whole event is cancelled (its cancellation says enough).
    """
    found = _load(row)
    if found is None or found["event"].is_cancelled:
        return None
    dates = [
        rsvp.occurrence
        for rsvp in Rsvp.objects.filter(
            user=found["person"],
            occurrence__event=found["event"],
            occurrence__ends_at__gte=timezone.now(),
            status=RsvpStatus.GOING,
        ).select_related("occurrence")
    ]
    kinds = row.context.get("changed")
    if kinds is None:
        # Rows queued before changes were kept as kinds hold their sentences, in English.
        lines = row.context.get("details", "").splitlines()
    else:
        lines = changes.change_lines(found["event"], kinds)
    return _context(
        found,
        changes=lines,
        dates=dates,
        show_join=bool(dates),
        publisher=row.context.get("publisher", ""),
    )


def cancelled_context(row) -> dict | None:
    """The event (or one date of it) is cancelled, with the organiser's reason, or withdrawn
    by the publisher it was harvested from (said in the reader's language). Never stale."""
    found = _load(row)
    if found is None:
        return None
    publisher = row.context.get("publisher", "")
    reason = "" if publisher else row.context.get("details", "")
    return _context(found, reason=reason, publisher=publisher)


def calendar_attachment(row, context: dict) -> list[tuple[str, bytes, str]]:
    """The date as a calendar file, with the join link (only people going get these)."""
    occurrence = context["occurrence"]
    ics = calendars.occurrence_ics(occurrence, include_join=True)
    return [("event.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")]


PURPOSES = [
    # (purpose, template name, context builder, label, attachments)
    (
        RSVP_CONFIRMED,
        "rsvp-confirmed",
        rsvp_confirmed_context,
        "You're going (with a calendar file)",
        calendar_attachment,
    ),
    (RSVP_WAITING, "rsvp-waiting", rsvp_waiting_context, "On the waiting list", None),
    (
        PLACE_FREED,
        "place-freed",
        place_freed_context,
        "A place came up (with a calendar file)",
        calendar_attachment,
    ),
    (REMINDER, "reminder", reminder_context, "Reminder the day before", None),
    (CHANGED, "changed", changed_context, "The organiser changed the event", None),
    (CANCELLED, "cancelled", cancelled_context, "The event or a date is cancelled", None),
]


def register() -> None:
    for purpose, name, context, label, attachments in PURPOSES:
        registry.register(
            purpose,
            template=f"events/emails/{name}",
            context=context,
            label=label,
            attachments=attachments,
        )
