"""“What's near you that helps”: spaces, events and groups whose tags fit weak domains.

It combines three capabilities for a fourth's page, so it lives in the portal, which shows it
on the wellbeing postcode page through the "wellbeing-postcode" panel slot (portal/panels.py).
Reads only the other apps' public selectors, as the house style asks. Every postcode page
shows this, so asking the database three questions per page view would cost more than the
rest of the page together. Instead each process keeps a snapshot of everything tagged with a
helpful tag (approved spaces and groups, upcoming events), taken through the selectors and
refreshed every ``SNAPSHOT_SECONDS``; a page then picks what is near its postcode in memory,
nearest (or soonest) first. A newly approved listing shows up within that time.
"""

import itertools
import math
import os
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime

from django.utils import timezone

from communities.selectors import groups_near
from events.selectors import events_near
from postcodes.geo import Point, bounding_box, distance_km
from spaces.selectors import spaces_near
from wellbeing_index.selectors import help_tags_all

SPACES_KM = 5
EVENTS_KM = 10
GROUPS_KM = 10
PER_KIND = 4
SNAPSHOT_SECONDS = 120
# Centre and radius that take in the whole UK (Shetland to Scilly, Fermanagh to Lowestoft).
UK_CENTRE = Point(55.0, -3.5)
UK_RADIUS_KM = 1200
CELL_DEGREES = 0.2


@dataclass(frozen=True)
class Place:
    """A space, event or group as “what's near you” shows it."""

    kind: str  # "space", "event" or "group"
    name: str
    url: str
    point: Point
    tags: frozenset[str]  # lower case
    starts_at: datetime | None = None
    distance_km: float | None = None


@dataclass(frozen=True)
class NearbyHelp:
    spaces: list
    events: list
    groups: list

    @property
    def is_empty(self) -> bool:
        return not (self.spaces or self.events or self.groups)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES))


_generations = itertools.count(1)


class _Snapshot:
    def __init__(self, places: list[Place]):
        self.taken = time.monotonic()
        # Names this snapshot among every one taken by any process (a rendered panel is
        # cached under it: see portal/panels.py).
        self.generation = f"{os.getpid()}.{next(_generations)}"
        self.cells: dict[tuple[int, int], list[Place]] = {}
        for place in places:
            self.cells.setdefault(_cell(place.point.lat, place.point.lon), []).append(place)

    def around(self, point: Point, km: float):
        """Places in the grid cells that a circle of ``km`` around ``point`` touches."""
        min_lat, max_lat, min_lon, max_lon = bounding_box(point, km)
        low = _cell(min_lat, min_lon)
        high = _cell(max_lat, max_lon)
        for i in range(low[0], high[0] + 1):
            for j in range(low[1], high[1] + 1):
                yield from self.cells.get((i, j), ())


_snapshot: _Snapshot | None = None
_lock = threading.Lock()


def _places(items, kind: str, name_attr: str) -> list[Place]:
    places = []
    for item in items:
        point = item.point
        if point is None:
            continue
        places.append(
            Place(
                kind=kind,
                name=getattr(item, name_attr),
                url=item.get_absolute_url(),
                point=point,
                tags=frozenset(t.name.lower() for t in item.tags.all()),
                # Events: the next date of a regular activity, else the date.
                starts_at=getattr(item, "next_starts_at", None) or getattr(item, "starts_at", None),
            )
        )
    return places


def _take_snapshot(tags: list[str]) -> _Snapshot:
    names = _tag_variants(tags)
    everywhere = {"point": UK_CENTRE, "km": UK_RADIUS_KM, "tags": names, "limit": None}
    places = (
        _places(spaces_near(**everywhere), "space", "name")
        + _places(events_near(**everywhere), "event", "title")
        + _places(groups_near(**everywhere), "group", "name")
    )
    return _Snapshot(places)


def _tag_variants(tags: list[str]) -> list[str]:
    # Tags are matched exactly in the database; members type them in any case.
    variants = []
    for tag in tags:
        for form in (tag, tag.lower(), tag.capitalize(), tag.title()):
            if form not in variants:
                variants.append(form)
    return variants


def snapshot_clear() -> None:
    global _snapshot
    with _lock:
        _snapshot = None


def _current_snapshot() -> _Snapshot:
    global _snapshot
    snapshot = _snapshot
    if snapshot is None or time.monotonic() - snapshot.taken > SNAPSHOT_SECONDS:
        with _lock:
            if _snapshot is None or time.monotonic() - _snapshot.taken > SNAPSHOT_SECONDS:
                _snapshot = _take_snapshot(help_tags_all())
            snapshot = _snapshot
    return snapshot


def snapshot_generation() -> str:
    """The name of the snapshot ``help_nearby`` answers from now: it changes whenever the
    snapshot is taken again, so what was rendered from the old one is no longer read."""
    return _current_snapshot().generation


def help_nearby(*, point: Point, tags: list[str]) -> NearbyHelp:
    """Approved spaces (within 5 km), upcoming events and groups (within 10 km) near
    ``point`` tagged with any of ``tags``; at most four of each, nearest (events: soonest)
    first. Served from a snapshot at most ``SNAPSHOT_SECONDS`` old."""
    wanted = {t.lower() for t in tags}
    if not wanted:
        return NearbyHelp(spaces=[], events=[], groups=[])
    snapshot = _current_snapshot()
    now = timezone.now()
    found: dict[str, list[Place]] = {"space": [], "event": [], "group": []}
    radius = {"space": SPACES_KM, "event": EVENTS_KM, "group": GROUPS_KM}
    for place in snapshot.around(point, max(radius.values())):
        if not place.tags & wanted:
            continue
        km = distance_km(point, place.point)
        if km <= radius[place.kind]:
            found[place.kind].append(replace(place, distance_km=round(km, 1)))
    far_future = datetime.max.replace(tzinfo=now.tzinfo)
    return NearbyHelp(
        spaces=sorted(found["space"], key=lambda p: p.distance_km)[:PER_KIND],
        events=sorted(found["event"], key=lambda p: (p.starts_at or far_future, p.distance_km))[
            :PER_KIND
        ],
        groups=sorted(found["group"], key=lambda p: p.distance_km)[:PER_KIND],
    )
