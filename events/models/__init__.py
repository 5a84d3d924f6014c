"""Events and activities: one-off or regular, in a place, online, or both.

An ``Event`` is what the organiser describes (the first date, how it repeats, where, how
to join). Its ``Occurrence`` rows are its actual dates, expanded from the recurrence a
year ahead: listings search dates, and members say they are going to one date (an
``Rsvp``), because a weekly class has its places each week. Emails to the people coming
are outbox rows (``core.outbox``; purposes in ``events.emails``).
"""

from .events import EVENT_TZ, AttendanceMode, Event, EventQuerySet, Recurrence, https_only
from .feeds import PersonalCalendar
from .occurrences import CARD_FIELDS, TAG_SEPARATOR, Occurrence, OccurrenceQuerySet
from .rsvps import Rsvp, RsvpQuerySet, RsvpStatus

__all__ = [
    "CARD_FIELDS",
    "EVENT_TZ",
    "TAG_SEPARATOR",
    "AttendanceMode",
    "Event",
    "EventQuerySet",
    "Occurrence",
    "OccurrenceQuerySet",
    "PersonalCalendar",
    "Recurrence",
    "Rsvp",
    "RsvpQuerySet",
    "RsvpStatus",
    "https_only",
]
