"""OpenActive (Modelling Opportunity Data 2.0) items and RPDE 1.0 pages built from events.

An event is published as a ``SessionSeries`` (and each of its dates as a
``ScheduledSession``) when it is approved, not cancelled, held in a place, and carries an
interest mapped to an OpenActive activity. Anything else (pending, rejected, cancelled,
deleted, online only, unmapped) is a tombstone: ``{"state": "deleted"}``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from core.links import url_for_each
from events import selectors as events

from ..activities import ACTIVITY_LIST_URL
from ..models import ActivityMapping, FeedKind, FeedStamp

CONTEXT = ["https://openactive.io/", "https://openactive.io/ns-beta"]
SCHEMA = "https://schema.org/"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
PAGE_SIZE = 500
TZ = ZoneInfo(settings.TIME_ZONE)
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FREQUENCY = {"weekly": "P1W", "fortnightly": "P2W", "monthly": "P1M"}


@dataclass(frozen=True)
class Page:
    items: list[dict]
    next_timestamp: int | None
    next_id: int | None

    @property
    def is_last(self) -> bool:
        return not self.items


def activity_map() -> dict[str, tuple[str, str]]:
    """Tag (lower case) → (activity id, activity name), for every mapping with a known id."""
    return {
        tag: (activity_id, label)
        for tag, activity_id, label in ActivityMapping.objects.values_list(
            "tag", "activity_id", "activity_label"
        )
        if label
    }


def _activities(event, mapping) -> list[dict]:
    found = {}
    for name in event.interest_names:
        if name.lower() in mapping:
            activity_id, label = mapping[name.lower()]
            found[activity_id] = label
    return [
        {"@type": "Concept", "@id": activity_id, "prefLabel": label, "inScheme": ACTIVITY_LIST_URL}
        for activity_id, label in sorted(found.items(), key=lambda pair: pair[1])
    ]


def is_published(event, mapping) -> bool:
    """``event`` comes from ``events.selectors.events_by_ids`` (or a date's event from
    ``occurrences_by_ids``): it carries ``interest_names``."""
    return (
        event.is_approved
        and not event.is_cancelled
        and event.is_in_person
        and any(name.lower() in mapping for name in event.interest_names)
    )


@dataclass(frozen=True)
class Links:
    """Absolute page addresses of a feed page's items, from one reverse() per kind of page
    for the whole page (per item, reverse() and looking up the active language cost more
    than the rest of the item): ``links.event(slug)``."""

    event: Callable[[str], str]
    space: Callable[[str], str]
    group: Callable[[str], str]

    @classmethod
    def current(cls) -> "Links":
        site = settings.SITE_URL

        def absolute(url_name):
            path = url_for_each(url_name)
            return lambda slug: site + path(slug)

        return cls(
            event=absolute("events:event-detail"),
            space=absolute("spaces:space-detail"),
            group=absolute("communities:group-detail"),
        )


def series_url(event, links: Links) -> str:
    return links.event(event.slug)


def _iso(value) -> str:
    return value.astimezone(TZ).isoformat()


def _duration(starts, ends) -> str:
    minutes = int((ends - starts).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")


def _place(event, links: Links) -> dict:
    space_url = links.space(event.space.slug) if event.space_id else None
    return events.place_jsonld(event, url=space_url)


def _organizer(event, url: str, links: Links) -> dict:
    if event.group_id:
        return {
            "@type": "Organization",
            "name": event.group.name,
            "url": links.group(event.group.slug),
        }
    return {
        "@type": "Person",
        "@id": url + "#organiser",
        "name": event.organiser_name,
    }


def _schedule(event) -> list[dict]:
    starts = event.starts_at.astimezone(TZ)
    ends = event.ends_at.astimezone(TZ)
    schedule = {
        "@type": "PartialSchedule",
        "repeatFrequency": FREQUENCY[event.recurrence],
        "byDay": [SCHEMA + DAYS[starts.weekday()]],
        "startTime": starts.strftime("%H:%M"),
        "endTime": ends.strftime("%H:%M"),
        "scheduleTimezone": settings.TIME_ZONE,
    }
    return [schedule]


def series_data(event, mapping, links: Links) -> dict:
    """The ``SessionSeries`` of a published event."""
    url = series_url(event, links)
    data = {
        "@context": CONTEXT,
        "@type": "SessionSeries",
        "@id": url,
        "identifier": event.pk,
        "name": event.title,
        "url": url,
        "activity": _activities(event, mapping),
        "organizer": _organizer(event, url, links),
        "location": _place(event, links),
        "offers": [
            {
                "@type": "Offer",
                "@id": url + "#offer",
                "name": "Price" if event.price else "Free",
                "price": float(event.price),
                "priceCurrency": "GBP",
            }
        ],
    }
    if event.description:
        data["description"] = event.description
    if event.accessibility_notes:
        data["accessibilityInformation"] = event.accessibility_notes
    if event.is_recurring:
        data["eventSchedule"] = _schedule(event)
    else:
        data["subEvent"] = [
            _session_core(occurrence, url) for occurrence in getattr(event, "single_dates", [])
        ]
    if event.capacity:
        data["maximumAttendeeCapacity"] = event.capacity
    if event.image_url:
        data["image"] = [{"@type": "ImageObject", "url": settings.SITE_URL + event.image_url}]
    return data


def _session_core(occurrence, url: str) -> dict:
    return {
        "@type": "ScheduledSession",
        "@id": f"{url}#date-{occurrence.pk}",
        "identifier": occurrence.pk,
        "startDate": _iso(occurrence.starts_at),
        "endDate": _iso(occurrence.ends_at),
        "duration": _duration(occurrence.starts_at, occurrence.ends_at),
        "eventStatus": SCHEMA + ("EventCancelled" if occurrence.is_cancelled else "EventScheduled"),
    }


def session_data(occurrence, links: Links) -> dict:
    """The ``ScheduledSession`` of one date of a published event."""
    event = occurrence.event
    url = series_url(event, links)
    data = {"@context": CONTEXT, **_session_core(occurrence, url), "superEvent": url}
    if event.capacity:
        data["maximumAttendeeCapacity"] = event.capacity
        data["remainingAttendeeCapacity"] = max(event.capacity - occurrence.going_count, 0)
    return data


def _published_data(kind: str, row, mapping, links: Links) -> dict | None:
    """The item's data if it is published, else None (a tombstone)."""
    if row is None:
        return None
    if kind == FeedKind.SESSION_SERIES:
        return series_data(row, mapping, links) if is_published(row, mapping) else None
    return session_data(row, links) if is_published(row.event, mapping) else None


