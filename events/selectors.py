"""Public reads of the events app, for other capability apps to call.

Each returns approved, not cancelled events with a date still to come, soonest first,
each annotated with ``next_starts_at`` (the start of its next date: for a regular
activity, not its first one).
"""

from collections import defaultdict

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from core.sql import AnyOf
from postcodes.geo import Point

from . import jsonld
from .calendars import calendar_date
from .feed_rows import (
    FEED_COLUMNS,
    FEED_DATE_COLUMNS,
    SINGLE_DATE_COLUMNS,
    FeedDate,
    FeedEvent,
    feed_date,
    feed_event,
    query_columns,
    single_date,
)
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


# ---- for the OpenActive feeds (opendata): every event, whatever its state, by id


def _interest_names_of(event_ids) -> dict[int, list[str]]:
    """The interests' names of each of these events, sorted, in one query. (A prefetch
    through taggit makes a query per event; a subquery per row probed the tags' index
    once per item: 500 probes a feed page.)"""
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem

    rows = (
        TaggedItem.objects.filter(
            AnyOf("object_id", event_ids), content_type=ContentType.objects.get_for_model(Event)
        )
        .order_by()
        .values_list("object_id", "tag__name")
    )
    names = defaultdict(list)
    for event_id, name in rows:
        names[event_id].append(name)
    for found in names.values():
        found.sort()
    return names


def events_by_ids(ids) -> dict[int, FeedEvent]:
    """The events with these ids (any state) as ``events.feed_rows.FeedEvent`` rows: what
    a feed item shows, with their group, space and organiser, their interests' names in
    ``interest_names`` and (for one-off events) their date in ``single_dates``; read in
    three queries. Ids of deleted events are simply missing."""
    ids = list(ids)
    interests = _interest_names_of(ids)
    rows = (
        Event.objects.filter(AnyOf("pk", ids)).order_by().values_list(*query_columns(FEED_COLUMNS))
    )
    found = {row[0]: feed_event(row, interests.get(row[0], [])) for row in rows}
    # A one-off event's date; a regular one's are many, and not needed.
    one_offs = [pk for pk, event in found.items() if not event.recurrence]
    dates = (
        Occurrence.objects.filter(AnyOf("event_id", one_offs))
        .order_by("starts_at")
        .values_list(*query_columns(SINGLE_DATE_COLUMNS))
    )
    for event_id, date in map(single_date, dates):
        found[event_id].single_dates.append(date)
    return found


def occurrences_by_ids(ids) -> dict[int, FeedDate]:
    """The dates with these ids as ``events.feed_rows.FeedDate`` rows, each with what the
    feed reads of its event (whose interests' names are in ``event.interest_names``), in
    two queries."""
    rows = list(
        Occurrence.objects.filter(AnyOf("pk", ids))
        .order_by()
        .values_list(*query_columns(FEED_DATE_COLUMNS))
    )
    event_at = FEED_DATE_COLUMNS.index("event_id")
    interests = _interest_names_of({row[event_at] for row in rows})
    return {row[0]: feed_date(row, interests.get(row[event_at], [])) for row in rows}


def place_jsonld(event, *, url: str | None = None) -> dict:
    """The schema.org ``Place`` where ``event`` (any event this module returns) is held,
    as the event's own page describes it; ``url``: the page of its space, if any."""
    return jsonld.place(event, url=url)


def occurrence_ids_of_events(event_ids) -> list[int]:
    """The ids of every date of these events."""
    return list(
        Occurrence.objects.filter(event_id__in=list(event_ids)).values_list("pk", flat=True)
    )


def occurrence_ids_after(pk: int, *, limit: int = 10_000) -> list[tuple[int, int]]:
    """(id, event id) of dates added after date ``pk``, oldest first (new dates of regular
    activities appear every night)."""
    rows = Occurrence.objects.filter(pk__gt=pk).order_by("pk").values_list("pk", "event_id")
    return list(rows[:limit])


def event_ids_tagged(names) -> list[int]:
    """The ids of events carrying any of these interests (any case)."""
    from django.db.models import Q

    match = Q()
    for name in names:
        match |= Q(tags__name__iexact=name)
    if not match:
        return []
    return list(Event.objects.filter(match).values_list("pk", flat=True).distinct())


def all_event_ids() -> list[int]:
    """Every event's id (to stamp the feeds once when they are switched on)."""
    return list(Event.objects.values_list("pk", flat=True))


def upcoming_events_by_ids(*, ids, limit: int | None = 20) -> list[Event]:
    """Upcoming public events among ``ids`` (those another app links to: a process's
    congress and meetings), soonest first; each with ``next_starts_at``. Each event's
    ``calendar_date`` for ``{% add_to_calendar %}`` (core's add-to-calendar links)."""
    next_date = Occurrence.objects.filter(
        event=OuterRef("pk"), ends_at__gte=timezone.now(), is_cancelled=False
    ).order_by("starts_at")
    qs = (
        _listed()
        .filter(pk__in=list(ids))
        .select_related("space")
        .annotate(
            next_ends_at=Subquery(next_date.values("ends_at")[:1]),
            next_occurrence_id=Subquery(next_date.values("pk")[:1]),
        )
        .order_by("next_starts_at", "pk")
    )
    events = list(qs[:limit] if limit else qs)
    for event in events:
        event.calendar_date = calendar_date(
            event,
            starts=event.next_starts_at,
            ends=event.next_ends_at,
            occurrence_id=event.next_occurrence_id,
        )
    return events
