"""Submitting, changing and cancelling events, and keeping their dates expanded."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from core.models import ModerationStatus
from core.page_cache import listings_changed

from .. import changes, emails, recurrence
from ..models import Event, Occurrence, Rsvp
from .next_dates import event_next_date_set
from .notices import attendees_notify
from .rsvps import waiting_list_promote


def slug_for(*, title: str, starts_at: datetime) -> str:
    """A readable, unique slug: the title and the first date ("repair-cafe-2026-12-05")."""
    base = slugify(title)[:80].strip("-") or "event"
    base = f"{base}-{recurrence.local(starts_at):%Y-%m-%d}"
    slug, n = base, 1
    while Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def event_submit(*, event: Event, by, tags: list[str] | None = None) -> Event:
    """Save a member's new event; it waits for a moderator before it is public.

    ``event`` is unsaved (from the form, its place already located). ``by`` becomes its
    organiser and submitter, so the moderation decision is emailed to them. Its dates
    are expanded at once, so it is listed as soon as it is approved.
    """
    for attempt in range(3):
        try:
            with transaction.atomic():
                event.organiser = event.organiser or by
                event.submitted_by = by
                event.submitted_at = timezone.now()
                event.moderation_status = ModerationStatus.PENDING
                event.place_sync()
                event.slug = slug_for(title=event.title, starts_at=event.starts_at)
                event.save()
                # Saving expands its dates (``Event.save``).
                if tags is not None:
                    event.tags.set(tags)
            return event
        except IntegrityError:
            # Two events with the same title and date submitted at once: pick another slug.
            event.pk = None
            if attempt == 2:
                raise
    return event


def event_update(*, event: Event, by, tags: list[str] | None = None) -> list[str]:
    """Save the organiser's (or staff's) edits and tell the people coming what changed.

    Changes to the title, time, place, joining, cost or accessibility are emailed to
    everyone going or waiting (once per change), and the event's iCalendar SEQUENCE goes
    up. Dates are re-expanded; more places move the waiting lists up. Returns the change
    lines that were sent (empty when nothing attendees care about changed).
    """
    with transaction.atomic():
        old = Event.objects.select_for_update(of=("self",)).select_related("space").get(pk=event.pk)
        event.place_sync()
        kinds = changes.changed_kinds(old, event)
        if kinds:
            event.sequence = old.sequence + 1
        event.save()
        if tags is not None:
            event.tags.set(tags)
        more_places = old.capacity is not None and (
            event.capacity is None or event.capacity > old.capacity
        )
        if more_places:
            for occurrence in event.occurrences.upcoming():
                waiting_list_promote(occurrence=occurrence)
        if kinds and event.is_approved and not event.is_cancelled:
            attendees_notify(
                event=event, purpose=emails.CHANGED, news=f"seq:{event.sequence}", changed=kinds
            )
    return changes.change_lines(event, kinds)


def event_cancel(*, event: Event, by, reason: str) -> int:
    """Cancel the whole event and email everyone going or waiting, with ``reason``.

    The event leaves the listings; its page stays, marked cancelled. Cancelling twice
    does nothing more. Returns how many people will be emailed.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.is_cancelled:
            return 0
        event.cancelled_at = timezone.now()
        event.cancellation_reason = reason
        event.sequence += 1
        event.save(update_fields=["cancelled_at", "cancellation_reason", "sequence", "updated_at"])
        return attendees_notify(event=event, purpose=emails.CANCELLED, news="event", details=reason)


def event_schedule_refresh(*, event: Event, now: datetime | None = None) -> list[Occurrence]:
    """Make the event's ``Occurrence`` rows match its dates from now on.

    Dates already over are history and stay. Upcoming rows are matched to the new dates
    in order, so a series moved from Tuesdays to Wednesdays keeps its RSVPs date by date;
    new dates are added (a year ahead) and surplus ones removed, or, when people had
    replied, cancelled and those people emailed; the event's next date (``next_date``)
    follows. Returns the dates cancelled that way.
    """
    now = now or timezone.now()
    listings_changed("events")
    desired = recurrence.event_dates(event, after=now)
    existing = list(
        event.occurrences.filter(is_cancelled=False, ends_at__gte=now).order_by("starts_at")
    )
    changed = []
    for occurrence, (starts_at, ends_at) in zip(existing, desired, strict=False):
        if (occurrence.starts_at, occurrence.ends_at) != (starts_at, ends_at):
            occurrence.starts_at, occurrence.ends_at = starts_at, ends_at
            changed.append(occurrence)
    Occurrence.objects.bulk_update(changed, ["starts_at", "ends_at"])
    Occurrence.objects.bulk_create(
        [Occurrence(event=event, starts_at=s, ends_at=e) for s, e in desired[len(existing) :]]
    )
    surplus = existing[len(desired) :]
    if not event.recurrence and not desired and not event.occurrences.exists():
        # A one-off entered with a date already past still has its one date, for its page.
        Occurrence.objects.create(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
    replied = set(
        Rsvp.objects.active()
        .filter(occurrence__in=surplus)
        .values_list("occurrence_id", flat=True)
        .distinct()
    )
    dropped = [o for o in surplus if o.pk in replied]
    Occurrence.objects.filter(pk__in=[o.pk for o in surplus if o.pk not in replied]).delete()
    for occurrence in dropped:
        occurrence.is_cancelled = True
        occurrence.save(update_fields=["is_cancelled"])
        attendees_notify(
            event=event,
            purpose=emails.CANCELLED,
            news=f"occ:{occurrence.pk}",
            occurrence=occurrence,
            details="This date is no longer part of the event's schedule.",
        )
    # Every change to its dates goes through here: keep its next date in step.
    event_next_date_set(event=event, now=now)
    return dropped


def event_schedules_extend(*, now: datetime | None = None) -> int:
    """Keep regular activities listed a year ahead: add the dates that came into range.

    Run nightly from the beat schedule. Returns how many events were refreshed.
    """
    today = timezone.localdate()
    events = (
        Event.objects.live()
        .exclude(recurrence="")
        .exclude(repeat_until__lt=today)
        .select_related("space")
    )
    count = 0
    for event in events.iterator(chunk_size=500):
        with transaction.atomic():
            event_schedule_refresh(event=event, now=now)
        count += 1
    return count
