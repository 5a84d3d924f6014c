"""The VTIMEZONE of a calendar file, computed from ``zoneinfo``'s own transitions.

``icalendar`` (7.3) writes Europe/London's spring change with DTSTART 02:00, but RFC 5545
reads an observance's DTSTART in the offset in force *before* it (TZOFFSETFROM): 02:00
GMT is 02:00 UTC, an hour after the real change at 01:00 UTC, so calendar apps put times
between 01:00 and 02:00 UTC on the last Sunday of March an hour wrong. Here each
transition's DTSTART is the instant ``zoneinfo`` changes offset, written in the offset
before it; the note for upstream is in docs/events.md.
"""

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import icalendar


def _offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    return instant.astimezone(zone).utcoffset()


def _change_within(zone: ZoneInfo, start: datetime, end: datetime) -> datetime:
    """The first UTC minute in (start, end] whose offset differs from ``start``'s."""
    before = _offset(zone, start)
    while end - start > timedelta(minutes=1):
        middle = start + (end - start) / 2
        middle = middle.replace(second=0, microsecond=0)
        if middle <= start:
            middle = start + timedelta(minutes=1)
        if _offset(zone, middle) == before:
            start = middle
        else:
            end = middle
    return end


def transitions(
    zone: ZoneInfo, first: date, last: date
) -> list[tuple[datetime, timedelta, timedelta]]:
    """(UTC instant, offset before, offset after) of each change of ``zone`` from
    ``first`` to ``last``."""
    found = []
    day = datetime.combine(first, time.min, tzinfo=UTC)
    end = datetime.combine(last, time.min, tzinfo=UTC)
    while day < end:
        following = day + timedelta(days=1)
        before, after = _offset(zone, day), _offset(zone, following)
        if before != after:
            found.append((_change_within(zone, day, following), before, after))
        day = following
    return found


def _observance(kind, onsets: list[datetime], before, after, name: str):
    component = kind()
    component.add("dtstart", onsets[0])
    if len(onsets) > 1:
        component.add("rdate", onsets[1:])
    component.add("tzname", name)
    component.add("tzoffsetfrom", before)
    component.add("tzoffsetto", after)
    return component


@lru_cache(maxsize=32)
def vtimezone(key: str, first: date, last: date) -> icalendar.Timezone:
    """The VTIMEZONE of zone ``key`` for dates from ``first`` to ``last``."""
    zone = ZoneInfo(key)
    component = icalendar.Timezone()
    component.add("tzid", key)
    start = datetime.combine(first, time.min, tzinfo=UTC)
    offset = _offset(zone, start)
    # What is in force at the start of the range, then each change.
    component.add_component(
        _observance(
            icalendar.TimezoneDaylight
            if start.astimezone(zone).dst()
            else icalendar.TimezoneStandard,
            [(start + offset).replace(tzinfo=None)],
            offset,
            offset,
            start.astimezone(zone).tzname(),
        )
    )
    groups: dict[tuple, list[datetime]] = {}
    for instant, before, after in transitions(zone, first, last):
        local = instant.astimezone(zone)
        key_ = (bool(local.dst()), before, after, local.tzname())
        # DTSTART is read in the offset before the change (RFC 5545 3.6.5).
        groups.setdefault(key_, []).append((instant + before).replace(tzinfo=None))
    for (daylight, before, after, name), onsets in groups.items():
        kind = icalendar.TimezoneDaylight if daylight else icalendar.TimezoneStandard
        component.add_component(_observance(kind, onsets, before, after, name))
    return component
