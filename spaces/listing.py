"""Spaces near a postcode: a page of search results in one query, written once as SQL.

The search near a postcode is the page asked for most, and building and compiling its
ORM query (``SpaceFilter.qs`` through ``selectors.card_rows``) was about a quarter of its
CPU (bench/README.md, session 6). This is the same query written out: the same
conditions (approved, within the distance, name, kinds, interests, facilities, capacity,
status), nearest first then by id, the card's columns as ``card_rows`` gives them (dicts,
with ``distance_km`` and ``tag_pairs``), and the total in the same query. The FilterSet
still reads and checks the search; its ORM query still serves searches without a postcode
and the GeoJSON. ``tests/spaces/test_listing_sql.py`` checks both give the same page for
every kind of search, so a change to one that the other misses fails there.

The SQL text is built from fixed pieces (quoted names from the models); every value is a
parameter.
"""

from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import connection

from core.models import ModerationStatus
from core.paging import page_number
from core.sql import Selected, tagged_with_any_sql
from postcodes.geo import bounding_box, great_circle_sql

from .expressions import tag_pairs_sql
from .models import Space
from .selectors import CARD_FIELDS


@lru_cache(maxsize=4)
def _selected(vendor: str) -> Selected:
    """The card's columns each row starts with."""
    return Selected(Space, CARD_FIELDS, "s")


def near_page(filterset, raw_page, per_page: int) -> Page:
    """The page ``raw_page`` (forgiving, as ``core.paging``) of a valid search near a
    postcode: card rows (dicts), the total counted in the same query."""
    number = page_number(raw_page)
    rows, total = _rows(filterset, (number - 1) * per_page, per_page)
    if not rows and number > 1:
        # Past the end (an old link, fewer spaces now): the last page there is.
        total = _rows(filterset, 0, 1)[1]
        number = max(1, -(-total // per_page))
        rows = _rows(filterset, (number - 1) * per_page, per_page)[0] if total else []
    paginator = Paginator([], per_page)
    paginator.__dict__["count"] = total
    return Page(rows, number, paginator)


def _rows(filterset, offset: int, limit: int) -> tuple[list[dict], int]:
    sql, params, selected = _query(filterset.form.cleaned_data, filterset.within_km)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        found = cursor.fetchall()
    n = len(selected)
    rows = []
    for values in found:
        row = selected.as_dict(values[:n])
        row["distance_km"], row["tag_pairs"], row["result_total"] = values[n:]
        rows.append(row)
    return rows, (found[0][-1] if found else 0)


def _query(cleaned: dict, km: int) -> tuple[str, list, Selected]:
    """The search's SQL (without LIMIT and OFFSET's values), its parameters, and the
    card columns each row starts with."""
    location = cleaned["postcode"]
    content_type = ContentType.objects.get_for_model(Space).pk
    selected = _selected(connection.vendor)
    qn = connection.ops.quote_name
    distance, distance_params = great_circle_sql(
        location.point, ("s.latitude", []), ("s.longitude", []), connection.vendor
    )
    tag_pairs, tag_pairs_params = tag_pairs_sql(content_type, ("s.id", []), connection)
    min_lat, max_lat, min_lon, max_lon = bounding_box(location.point, km)

    where = [
        "s.moderation_status = %s",
        "s.latitude BETWEEN %s AND %s",
        "s.longitude BETWEEN %s AND %s",
        f"{distance} <= %s",
    ]
    params = [ModerationStatus.APPROVED.value, min_lat, max_lat, min_lon, max_lon]
    params += [*distance_params, km]
    name = (cleaned.get("q") or "").strip()
    if name:
        # Django's ``icontains``, as the FilterSet's ``name__icontains`` writes it.
        column = connection.ops.lookup_cast("icontains", "CharField") % "s.name"
        where.append(f"{column} {connection.operators['icontains'] % '%s'}")
        params.append(f"%{connection.ops.prep_for_like_query(name)}%")
    for field in ("kind", "status"):
        if cleaned.get(field):
            column = qn(Space._meta.get_field(field).column)
            where.append(f"s.{column} IN ({', '.join(['%s'] * len(cleaned[field]))})")
            params += cleaned[field]
    if cleaned.get("tag"):
        tagged, tagged_params = tagged_with_any_sql(content_type, cleaned["tag"], ("s.id", []))
        where.append(tagged)
        params += tagged_params
    for facility in cleaned.get("facility") or []:
        where.append(f"s.{qn(Space._meta.get_field(facility).column)}")
    if cleaned.get("capacity") is not None:
        where.append("s.capacity >= %s")
        params.append(cleaned["capacity"])

    sql = (
        f"SELECT {', '.join(selected.sql)}, {distance} AS distance_km, "  # noqa: S608
        f"{tag_pairs} AS tag_pairs, COUNT(*) OVER () AS result_total "
        f"FROM {qn(Space._meta.db_table)} s WHERE {' AND '.join(where)} "
        "ORDER BY distance_km, s.id LIMIT %s OFFSET %s"
    )
    return sql, [*distance_params, *tag_pairs_params, *params], selected
