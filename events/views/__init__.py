"""Views of the events app, split by what the member is doing."""

from .events import (
    EventDetailView,
    event_calendar,
    event_cancel,
    event_create,
    event_edit,
    group_calendar,
    organiser_calendar,
    organiser_events,
)
from .feeds import personal_calendar, your_calendar, your_calendar_renew
from .rsvps import attendees, attendees_csv, rsvp, rsvp_cancel, your_events
from .search import EventSearchView, OnlineEventSearchView, search_calendar

__all__ = [
    "EventDetailView",
    "EventSearchView",
    "OnlineEventSearchView",
    "attendees",
    "attendees_csv",
    "event_calendar",
    "event_cancel",
    "event_create",
    "event_edit",
    "group_calendar",
    "organiser_calendar",
    "organiser_events",
    "personal_calendar",
    "rsvp",
    "rsvp_cancel",
    "search_calendar",
    "your_calendar",
    "your_calendar_renew",
    "your_events",
]
