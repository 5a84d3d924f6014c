"""What's on near a postcode: a page of dates in one query, written once as SQL.

A search near a postcode is the page everyone asks for, and building and compiling its
ORM query (``NearEventFilter.qs.for_cards()``) cost more CPU than anything else on it
(about 2.4 of 6.5 ms, bench/README.md, session 6). This is the same query written out:
the same conditions, the same order, the same columns of a card, the total in the same
query (``COUNT(*) OVER ()``), and the rows made into the same ``Occurrence`` objects, each
with its ``event`` (and its ``space``), ``more_dates``, ``tag_names_joined`` and
``distance_km``. The FilterSet still reads and checks the search; its ORM query still
serves the searches without a postcode, online events and the calendar feeds.
``tests/events/test_listing_sql.py`` checks that both give the same page for every kind of
search, so a change to one that the other misses fails there.

The SQL text is built from fixed pieces (quoted table and column names from the models);
every value is a parameter.
"""

from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import connection
from django.utils import timezone

from core.paging import page_number
from core.sql import Selected
from postcodes.geo import bounding_box, great_circle_sql

from .expressions import (
    SiblingDates,
    has_tag_sql,
    is_first_date_sql,
    more_dates_sql,
    tag_names_sql,
)
from .filters import FORMAT_MODES, date_window
from .models import CARD_FIELDS, Event, Occurrence

# The fields of each model a card reads (``CARD_FIELDS``, as ``for_cards`` loads them).
_EVENT_FIELDS = [
    name.removeprefix("event__")
    for name in CARD_FIELDS
    if name.startswith("event__") and not name.startswith("event__space__")
]
_SPACE_FIELDS = [name.removeprefix("event__space__") for name in CARD_FIELDS if "space__" in name]
_OCCURRENCE_FIELDS = ["id", "starts_at", "ends_at", "going_count", "is_cancelled", "event"]


@lru_cache(maxsize=4)
def _selected(vendor: str) -> tuple[Selected, Selected, Selected]:
    """The columns a row starts with: the date's, its event's, the event's space's.

    Their date-times (about 120 values a page) are read as text (``core.sql``): the
    page's query then costs 0.87 ms of CPU a search instead of 1.12 ms (bench/README.md,
    session 7)."""
    return (
        Selected(Occurrence, _OCCURRENCE_FIELDS, "o", datetimes_as_text=True),
        Selected(Event, [*_EVENT_FIELDS, "space"], "e", datetimes_as_text=True),
        Selected(Event._meta.get_field("space").related_model, _SPACE_FIELDS, "sp"),
    )


