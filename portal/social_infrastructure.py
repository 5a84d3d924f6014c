"""This site's listings as social infrastructure: where the approved community spaces, groups
and regular events are, for the wellbeing index to count by neighbourhood.

The index may not import the capabilities (docs/layers.md), so the portal, which reads them
all through their selectors, registers these providers in ``core.listing_points``
(``PortalConfig.ready``). Run nightly by ``wellbeing_index.tasks.social_infrastructure_refresh``.
"""

from communities.selectors import groups_near
from events.selectors import events_near
from spaces.selectors import spaces_near

from .nearby import UK_CENTRE, UK_RADIUS_KM

_EVERYWHERE = {"point": UK_CENTRE, "km": UK_RADIUS_KM, "limit": None}


def _points(items) -> list[tuple[float, float]]:
    return [(item.point.lat, item.point.lon) for item in items if item.point is not None]


def space_points() -> list[tuple[float, float]]:
    """Approved community spaces that have not closed."""
    return _points(spaces_near(**_EVERYWHERE))


def group_points() -> list[tuple[float, float]]:
    """Approved groups with a place (the centre of the area they cover)."""
    return _points(groups_near(**_EVERYWHERE))


def regular_event_points() -> list[tuple[float, float]]:
    """Approved regular activities (events that repeat) with a date still to come, held in a
    place; one-off events and online-only ones are not counted."""
    return _points(event for event in events_near(**_EVERYWHERE) if event.recurrence)
