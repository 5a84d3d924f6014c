"""Template filters for showing events: their schedule, cost and dates in words."""

from django import template

from .. import recurrence

register = template.Library()


@register.filter
def schedule(event) -> str:
    """ "Every Tuesday", "Every month on the first Saturday" ("" for a one-off)."""
    return recurrence.describe(event)


@register.filter
def cost(event) -> str:
    """ "Free" or "£4.50"."""
    return "Free" if event.is_free else f"£{event.price:.2f}"


@register.filter
def when(occurrence) -> str:
    """One date in words: "Tuesday 3 December 2026, 19:00 to 20:30"."""
    return recurrence.when_text(occurrence.event, occurrence.starts_at, occurrence.ends_at)


@register.simple_tag
def events_coming_up(limit: int = 3):
    """Featured events first, then the soonest: for the home page panel."""
    from ..selectors import events_featured

    return events_featured(limit=limit)


@register.simple_tag
def events_near_location(location, km: float = 5, limit: int = 4):
    """Upcoming events near a ``postcodes.services.Location``: for the /near/ panel."""
    from ..selectors import events_near

    if location is None:
        return []
    return events_near(point=location.point, km=km, limit=limit)
