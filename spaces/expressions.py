"""Two SQL expressions the search page leans on, each cheap to compile.

``GreatCircleKm``: ``postcodes.geo.distance_expression`` builds the same formula out of a
dozen nested ORM functions; compiling that tree cost about a millisecond per query, the
largest single cost of the search page. This one resolves the two columns once and
formats one SQL template: the same numbers, on PostgreSQL and SQLite alike.

``TagPairs``: a space's tags as one string, from a correlated subquery, so a page of
results and their tags come in one query (PostgreSQL runs the subquery only for the rows
that survive the ORDER BY ... LIMIT).
"""

import math

from django.db.models import CharField, Expression, F, FloatField

from postcodes.geo import EARTH_RADIUS_KM, Point


class GreatCircleKm(Expression):
    """Kilometres from ``point`` to each row's (latitude, longitude), by the spherical law
    of cosines (clamped, so the same point gives 0 rather than NULL)."""

    output_field = FloatField()

    def __init__(self, point: Point, lat_field: str = "latitude", lon_field: str = "longitude"):
        super().__init__(output_field=FloatField())
        self.point = point
        self.lat = F(lat_field)
        self.lon = F(lon_field)

    def get_source_expressions(self):
        return [self.lat, self.lon]

    def set_source_expressions(self, exprs):
        self.lat, self.lon = exprs

    def as_sql(self, compiler, connection):
        lat_sql, lat_params = compiler.compile(self.lat)
        lon_sql, lon_params = compiler.compile(self.lon)
        lat0 = math.radians(self.point.lat)
        least = "MIN" if connection.vendor == "sqlite" else "LEAST"
        sql = (
            f"({EARTH_RADIUS_KM!r} * ACOS({least}("
            f"SIN(RADIANS({lat_sql})) * %s + COS(RADIANS({lat_sql})) * %s"
            f" * COS(RADIANS({lon_sql}) - %s), 1.0)))"
        )
        params = (
            *lat_params,
            math.sin(lat0),
            *lat_params,
            math.cos(lat0),
            *lon_params,
            math.radians(self.point.lon),
        )
        return sql, params


# Separators that cannot occur in a tag (forms strip control characters).
UNIT_SEPARATOR = "\x1f"
RECORD_SEPARATOR = "\x1e"


class TagPairs(Expression):
    """ "name␟slug␞name␟slug…" of a row's taggit tags, by name; None when it has none."""

    output_field = CharField()

    def __init__(self, content_type_id: int, pk_field: str = "pk"):
        super().__init__(output_field=CharField())
        self.content_type_id = content_type_id
        self.pk = F(pk_field)

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        (self.pk,) = exprs

    def as_sql(self, compiler, connection):
        from taggit.models import Tag, TaggedItem

        pk_sql, pk_params = compiler.compile(self.pk)
        qn = connection.ops.quote_name
        items, tags = qn(TaggedItem._meta.db_table), qn(Tag._meta.db_table)
        joined = (
            f"FROM {items} ti INNER JOIN {tags} t ON t.id = ti.tag_id "
            f"WHERE ti.content_type_id = %s AND ti.object_id = {pk_sql}"
        )
        # Only quoted table names and Django's compiled column go into the text; every
        # value is a parameter.
        if connection.vendor == "postgresql":
            sql = f"(SELECT STRING_AGG(t.name || %s || t.slug, %s ORDER BY t.name) {joined})"
            params = (UNIT_SEPARATOR, RECORD_SEPARATOR, self.content_type_id, *pk_params)
        else:
            sql = (
                f"(SELECT GROUP_CONCAT(pair, %s) FROM (SELECT t.name || %s || t.slug AS pair "  # noqa: S608
                f"{joined} ORDER BY t.name))"
            )
            params = (RECORD_SEPARATOR, UNIT_SEPARATOR, self.content_type_id, *pk_params)
        return sql, params
