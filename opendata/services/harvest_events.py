"""Turn a harvested OpenActive opportunity into a site event, pending moderation.

An opportunity (a ``SessionSeries``, ``Event``, ``CourseInstance``…, not a
``ScheduledSession``, which is one date of a series) that gives a start becomes an
``events.Event`` with no organiser and no submitter (so no moderation email goes to anyone),
credited to its publisher (``source_name``, ``source_url``) and waiting in the moderation
queue. A later harvest that changes what the site shows (title, description, dates,
place, price) updates the event and sends an approved one back to pending; the same data
again changes nothing. A tombstone cancels the event (it stays, unlisted, with the reason).
"""

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext

from core.models import ModerationStatus
from events.models import Event
from postcodes.parsing import PostcodeError
from postcodes.services import lookup

NOT_EVENTS = {"ScheduledSession", "Service", "Slot", "FacilityUse", "IndividualFacilityUse"}
# The fields a harvest writes; a change to any of them is material (back to pending).
COPIED = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "venue_name",
    "address",
    "postcode",
    "price",
    "source_name",
    "source_url",
)


def _text(value, limit: int) -> str:
    return str(value or "").strip()[:limit]


def _when(data: dict) -> tuple[datetime, datetime] | None:
    """The opportunity's start and end: its own, or its first date (``subEvent``) not over."""
    candidates = [data] + [s for s in data.get("subEvent") or [] if isinstance(s, dict)]
    found = []
    for item in candidates:
        starts = parse_datetime(str(item.get("startDate") or ""))
        if starts is None or timezone.is_naive(starts):
            continue
        ends = parse_datetime(str(item.get("endDate") or ""))
        if ends is None or timezone.is_naive(ends) or ends <= starts:
            ends = starts + timedelta(hours=1)
        found.append((starts, min(ends, starts + timedelta(days=14))))
    if not found:
        return None
    upcoming = [pair for pair in found if pair[1] >= timezone.now()]
    return min(upcoming or found)


def _place(data: dict) -> dict:
    location = data.get("location") if isinstance(data.get("location"), dict) else {}
    address = location.get("address")
    if isinstance(address, dict):
        street = ", ".join(
            _text(address.get(key), 100)
            for key in ("streetAddress", "addressLocality")
            if address.get(key)
        )
        postcode = _text(address.get("postalCode"), 8).upper()
    else:
        street, postcode = _text(address, 300), ""
    return {"venue_name": _text(location.get("name"), 200), "address": street[:300], "postcode": postcode}


def _price(data: dict) -> Decimal:
    offers = data.get("offers")
    offer = offers[0] if isinstance(offers, list) and offers else {}
    try:
        price = Decimal(str(offer.get("price", 0) if isinstance(offer, dict) else 0))
    except InvalidOperation:
        return Decimal("0")
    return price if Decimal("0") <= price < Decimal("100000") else Decimal("0")


def publisher_name(source: str) -> str:
    """Who published a feed, as the event page credits it: the feed's host name."""
    return urlsplit(source).hostname or source


def event_values(*, source: str, kind: str, data: dict, url: str) -> dict | None:
    """What the site event of an opportunity holds, or None if it cannot be one."""
    when = None if kind in NOT_EVENTS else _when(data)
    title = _text(data.get("name"), 200)
    if when is None or not title:
        return None
    return {
        "title": title,
        "description": _text(data.get("description"), 10_000),
        "starts_at": when[0],
        "ends_at": when[1],
        **_place(data),
        "price": _price(data),
        "source_name": publisher_name(source)[:200],
        "source_url": url,
    }


def _locate(event: Event) -> None:
    try:
        event.set_location(lookup(event.postcode))
    except PostcodeError:
        event.latitude = event.longitude = None


def _new_slug(title: str, starts_at: datetime) -> str:
    base = f"{slugify(title)[:80].strip('-') or 'event'}-{timezone.localtime(starts_at):%Y-%m-%d}"
    slug, n = base, 1
    while Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def event_upsert(event: Event | None, values: dict) -> Event:
    """Create the event pending, or update it: material changes send it back to pending,
    a withdrawn one that comes back is listed again only after a moderator approves it."""
    if event is None:
        event = Event(slug=_new_slug(values["title"], values["starts_at"]))
    changed = event.pk is None or any(getattr(event, k) != v for k, v in values.items())
    if not changed and event.cancelled_at is None:
        return event
    old_postcode = event.postcode if event.pk else None
    for name, value in values.items():
        setattr(event, name, value)
    if event.postcode != old_postcode:
        _locate(event)
    event.cancelled_at, event.cancellation_reason = None, ""
    event.moderation_status = ModerationStatus.PENDING
    event.submitted_at = timezone.now()
    event.save()
    return event


def event_withdraw(event: Event) -> None:
    """The publisher withdrew the opportunity: cancel (not delete) its event."""
    if event.cancelled_at is None:
        event.cancelled_at = timezone.now()
        event.cancellation_reason = gettext("Withdrawn by its publisher, %(publisher)s.") % {
            "publisher": event.source_name
        }
        event.save()