def _stamps(kind: str, after_timestamp: int | None, after_id: int | None, limit: int):
    qs = FeedStamp.objects.filter(kind=kind)
    if after_timestamp is not None:
        later = Q(modified__gt=after_timestamp)
        if after_id is not None:
            later |= Q(modified=after_timestamp, item_id__gt=after_id)
        qs = qs.filter(later)
    return list(qs.order_by("modified", "item_id").values_list("item_id", "modified")[:limit])


def feed_page(
    kind: str, *, after_timestamp: int | None, after_id: int | None, limit: int = PAGE_SIZE
) -> Page:
    """One RPDE page of feed ``kind`` after (``after_timestamp``, ``after_id``): items in
    (modified, id) order, published ones with their data, the rest as tombstones. Reads
    the events themselves, so a change shows in the next request."""
    stamps = _stamps(kind, after_timestamp, after_id, limit)
    mapping = activity_map()
    ids = [item_id for item_id, _modified in stamps]
    if kind == FeedKind.SESSION_SERIES:
        rows = events.events_by_ids(ids)
    else:
        rows = events.occurrences_by_ids(ids)
    links = Links.current()
    items = []
    for item_id, modified in stamps:
        data = _published_data(kind, rows.get(item_id), mapping, links)
        item = {"state": "updated" if data else "deleted", "kind": kind, "id": item_id}
        item["modified"] = modified
        if data:
            item["data"] = data
        items.append(item)
    if not stamps:
        return Page([], after_timestamp, after_id)
    return Page(items, stamps[-1][1], stamps[-1][0])


def feed_urls() -> dict[str, str]:
    return {
        FeedKind.SESSION_SERIES: reverse("opendata:feed-session-series"),
        FeedKind.SCHEDULED_SESSION: reverse("opendata:feed-scheduled-sessions"),
    }
