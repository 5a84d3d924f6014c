"""Turn a harvested OpenActive opportunity into a site event, pending moderation.

An opportunity (a ``SessionSeries``, ``Event``, ``CourseInstance``…, not a
``ScheduledSession``, which is one date of a series) that gives a start (its own
``startDate``, a ``subEvent``'s, or an ``eventSchedule``: then a regular event) becomes an
``events.Event`` with no organiser and no submitter (so no moderation email goes to
anyone), credited to its publisher (``source_name``, ``source_url``) and waiting in the
moderation queue. This module only reads the feed: the event is saved, changed (back to
pending, the people going emailed) and cancelled by a tombstone in the events app's own
``events.services.imported``.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

FREQUENCIES = {"P1W": "weekly", "P2W": "fortnightly", "P1M": "monthly"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NOT_EVENTS = {"ScheduledSession", "Service", "Slot", "FacilityUse", "IndividualFacilityUse"}


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


def _schedule_part(value, default=""):
    return str(value or default).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def _schedule(data: dict) -> dict | None:
    """A regular opportunity (an ``eventSchedule``, as a ``PartialSchedule`` gives it): its
    first date from today (or its ``startDate``), how it repeats and until when."""
    schedules = data.get("eventSchedule")
    schedule = schedules[0] if isinstance(schedules, list) and schedules else None
    if not isinstance(schedule, dict):
        return None
    repeats = FREQUENCIES.get(str(schedule.get("repeatFrequency")))
    days = schedule.get("byDay") or []
    day = _schedule_part(days[0] if isinstance(days, list) and days else days)
    try:
        zone = ZoneInfo(str(schedule.get("scheduleTimezone") or settings.TIME_ZONE))
        start_time = time.fromisoformat(str(schedule.get("startTime")))
        end_time = time.fromisoformat(str(schedule.get("endTime")))
        first = date.fromisoformat(str(schedule.get("startDate") or "")[:10] or "0001-01-01")
        last = schedule.get("endDate")
        last = date.fromisoformat(str(last)[:10]) if last else None
    except (ValueError, ZoneInfoNotFoundError):
        return None
    if repeats is None or day not in WEEKDAYS:
        return None
    first = max(first, timezone.localdate(timezone=zone))
    first += timedelta(days=(WEEKDAYS.index(day) - first.weekday()) % 7)
    starts = datetime.combine(first, start_time, tzinfo=zone)
    ends = datetime.combine(first, end_time, tzinfo=zone)
    if ends <= starts:
        ends = starts + timedelta(hours=1)
    return {"starts_at": starts, "ends_at": ends, "recurrence": repeats, "repeat_until": last}


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
    return {
        "venue_name": _text(location.get("name"), 200),
        "address": street[:300],
        "postcode": postcode,
    }


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
    if kind in NOT_EVENTS:
        return None
    dates = _schedule(data)
    if dates is None and (when := _when(data)) is not None:
        dates = {"starts_at": when[0], "ends_at": when[1], "recurrence": "", "repeat_until": None}
    title = _text(data.get("name"), 200)
    if dates is None or not title:
        return None
    return {
        "title": title,
        "description": _text(data.get("description"), 10_000),
        **dates,
        **_place(data),
        "price": _price(data),
        "source_name": publisher_name(source)[:200],
        "source_url": url,
    }
