"""Public reads of the communities app, for other capability apps to call."""

from postcodes.geo import Point

from .models import Group


def groups_near(*, point: Point, km: float = 10, tags=None, limit: int | None = 6) -> list[Group]:
    """Approved groups within ``km`` of ``point``, nearest first, each with ``distance_km``."""
    qs = Group.objects.approved().near(point, km)
    if tags:
        qs = qs.filter(tags__name__in=list(tags)).distinct()
    qs = qs.prefetch_related("tags")
    return list(qs[:limit] if limit else qs)