def near_page(filterset, raw_page, per_page: int) -> Page:
    """The page ``raw_page`` (forgiving, as ``core.paging``) of a valid search near a
    postcode: its dates as ``Occurrence`` objects, the total counted in the same query."""
    number = page_number(raw_page)
    rows, total = _dates(filterset, (number - 1) * per_page, per_page)
    if not rows and number > 1:
        # Past the end (an old link, fewer dates now): the last page there is.
        total = _dates(filterset, 0, 1)[1]
        number = max(1, -(-total // per_page))
        rows = _dates(filterset, (number - 1) * per_page, per_page)[0] if total else []
    paginator = Paginator([], per_page)
    paginator.__dict__["count"] = total
    return Page(rows, number, paginator)


def _dates(filterset, offset: int, limit: int) -> tuple[list[Occurrence], int]:
    sql, params, loaded = _query(filterset.form.cleaned_data, filterset.within_km)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        rows = cursor.fetchall()
    return [_occurrence(row, loaded) for row in rows], (rows[0][-1] if rows else 0)


# The outer row's columns the SQL templates of ``events.expressions`` compare with.
_EVENT_ID, _STARTS_AT, _PK = ("o.event_id", []), ("o.starts_at", []), ("o.id", [])


def _query(cleaned: dict, km: int) -> tuple[str, list, tuple]:
    """The search's SQL (without LIMIT and OFFSET's values), its parameters, and the
    columns each row starts with (of the date, its event, the event's space)."""
    now = timezone.now()
    siblings = SiblingDates(now, *date_window(cleaned, now))
    event_type = ContentType.objects.get_for_model(Event).pk
    space_model = Event._meta.get_field("space").related_model
    qn = connection.ops.quote_name
    loaded = _selected(connection.vendor)
    near = _Near(cleaned["postcode"].point, km, fenced=not siblings.from_now)
    more, more_params = more_dates_sql(siblings, _EVENT_ID, _STARTS_AT, connection)
    names, names_params = tag_names_sql(event_type, _EVENT_ID, connection)
    chosen, chosen_params = _chosen(cleaned, siblings, event_type)

    select = ", ".join(column for part in loaded for column in part.sql)
    sql = (
        f"{near.prefix}SELECT {select}, {more} AS more_dates, "  # noqa: S608
        f"{names} AS tag_names_joined, {near.distance} AS distance_km, "
        "COUNT(*) OVER () AS result_total "
        f"FROM {qn(Occurrence._meta.db_table)} o "
        f"INNER JOIN {near.events} e ON e.id = o.event_id "
        f"LEFT OUTER JOIN {qn(space_model._meta.db_table)} sp ON sp.id = e.space_id "
        f"WHERE {' AND '.join([*near.where, 'NOT o.is_cancelled', 'o.ends_at >= %s', *chosen])} "
        "ORDER BY o.starts_at, distance_km, o.id LIMIT %s OFFSET %s"
    )
    params = [
        *near.prefix_params,
        *more_params,
        *names_params,
        *near.distance_params,
        *near.where_params,
        now,
        *chosen_params,
    ]
    return sql, params, loaded


class _Near:
    """The events in the circle (approved, not cancelled, within ``km`` of ``point``)
    as the query's ``e``: its ``prefix`` (a WITH clause, or nothing), the ``events`` it
    reads, the row's ``distance`` and the ``where`` conditions, each with its parameters.

    Joined to its next date (``fenced`` false), an event is read from its table, the
    conditions in the query's WHERE. When each event's dates are compared instead (a
    time asked for that starts later), the events are found first and kept apart
    (``MATERIALIZED``), with what the page reads of them and their distance: left to
    itself, the planner walked every coming date of the country in date order for a wide
    search (``postcode=M1&km=25&date_from=…``: 0.5 s of execution, 33 ms fenced;
    bench/README.md, session 7); fenced, the other such searches cost the same. Searches
    joined to the next date are not fenced: their plan starts from the events anyway, and
    the query written with the WITH clause measured 10–20 % slower for them.
    """

    def __init__(self, point, km: int, *, fenced: bool):
        qn = connection.ops.quote_name
        table = qn(Event._meta.db_table)
        distance, distance_params = great_circle_sql(
            point, ("e.latitude", []), ("e.longitude", []), connection.vendor
        )
        min_lat, max_lat, min_lon, max_lon = bounding_box(point, km)
        where = [
            "e.moderation_status = %s",
            "e.cancelled_at IS NULL",
            "e.latitude BETWEEN %s AND %s",
            "e.longitude BETWEEN %s AND %s",
            f"{distance} <= %s",
        ]
        where_params = ["approved", min_lat, max_lat, min_lon, max_lon, *distance_params, km]
        if not fenced:
            self.prefix, self.prefix_params, self.events = "", [], table
            self.distance, self.distance_params = distance, distance_params
            self.where, self.where_params = where, where_params
            return
        columns = ", ".join(_selected(connection.vendor)[1].columns)
        self.prefix = (
            f"WITH near AS MATERIALIZED (SELECT {columns}, {distance} AS distance_km "  # noqa: S608
            f"FROM {table} e WHERE {' AND '.join(where)}) "
        )
        self.prefix_params = [*distance_params, *where_params]
        self.events, self.distance, self.distance_params = "near", "e.distance_km", []
        self.where, self.where_params = [], []


def _chosen(cleaned: dict, siblings: SiblingDates, event_type: int) -> tuple[list[str], list]:
    """The conditions of what the member chose (format, time, interests, free) and of the
    series grouping (each event on its first date in the time asked for), as
    ``NearEventFilter`` applies them, with their parameters."""
    where, params = [], []
    modes = FORMAT_MODES.get(cleaned.get("format"))
    if modes:
        where.append(f"e.attendance_mode IN ({', '.join(['%s'] * len(modes))})")
        params += modes
    for condition, value in (
        ("o.ends_at >= %s", siblings.start),
        ("o.starts_at < %s", siblings.end),
    ):
        if value is not None:
            where.append(condition)
            params.append(value)
    if siblings.from_now:
        # Its next date, kept on the event: no probe of its other dates (``filters``).
        where.append("e.next_date_id = o.id")
    else:
        first = is_first_date_sql(siblings, _EVENT_ID, _STARTS_AT, _PK, connection)
        where.append(first[0])
        params += first[1]
    if cleaned.get("tag"):
        tagged, tagged_params = has_tag_sql(event_type, cleaned["tag"], _EVENT_ID, connection)
        where.append(tagged)
        params += tagged_params
    if cleaned.get("free") is True:
        where.append("e.price = 0")
    return where, params


def _occurrence(row: tuple, loaded: tuple) -> Occurrence:
    """A row as the ``Occurrence`` ``for_cards`` gives: with its event and the event's
    space, the fields a card does not read left unloaded (deferred)."""
    dates, events, spaces = loaded
    a = len(dates)
    b = a + len(events)
    c = b + len(spaces)
    occurrence = dates.instance(row[:a])
    event = events.instance(row[a:b])
    event.space = spaces.instance(row[b:c]) if event.space_id is not None else None
    occurrence.event = event
    occurrence.more_dates, occurrence.tag_names_joined, occurrence.distance_km = row[c : c + 3]
    occurrence.result_total = row[c + 3]
    return occurrence
