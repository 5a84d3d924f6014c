"""Points and "near me" queries that work on SQLite and PostgreSQL alike.

A query first keeps rows inside a bounding box (an indexed range on latitude and
longitude), then computes the great-circle distance in SQL, filters on the radius and
orders by it. No PostGIS needed.
"""

import math
from dataclasses import dataclass

from django.db import models
from django.db.models import F, FloatField, Value
from django.db.models.functions import ACos, Cos, Least, Radians, Sin

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = 111.195


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float

    def as_tuple(self) -> tuple[float, float]:
        return (self.lat, self.lon)


def distance_km(a: Point, b: Point) -> float:
    """Great-circle (haversine) distance between two points, in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(point: Point, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box that contains the circle."""
    dlat = km / KM_PER_DEGREE_LAT
    cos_lat = max(math.cos(math.radians(point.lat)), 0.01)
    dlon = min(km / (KM_PER_DEGREE_LAT * cos_lat), 180.0)
    return point.lat - dlat, point.lat + dlat, point.lon - dlon, point.lon + dlon


def distance_expression(point: Point, lat_field: str = "latitude", lon_field: str = "longitude"):
    """A SQL expression for the great-circle distance (km) from ``point`` to each row."""
    lat0 = math.radians(point.lat)
    lon0 = math.radians(point.lon)
    cosine = Sin(Radians(F(lat_field))) * Value(math.sin(lat0)) + Cos(
        Radians(F(lat_field))
    ) * Value(math.cos(lat0)) * Cos(Radians(F(lon_field)) - Value(lon0))
    # Rounding can push the cosine a hair above 1 for the same point; ACOS(1.0000001) is NULL.
    return Value(EARTH_RADIUS_KM) * ACos(Least(cosine, Value(1.0)), output_field=FloatField())


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
