"""Points and "near me" queries that work on SQLite and PostgreSQL alike.

A query first keeps rows inside a bounding box (an indexed range on latitude and
longitude), then computes the great-circle distance in SQL, filters on the radius and
orders by it. No PostGIS needed. The box and the distance use the same sphere
(``EARTH_RADIUS_KM``), so the box always holds every row the distance keeps.
"""

import math
from dataclasses import dataclass

from django.db import models
from django.db.models import Expression, F, FloatField

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


def distance_km(a: Point, b: Point) -> float:
    """Great-circle (haversine) distance between two points, in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(point: Point, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of the smallest box that holds the circle.

    The circle is a spherical cap of angular radius d = km / R. Its latitudes span
    φ ± d; its longitudes span λ ± asin(sin d / cos φ), reached at the cap's widest
    latitude (not at φ itself, so ``km / (111.195·cos φ)`` falls a little short). A cap
    that reaches a pole spans every longitude. Longitudes are not wrapped at ±180°.
    """
    d = km / EARTH_RADIUS_KM
    dlat = math.degrees(d)
    phi = math.radians(point.lat)
    if d >= math.pi / 2 - abs(phi):
        dlon = 180.0
    else:
        dlon = math.degrees(math.asin(min(1.0, math.sin(d) / math.cos(phi))))
    return (
        max(point.lat - dlat, -90.0),
        min(point.lat + dlat, 90.0),
        point.lon - dlon,
        point.lon + dlon,
    )


class GreatCircleKm(Expression):
    """Kilometres from ``point`` to each row's (latitude, longitude), by the spherical law
    of cosines (clamped, so the same point gives 0 rather than NULL).

    One SQL template over the two columns rather than a tree of ORM functions: compiling
    that tree cost about a millisecond per query, the largest single cost of a list page.
    """

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
        return great_circle_sql(
            self.point, (lat_sql, lat_params), (lon_sql, lon_params), connection.vendor
        )


def great_circle_sql(point: Point, lat: tuple[str, list], lon: tuple[str, list], vendor: str):
    """(SQL, params) of the kilometres from ``point`` to the columns ``lat`` and ``lon``
    (each its SQL and params): the one distance SQL, for ``GreatCircleKm`` and for a
    listing's query written as SQL (``events.listing``)."""
    (lat_sql, lat_params), (lon_sql, lon_params) = lat, lon
    lat0 = math.radians(point.lat)
    least = "MIN" if vendor == "sqlite" else "LEAST"
    # Rounding can push the cosine a hair above 1 for the same point; ACOS(1.0000001)
    # is NULL, hence the clamp.
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
        math.radians(point.lon),
    )
    return sql, params


def distance_expression(point: Point, lat_field: str = "latitude", lon_field: str = "longitude"):
    """The SQL expression for the great-circle distance (km) from ``point`` to each row:
    the one every "near me" query uses."""
    return GreatCircleKm(point, lat_field, lon_field)


class NearQuerySet(models.QuerySet):
    """Mix into a queryset of a model with ``latitude``/``longitude`` fields."""

    lat_field = "latitude"
    lon_field = "longitude"

    def within_box(self, point: Point, km: float):
        min_lat, max_lat, min_lon, max_lon = bounding_box(point, km)
        return self.filter(
            **{
                f"{self.lat_field}__range": (min_lat, max_lat),
                f"{self.lon_field}__range": (min_lon, max_lon),
            }
        )

    def with_distance(self, point: Point):
        """Annotate ``distance_km`` without filtering (rows without a place get NULL)."""
        return self.annotate(distance_km=distance_expression(point, self.lat_field, self.lon_field))

    def near(self, point: Point, km: float):
        """Rows within ``km`` of ``point``, nearest first, each with ``distance_km``."""
        return (
            self.within_box(point, km)
            .with_distance(point)
            .filter(distance_km__lte=km)
            .order_by("distance_km")
        )
