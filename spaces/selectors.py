"""Public reads of the spaces app, for other capability apps to call."""

from postcodes.geo import Point

from .models import Space


def spaces_near(*, point: Point, km: float = 5, tags=None, limit: int | None = 6) -> list[Space]:
    """Approved spaces within ``km`` of ``point``, nearest first, each with ``distance_km``.

    ``tags`` (names) keeps spaces with any of them.
    """
    qs = Space.objects.approved().near(point, km)
    if tags:
        qs = qs.filter(tags__name__in=list(tags)).distinct()
    qs = qs.prefetch_related("tags")
    return list(qs[:limit] if limit else qs)
