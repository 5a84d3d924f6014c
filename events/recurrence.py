"""Regular activities: an event's dates from its recurrence, its RRULE, and how to say it.

One rule, two uses: the same parameters build the RFC 5545 ``RRULE`` of the calendar
files and the ``dateutil`` rule that expands the dates listings show, so a calendar app
and the site always agree. Dates repeat on UK wall-clock time: a Tuesday class at 19:00
stays at 19:00 when the clocks change.
"""

from datetime import UTC, date, datetime, time, timedelta

from dateutil import rrule as du
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import EVENT_TZ, Event, Recurrence

# Listings look this far ahead for the dates of regular activities.
HORIZON_DAYS = 365
MAX_DATES = 60

DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAYS = [du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU]
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def local(value: datetime) -> datetime:
    """A datetime on UK wall-clock time, without tzinfo."""
    return timezone.localtime(value, EVENT_TZ).replace(tzinfo=None)


def week_of_month(day: date) -> int:
    """1 to 4 for the first to fourth such weekday of its month; -1 for a fifth (the last)."""
    n = (day.day - 1) // 7 + 1
    return -1 if n == 5 else n


def until_utc(repeat_until: date) -> datetime:
    """The end of the last day it may happen, in UTC (RFC 5545 wants UNTIL in UTC)."""
    return datetime.combine(repeat_until, time(23, 59, 59), tzinfo=EVENT_TZ).astimezone(UTC)


def rule_parts(event: Event) -> dict | None:
    """The event's RRULE as a dict for ``icalendar.vRecur``, or None for a one-off."""
    if not event.recurrence:
        return None
    start = local(event.starts_at)
    day = DAY_CODES[start.weekday()]
    if event.recurrence == Recurrence.MONTHLY:
        parts = {"FREQ": "MONTHLY", "BYDAY": [f"{week_of_month(start.date())}{day}"]}
    else:
        parts = {"FREQ": "WEEKLY", "BYDAY": [day]}
        if event.recurrence == Recurrence.FORTNIGHTLY:
            parts["INTERVAL"] = 2
    if event.repeat_until:
        parts["UNTIL"] = until_utc(event.repeat_until)
    return parts


def _rule(event: Event) -> du.rrule:
    start = local(event.starts_at)
    weekday = _WEEKDAYS[start.weekday()]
    until = datetime.combine(event.repeat_until, time(23, 59, 59)) if event.repeat_until else None
    if event.recurrence == Recurrence.MONTHLY:
        return du.rrule(
            du.MONTHLY, byweekday=weekday(week_of_month(start.date())), dtstart=start, until=until
        )
    interval = 2 if event.recurrence == Recurrence.FORTNIGHTLY else 1
    return du.rrule(du.WEEKLY, interval=interval, byweekday=weekday, dtstart=start, until=until)


def _aware(wall: datetime) -> datetime:
    return wall.replace(tzinfo=EVENT_TZ)


def event_dates(
    event: Event,
    *,
    after: datetime | None = None,
    horizon_days: int = HORIZON_DAYS,
    limit: int = MAX_DATES,
) -> list[tuple[datetime, datetime]]:
    """The (start, end) of each date of ``event`` that ends after ``after`` (default now).

    A one-off has its one date; a regular activity has its dates up to ``horizon_days``
    from ``after``, at most ``limit`` of them. Times are aware, on UK time.
    """
    after = after or timezone.now()
    if not event.recurrence:
        return [(event.starts_at, event.ends_at)] if event.ends_at >= after else []
    start = local(event.starts_at)
    duration = local(event.ends_at) - start
    horizon = local(after) + timedelta(days=horizon_days)
    dates = []
    # A date still under way at ``after`` counts: look from one duration earlier.
    for wall in _rule(event).xafter(local(after) - duration, inc=True):
        if wall > horizon or len(dates) >= limit:
            break
        begins, ends = _aware(wall), _aware(wall + duration)
        if ends >= after:
            dates.append((begins, ends))
    return dates


def _weekday(value: date) -> str:
    """The day's name as it follows "every"/"on" ("Tuesday"; Welsh "Mawrth", after "dydd")."""
    names = [
        pgettext("weekday, after 'every' or 'on'", "Monday"),
        pgettext("weekday, after 'every' or 'on'", "Tuesday"),
        pgettext("weekday, after 'every' or 'on'", "Wednesday"),
        pgettext("weekday, after 'every' or 'on'", "Thursday"),
        pgettext("weekday, after 'every' or 'on'", "Friday"),
        pgettext("weekday, after 'every' or 'on'", "Saturday"),
        pgettext("weekday, after 'every' or 'on'", "Sunday"),
    ]
    return names[value.weekday()]


def _monthly(week: int, day: str) -> str:
    # Whole sentences, not an ordinal word: Welsh puts some ordinals after the day.
    sentences = {
        1: _("Every month on the first %(day)s"),
        2: _("Every month on the second %(day)s"),
        3: _("Every month on the third %(day)s"),
        4: _("Every month on the fourth %(day)s"),
        -1: _("Every month on the last %(day)s"),
    }
    return sentences[week] % {"day": day}


def describe(event: Event) -> str:
    """How often it happens, in words: "Every two weeks on Tuesday, until 31 March 2027"."""
    if not event.recurrence:
        return ""
    start = local(event.starts_at)
    day = _weekday(start.date())
    if event.recurrence == Recurrence.MONTHLY:
        text = _monthly(week_of_month(start.date()), day)
    elif event.recurrence == Recurrence.FORTNIGHTLY:
        text = _("Every two weeks on %(day)s") % {"day": day}
    else:
        text = _("Every %(day)s") % {"day": day}
    if event.repeat_until:
        text += _(", until %(date)s") % {"date": date_format(event.repeat_until, "j F Y")}
    return text


def day_text(value: date) -> str:
    """ "Tuesday 3 December 2026" ("Dydd Mawrth 3 Rhagfyr 2026")."""
    return date_format(value, "l j F Y")


def when_text(event: Event, start: datetime | None = None, end: datetime | None = None) -> str:
    """When it happens, in words, on UK time.

    With ``start``/``end`` (one date of it): "Tuesday 3 December 2026, 19:00 to 20:30".
    Without: the whole schedule, "Every Tuesday, 19:00 to 20:30, from 3 December 2026".
    """
    one_date = start is not None
    begins, ends = local(start or event.starts_at), local(end or event.ends_at)
    times = _("%(start)s to %(end)s") % {"start": f"{begins:%H:%M}", "end": f"{ends:%H:%M}"}
    if event.recurrence and not one_date:
        return _("%(schedule)s, %(times)s, from %(date)s") % {
            "schedule": describe(event),
            "times": times,
            "date": date_format(begins.date(), "j F Y"),
        }
    if begins.date() == ends.date():
        return f"{day_text(begins.date())}, {times}"
    return _("%(start)s to %(end)s") % {
        "start": f"{day_text(begins.date())} {begins:%H:%M}",
        "end": f"{day_text(ends.date())} {ends:%H:%M}",
    }
