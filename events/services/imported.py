"""Events published elsewhere: another publisher's opportunity, kept in step with its feed.

opendata's harvester reads another publisher's OpenActive feed and turns each
opportunity into the values of an event (``opendata.services.harvest_events``); it calls
these two services to save them, so a harvested event is made, changed and cancelled by
the events app's own rules: a readable unique slug, its dates expanded, and the people
going told through the outbox, in their own language, like a change or a cancellation by
an organiser here.
"""

import copy

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.models import ModerationStatus
from postcodes.parsing import PostcodeError
from postcodes.services import lookup

from .. import changes, emails
from ..models import Event
from .events import slug_for
from .notices import attendees_notify


def _locate(event: Event) -> None:
    try:
        event.set_location(lookup(event.postcode))
    except PostcodeError:
        event.latitude = event.longitude = None


def _same_schedule(event: Event, values: dict) -> bool:
    def weekly_slot(starts, ends):
        return timezone.localtime(starts).strftime("%a %H:%M"), ends - starts

    return bool(
        event.recurrence
        and event.recurrence == values["recurrence"]
        and weekly_slot(event.starts_at, event.ends_at)
        == weekly_slot(values["starts_at"], values["ends_at"])
    )


def imported_event_save(*, event: Event | None, values: dict, came_back: bool = False) -> Event:
    """Make a harvested event, pending, or bring it in step with its publisher's data.

    ``values``: the ``Event`` fields the publisher gives (title, description, starts_at,
    ends_at, recurrence, repeat_until, venue_name, address, postcode, price, source_name,
    source_url). ``event``: the event made from this item before, or None.

    Guarantees: the same values again change nothing (an approved event stays approved;
    a regular event's first date moving on with the weeks is not a change). Any change
    is saved and sends the event back to pending (another publisher's change has not
    been checked here), and everyone going or waiting hears what changed (time, place,
    cost, title) once, in their language, naming the publisher. ``came_back``: the
    publisher withdrew the item and published it again: the event is un-cancelled and
    pending; one cancelled on this site stays cancelled.
    """
    if event is None:
        event = Event(slug=slug_for(title=values["title"], starts_at=values["starts_at"]))
    elif _same_schedule(event, values):
        # Its first date, counted from today, moves on each week: not a change.
        values = {**values, "starts_at": event.starts_at, "ends_at": event.ends_at}
    changed = event.pk is None or any(getattr(event, k) != v for k, v in values.items())
    if not changed and not came_back:
        return event
    old = copy.copy(event) if event.pk else None
    for name, value in values.items():
        setattr(event, name, value)
    if old is None or event.postcode != old.postcode:
        _locate(event)
    if came_back:
        event.cancelled_at, event.cancellation_reason = None, ""
    event.moderation_status = ModerationStatus.PENDING
    event.submitted_at = timezone.now()
    kinds = changes.changed_kinds(old, event) if old is not None else []
    with transaction.atomic():
        if kinds:
            event.sequence += 1
        # Saving moves the dates (``Event.save``), and the replies with them.
        event.save()
        if kinds and not event.is_cancelled:
            attendees_notify(
                event=event,
                purpose=emails.CHANGED,
                news=f"seq:{event.sequence}",
                changed=kinds,
                publisher=event.source_name,
            )
    return event


def imported_event_withdraw(*, event: Event) -> int:
    """Its publisher withdrew the item: cancel the event (never delete it), and tell
    everyone going or waiting, in their language, that the publisher withdrew it.
    Withdrawing twice does nothing more. Returns how many people will be emailed."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.is_cancelled:
            return 0
        event.cancelled_at = timezone.now()
        # Shown on the event's page (in the harvest's language); the email says it in
        # each reader's own.
        event.cancellation_reason = gettext("Withdrawn by its publisher, %(publisher)s.") % {
            "publisher": event.source_name
        }
        event.sequence += 1
        event.save(update_fields=["cancelled_at", "cancellation_reason", "sequence", "updated_at"])
        return attendees_notify(
            event=event,
            purpose=emails.CANCELLED,
            news="event",
            details=event.cancellation_reason,
            publisher=event.source_name,
        )
