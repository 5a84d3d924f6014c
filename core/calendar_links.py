"""Add-to-calendar links: one helper for every page that offers a date to save.

A page shows three ways to put a date in a calendar: the site's own ``.ics`` file (any
calendar app), Google Calendar's and Outlook's "new event" pages pre-filled with the
title, the times, the place and a link back. The capability that owns the date passes
plain values (no model), so any app may use it; the ``.ics`` file itself is the owning
app's (``events:event-calendar``).
"""

from datetime import UTC, datetime
from urllib.parse import urlencode

from core.forms import one_line
from core.links import absolute_url

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def google_calendar_url(
    *, title: str, starts: datetime, ends: datetime, details: str = "", location: str = ""
) -> str:
    """Google Calendar's pre-filled "new event" page (times in UTC, ``Z``)."""
    dates = "/".join(_utc(m).strftime("%Y%m%dT%H%M%SZ") for m in (starts, ends))
    query = {"action": "TEMPLATE", "text": one_line(title), "dates": dates}
    if details:
        query["details"] = details
    if location:
        query["location"] = one_line(location)
    return f"{GOOGLE}?{urlencode(query)}"


def outlook_calendar_url(
    *, title: str, starts: datetime, ends: datetime, details: str = "", location: str = ""
) -> str:
    """Outlook on the web's pre-filled "new event" page (ISO 8601 times in UTC)."""
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": one_line(title),
        "startdt": _utc(starts).isoformat().replace("+00:00", "Z"),
        "enddt": _utc(ends).isoformat().replace("+00:00", "Z"),
    }
    if details:
        query["body"] = details
    if location:
        query["location"] = one_line(location)
    return f"{OUTLOOK}?{urlencode(query)}"


def calendar_links(
    *, title: str, starts: datetime, ends: datetime, ics_url: str, page_url: str, location: str = ""
) -> dict:
    """The three links for one date: ``ics`` (a path on this site), ``google``, ``outlook``.
    The calendar entries link back to ``page_url`` (made absolute on ``SITE_URL``)."""
    values = {
        "title": title,
        "starts": starts,
        "ends": ends,
        "details": absolute_url(page_url),
        "location": location,
    }
    return {
        "ics": ics_url,
        "google": google_calendar_url(**values),
        "outlook": outlook_calendar_url(**values),
    }
