"""schema.org ``Event`` JSON-LD for event pages, so search engines and apps understand them.

See https://schema.org/Event. ``eventAttendanceMode`` says offline, online or mixed; the
online location is the event page (the join link is only for people going); a regular
activity has an ``eventSchedule``.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.links import absolute_url
from postcodes.services import authority_name

from . import recurrence
from .models import EVENT_TZ, AttendanceMode, Event, Occurrence, Recurrence

SCHEMA = "https://schema.org/"
MODES = {
    AttendanceMode.IN_PERSON: "OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "MixedEventAttendanceMode",
}
FREQUENCY = {
    Recurrence.WEEKLY: "P1W",
    Recurrence.FORTNIGHTLY: "P2W",
    Recurrence.MONTHLY: "P1M",
}

# The characters that could end a <script> element or open a comment, escaped as JSON.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _iso(value) -> str:
    return timezone.localtime(value, EVENT_TZ).isoformat()


def place(event: Event, *, url: str | None = None) -> dict:
    """The schema.org ``Place`` where ``event`` is held: its venue, postal address (the
    council as the locality people know, "Manchester", "Cardiff"; the nation as the
    region) and coordinates; ``url`` is the page of the space it is held at, if any.

    The one place builder of the event page's JSON-LD and the OpenActive feeds (through
    ``events.selectors.place_jsonld``): OpenActive wants a locality and a region on every
    address, so a place whose council is unknown falls back to its district, then "UK".
    """
    address = {"@type": "PostalAddress", "addressCountry": "GB"}
    if event.address:
        address["streetAddress"] = event.address
    address["addressLocality"] = authority_name(event.lad_code) or event.outcode or "UK"
    address["addressRegion"] = event.nation or "United Kingdom"
    if event.postcode:
        address["postalCode"] = event.postcode
    data = {"@type": "Place", "name": event.venue_name or event.place_name, "address": address}
    if event.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(event.latitude, 6),
            "longitude": round(event.longitude, 6),
        }
    if url:
        data["url"] = url
    return data


def _schedule(event: Event) -> dict:
    start = recurrence.local(event.starts_at)
    end = recurrence.local(event.ends_at)
    schedule = {
        "@type": "Schedule",
        "repeatFrequency": FREQUENCY[event.recurrence],
        "byDay": SCHEMA + recurrence.DAY_NAMES[start.weekday()],
        "startDate": start.date().isoformat(),
        "startTime": start.strftime("%H:%M"),
        "endTime": end.strftime("%H:%M"),
        "scheduleTimezone": settings.TIME_ZONE,
    }
    if event.recurrence == Recurrence.MONTHLY:
        schedule["byMonthWeek"] = recurrence.week_of_month(start.date())
    if event.repeat_until:
        schedule["endDate"] = event.repeat_until.isoformat()
    return schedule


def _offer(event: Event, occurrence: Occurrence | None, url: str) -> dict:
    """Replies as an Offer: open since the event was listed; a cancelled event's (or
    date's) is discontinued and a full date's sold out, never "in stock"."""
    if event.is_cancelled or (occurrence is not None and occurrence.is_cancelled):
        availability = "Discontinued"
    elif occurrence is not None and occurrence.is_full:
        availability = "SoldOut"
    else:
        availability = "InStock"
    return {
        "@type": "Offer",
        "price": f"{event.price:.2f}",
        "priceCurrency": "GBP",
        "url": url,
        "availability": SCHEMA + availability,
        "validFrom": _iso(event.reviewed_at or event.submitted_at),
    }


def event_jsonld(event: Event, occurrence: Occurrence | None = None) -> dict:
    """The schema.org Event for ``event``, dated by ``occurrence`` (its next date) if given."""
    url = absolute_url(event.get_absolute_url())
    starts = occurrence.starts_at if occurrence else event.starts_at
    ends = occurrence.ends_at if occurrence else event.ends_at
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description or event.title,
        "url": url,
        "startDate": _iso(starts),
        "endDate": _iso(ends),
        "eventStatus": SCHEMA + ("EventCancelled" if event.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + MODES[event.attendance_mode],
        "isAccessibleForFree": event.is_free,
        "inLanguage": "en-GB",
    }
    locations = []
    if event.is_in_person:
        space_url = absolute_url(event.space.get_absolute_url()) if event.space_id else None
        locations.append(place(event, url=space_url))
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": url})
    data["location"] = locations[0] if len(locations) == 1 else locations
    if event.group_id:
        data["organizer"] = {
            "@type": "Organization",
            "name": event.group.name,
            "url": absolute_url(event.group.get_absolute_url()),
        }
    else:
        data["organizer"] = {"@type": "Person", "name": event.organiser_name}
        if event.organiser_id:
            data["organizer"]["url"] = absolute_url(
                reverse("events:organiser", args=[event.organiser_id])
            )
    data["offers"] = _offer(event, occurrence, url)
    if event.capacity:
        data["maximumAttendeeCapacity"] = event.capacity
        if occurrence is not None:
            data["remainingAttendeeCapacity"] = occurrence.places_left
    if event.is_recurring:
        data["eventSchedule"] = _schedule(event)
    if event.image:
        data["image"] = [absolute_url(event.image.url)]
    tags = [tag.name for tag in event.tags.all()]
    if tags:
        data["keywords"] = ", ".join(tags)
    return data


def script_json(data: dict) -> str:
    """JSON safe to put inside a <script type="application/ld+json"> element."""
    return json.dumps(data, ensure_ascii=False, indent=None).translate(_SCRIPT_SAFE)
