"""iCalendar (RFC 5545) files: one event, a search, an organiser's or a group's events.

Built with the ``icalendar`` package. A regular activity is one VEVENT with an RRULE
(the same rule that expands its dates on the site, see ``events.recurrence``); times
carry TZID=Europe/London with its VTIMEZONE, so calendar apps keep 19:00 at 19:00
across the clock change. Public files never hold the online join link: only the copy
attached to a going member's confirmation email does.

Every text written here passes ``_line`` (one-line values: no control characters at all)
or ``_text`` (descriptions: line breaks kept as ``\n``, other control characters dropped):
RFC 5545 allows no control character but tab in a value, and the icalendar package
refuses a raw line break in the calendar's name, so a title saved before one-line fields
were enforced must still give a valid file, never a 500.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import one_line
from core.links import absolute_url

from . import recurrence
from .models import EVENT_TZ, Event, Occurrence
from .vtimezone import vtimezone

PRODID = "-//coopcentre//events//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _line(value) -> str:
    return one_line(str(value))


def _text(value: str) -> str:
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(one_line(line) for line in lines).strip()


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "coopcentre.localhost"


def _description(event: Event, *, include_join: bool) -> str:
    lines = [event.description.strip()] if event.description.strip() else []
    cost = "Free" if event.is_free else f"£{event.price:.2f}"
    if event.price_note:
        cost += f" ({event.price_note})"
    lines.append(f"Cost: {cost}")
    if event.accessibility_notes:
        lines.append(f"Accessibility: {event.accessibility_notes.strip()}")
    if event.is_online:
        if include_join:
            lines.append(f"Join online: {event.join_url}")
            if event.join_details:
                lines.append(event.join_details.strip())
        else:
            lines.append("Join online: the link is on the event page once you say you're going.")
    lines.append(f"Organised by {event.organiser_name}")
    lines.append(absolute_url(event.get_absolute_url()))
    return "\n\n".join(lines)


def _location(event: Event) -> str:
    if event.is_in_person:
        place = event.place_name
        return f"{place} (and online)" if event.is_online else place
    return "Online"


def _common(component: icalendar.Event, event: Event, *, include_join: bool) -> None:
    component.add("dtstamp", datetime.now(UTC))
    component.add("summary", _line(event.title))
    component.add("description", _text(_description(event, include_join=include_join)))
    component.add("location", _line(_location(event)))
    component.add("url", absolute_url(event.get_absolute_url()))
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    component.add("sequence", event.sequence)
    component.add("created", event.created_at.astimezone(UTC))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    if event.is_in_person and event.latitude is not None:
        component.add("geo", (round(event.latitude, 6), round(event.longitude, 6)))
    tags = [_line(tag.name) for tag in event.tags.all()]
    if tags:
        component.add("categories", tags)


def event_vevent(event: Event, *, include_join: bool = False) -> icalendar.Event:
    """The whole event as one VEVENT; a regular activity carries its RRULE."""
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{_host()}")
    component.add("dtstart", timezone.localtime(event.starts_at, EVENT_TZ))
    component.add("dtend", timezone.localtime(event.ends_at, EVENT_TZ))
    rule = recurrence.rule_parts(event)
    if rule:
        component.add("rrule", rule)
    # Dates taken out of the schedule while people had replied stay out of calendars too.
    exdates = [
        timezone.localtime(o.starts_at, EVENT_TZ)
        for o in event.occurrences.all()
        if o.is_cancelled and event.recurrence
    ]
    if exdates:
        component.add("exdate", exdates)
    _common(component, event, include_join=include_join)
    return component


def _calendar(components: Iterable[icalendar.Event], *, name: str, url: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.calendar_name = _line(name)
    cal.add("url", url)
    # Clients refresh subscribed feeds about this often.
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    starts = []
    for component in components:
        cal.add_component(component)
        starts.append(component.decoded("dtstart"))
    if starts:
        # A VTIMEZONE covering the dates in the file, not the zone's whole history.
        first = min(s.date() if isinstance(s, datetime) else s for s in starts)
        cal.add_component(
            vtimezone(
                EVENT_TZ.key,
                first - timedelta(days=366),
                date(timezone.localdate().year + 3, 1, 1),
            )
        )
    return cal.to_ical()


def events_ics(events: Iterable[Event], *, name: str, url: str) -> bytes:
    """A calendar of whole events (a feed): each one-off or series once."""
    return _calendar((event_vevent(e) for e in events), name=name, url=url)


def occurrence_vevent(
    occurrence: Occurrence, *, include_join: bool = False, waiting: bool = False
) -> icalendar.Event:
    """One date of an event as a VEVENT. Its UID is the same in the email attachment, the
    date's download and the member's own feed, so a calendar app keeps one copy. A
    waiting-list place is TENTATIVE and says so in its title."""
    event = occurrence.event
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}-{occurrence.pk}@{_host()}")
    component.add("dtstart", timezone.localtime(occurrence.starts_at, EVENT_TZ))
    component.add("dtend", timezone.localtime(occurrence.ends_at, EVENT_TZ))
    _common(component, event, include_join=include_join)
    if occurrence.is_cancelled:
        component["status"] = icalendar.vText("CANCELLED")
    elif waiting and not event.is_cancelled:
        component["status"] = icalendar.vText("TENTATIVE")
        component["summary"] = icalendar.vText(_line(f"Waiting list: {event.title}"))
    return component


def occurrence_ics(occurrence: Occurrence, *, include_join: bool = False) -> bytes:
    """A calendar file for one date of an event (attached to a going member's email, and
    the "add to your calendar" download of that date)."""
    component = occurrence_vevent(occurrence, include_join=include_join)
    event = occurrence.event
    return _calendar([component], name=event.title, url=absolute_url(event.get_absolute_url()))


def personal_ics(replies: Iterable, *, name: str, url: str) -> bytes:
    """A member's own feed: one VEVENT per date they replied to. Dates they are going to
    carry the online join link (as their confirmation email does); waiting-list places
    are tentative and without it."""
    components = (
        occurrence_vevent(reply.occurrence, include_join=reply.is_going, waiting=reply.is_waiting)
        for reply in replies
    )
    return _calendar(components, name=name, url=url)


def calendar_date(
    event: Event, *, starts: datetime, ends: datetime, occurrence_id: int | None
) -> dict:
    """What ``{% add_to_calendar %}`` (``core.calendar_links``) needs to save one date of
    ``event``: its title, times, place, page and its ``.ics`` (that date alone for a
    regular activity, the event's own file for a one-off)."""
    ics_url = reverse("events:event-calendar", args=[event.slug])
    return {
        "title": event.title,
        "starts": starts,
        "ends": ends,
        "ics_url": f"{ics_url}?date={occurrence_id}"
        if event.is_recurring and occurrence_id
        else ics_url,
        "page_url": event.get_absolute_url(),
        "location": event.place_name or _("Online"),
    }
