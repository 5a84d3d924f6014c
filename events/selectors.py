"""Public reads of the events app, for other capability apps to call."""

from postcodes.geo import Point

from .models import Event


def events_near(*, point: Point, km: float = 10, tags=None, limit: int | None = 6) -> list[Event]:
    """Upcoming approved events within ``km`` of ``point``, soonest first, with ``distance_km``."""
    qs = Event.objects.approved().upcoming().near(point, km).order_by("starts_at", "distance_km")
    if tags:
        qs = qs.filter(tags__name__in=list(tags)).distinct()
    qs = qs.prefetch_related("tags")
    return list(qs[:limit] if limit else qs)


def events_at_space(*, space_id: int, limit: int | None = 10) -> list[Event]:
    """Upcoming approved events held at one space, soonest first."""
    qs = Event.objects.approved().upcoming().filter(space_id=space_id).order_by("starts_at")
    return list(qs[:limit] if limit else qs)


def events_of_group(*, group_id: int, limit: int | None = 10) -> list[Event]:
    """Upcoming approved events organised by one group, soonest first."""
    qs = Event.objects.approved().upcoming().filter(group_id=group_id).order_by("starts_at")
    return list(qs[:limit] if limit else qs)
