"""Workflows of the events app: submitting and changing events, RSVPs, and notices.

Split by sub-domain; import from here: ``from events.services import rsvp_create``.
"""

from .events import (
    event_cancel,
    event_schedule_refresh,
    event_schedules_extend,
    event_submit,
    event_update,
)
from .imported import imported_event_save, imported_event_withdraw
from .next_dates import (
    event_next_date_set,
    next_dates_fill,
    next_dates_move,
    next_dates_move_when_due,
)
from .notices import reminders_queue
from .rsvps import RsvpClosed, RsvpError, RsvpExists, rsvp_cancel, rsvp_create

__all__ = [
    "RsvpClosed",
    "RsvpError",
    "RsvpExists",
    "event_cancel",
    "event_next_date_set",
    "event_schedule_refresh",
    "event_schedules_extend",
    "event_submit",
    "event_update",
    "imported_event_save",
    "imported_event_withdraw",
    "next_dates_fill",
    "next_dates_move",
    "next_dates_move_when_due",
    "reminders_queue",
    "rsvp_cancel",
    "rsvp_create",
]
