"""Public reads of the events app, for other capability apps to call.

Each returns approved, not cancelled events with a date still to come, soonest first,
each annotated with ``next_starts_at`` (the start of its next date: for a regular
activity, not its first one).
"""

from django.db.models import Count

from postcodes.geo import Point

from .models import Event, Occurrence


def _listed():
    return Event.objects.live().upcoming().with_next_date().prefetch_related("tags")


def events_near(*, point: Point, km: float = 10, tags=None, limit: int | None = 6) -> list[Event]:
    """Upcoming events held in a place within ``km`` of ``point``, soonest first, then
    nearest; each with ``distance_km`` and ``next_starts_at``. ``tags`` (names) keeps
    events with any of them. Online-only events have no place and are not included."""
    qs = _listed().near(point, km).order_by("next_starts_at", "distance_km", "pk")
    if tags:
        qs = qs.filter(tags__name__in=list(tags)).distinct()
    return list(qs[:limit] if limit else qs)


def events_at_space(*, space_id: int, limit: int | None = 10) -> list[Event]:
    """Upcoming events held at one space, soonest first."""
    qs = _listed().filter(space_id=space_id).order_by("next_starts_at", "pk")
    return list(qs[:limit] if limit else qs)


def events_of_group(*, group_id: int, limit: int | None = 10) -> list[Event]:
    """Upcoming events organised by one group, soonest first."""
    qs = _listed().filter(group_id=group_id).order_by("next_starts_at", "pk")
    return list(qs[:limit] if limit else qs)


def event_counts_by_local_authority() -> dict[str, int]:
    """How many upcoming public events are held in each local authority, by its code (one
    aggregate query; a regular activity counts once; online-only events have no place)."""
    return _event_counts_by("lad_code")


def event_counts_by_outcode() -> dict[str, int]:
    """How many upcoming public events are held in each postcode district, by its outcode
    (one aggregate query; a regular activity counts once; online-only events have no place)."""
    return _event_counts_by("outcode")


def _event_counts_by(field: str) -> dict[str, int]:
    rows = (
        Event.objects.live()
        .upcoming()
        .exclude(**{field: ""})
        .values_list(field)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def events_featured(*, limit: int = 3) -> list[Event]:
    """Upcoming events for the home page: featured ones first, then the soonest.

    Read through dates (on their start index), so it stays quick with many events.
    """
    picked: dict[int, Event] = {}
    dates = Occurrence.objects.listed().select_related("event").order_by("starts_at", "pk")
    for qs in (dates.filter(event__is_featured=True), dates):
        for occurrence in qs[: limit * 4]:
            event = occurrence.event
            if len(picked) < limit and event.pk not in picked:
                event.next_starts_at = occurrence.starts_at
                picked[event.pk] = event
    return list(picked.values())


def events_by_ids(*, ids, limit: int | None = 20) -> list[Event]:
    """Upcoming public events among ``ids`` (those another app links to: a process's
    congress and meetings), soonest first; each with ``next_starts_at``. Each event's
    "add to calendar" file is at ``events:event-calendar``."""
    qs = _listed().filter(pk__in=list(ids)).order_by("next_starts_at", "pk")
    return list(qs[:limit] if limit else qs)
