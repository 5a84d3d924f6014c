"""The "near me" query; CI runs this file on PostgreSQL and again on SQLite."""

import math

import pytest

from postcodes.geo import EARTH_RADIUS_KM, Point, bounding_box, distance_km
from postcodes.models import District, LocalAuthority

MANCHESTER = Point(53.4775, -2.2362)  # M1 centroid


def test_python_distance_matches_a_known_one():
    london = Point(51.5074, -0.1278)
    edinburgh = Point(55.9533, -3.1883)
    assert distance_km(london, edinburgh) == pytest.approx(534, abs=2)


def test_near_returns_rows_within_the_radius_nearest_first(db):
    rows = list(District.objects.near(MANCHESTER, 3))
    outcodes = [d.outcode for d in rows]
    assert outcodes[0] == "M1"
    assert rows[0].distance_km == pytest.approx(0, abs=0.01)
    distances = [d.distance_km for d in rows]
    assert distances == sorted(distances)
    assert all(d <= 3 for d in distances)
    # Everything within 3 km by the Python formula is there, and nothing more.
    expected = {
        d.outcode for d in District.objects.all() if distance_km(MANCHESTER, d_point(d)) <= 3
    }
    assert set(outcodes) == expected
    assert {"M1", "M2", "M3", "M4"} <= set(outcodes)


def test_sql_and_python_distances_agree(db):
    for district in District.objects.near(MANCHESTER, 40)[:50]:
        assert district.distance_km == pytest.approx(
            distance_km(MANCHESTER, d_point(district)), abs=0.01
        )


def test_a_bigger_radius_finds_more_and_a_tiny_one_only_the_centre(db):
    assert [d.outcode for d in District.objects.near(MANCHESTER, 0.01)] == ["M1"]
    assert (
        District.objects.near(MANCHESTER, 10).count() > District.objects.near(MANCHESTER, 3).count()
    )


def test_near_works_across_the_far_north_and_west(db):
    # Shetland and Fermanagh: high latitude and far west stretch the bounding box.
    lerwick = Point(60.1514, -1.1712)
    assert "ZE1" in [d.outcode for d in District.objects.near(lerwick, 5)]
    fermanagh = Point(54.35, -7.64)
    assert District.objects.near(fermanagh, 30).filter(nation="Northern Ireland").exists()


def d_point(district):
    return Point(district.latitude, district.longitude)


# The exact bounding box: at latitude 60° a place 1 m inside a 100 km circle is found and
# one 1 m outside is not, due east of the centre and at the box's widest latitude (where
# the circle touches the box's east side). ``km / (111.195·cos φ)`` missed both.
NORTH = Point(60.0, 5.0)


def due_east(centre: Point, km: float) -> Point:
    """The point on ``centre``'s parallel, east of it, ``km`` away along the great circle."""
    d = km / EARTH_RADIUS_KM
    phi = math.radians(centre.lat)
    dlon = 2 * math.asin(math.sin(d / 2) / math.cos(phi))
    return Point(centre.lat, centre.lon + math.degrees(dlon))


def widest_east(centre: Point, km: float) -> Point:
    """The easternmost point of the circle of ``km`` around ``centre`` (it lies north of the
    centre's parallel)."""
    d = km / EARTH_RADIUS_KM
    phi = math.radians(centre.lat)
    lat = math.asin(math.sin(phi) / math.cos(d))
    dlon = math.asin(math.sin(d) / math.cos(phi))
    return Point(math.degrees(lat), centre.lon + math.degrees(dlon))


@pytest.fixture
def places_around_the_100_km_circle(db):
    council = LocalAuthority.objects.create(code="N99999999", name="North", nation="Scotland")
    places = {
        "east-in": due_east(NORTH, 100 - 0.001),
        "east-out": due_east(NORTH, 100 + 0.001),
        "wide-in": widest_east(NORTH, 100 - 0.001),
        "wide-out": widest_east(NORTH, 100 + 0.001),
    }
    for code, point in zip(["ZZ1", "ZZ2", "ZZ3", "ZZ4"], places.values(), strict=True):
        District.objects.create(
            outcode=code,
            area="ZZ",
            latitude=point.lat,
            longitude=point.lon,
            nation="Scotland",
            local_authority=council,
        )
    return dict(zip(places, ["ZZ1", "ZZ2", "ZZ3", "ZZ4"], strict=True))


def test_the_test_places_are_where_they_should_be():
    assert distance_km(NORTH, due_east(NORTH, 99.999)) == pytest.approx(99.999, abs=1e-6)
    assert distance_km(NORTH, widest_east(NORTH, 99.999)) == pytest.approx(99.999, abs=1e-6)
    # Both lie east of where the old box ended.
    old_east_edge = NORTH.lon + 100 / (111.195 * math.cos(math.radians(NORTH.lat)))
    assert due_east(NORTH, 99.999).lon > old_east_edge
    assert widest_east(NORTH, 99.999).lon > old_east_edge


def test_a_place_1_m_inside_100_km_at_latitude_60_is_found_and_1_m_outside_is_not(
    places_around_the_100_km_circle,
):
    found = set(District.objects.near(NORTH, 100).values_list("outcode", flat=True))
    code = places_around_the_100_km_circle
    assert code["east-in"] in found
    assert code["wide-in"] in found
    assert code["east-out"] not in found
    assert code["wide-out"] not in found


def test_the_box_holds_the_whole_circle_and_no_more_than_it_must():
    min_lat, max_lat, min_lon, max_lon = bounding_box(NORTH, 100)
    widest = widest_east(NORTH, 100)
    assert max_lon == pytest.approx(widest.lon, abs=1e-9)
    assert max_lat - NORTH.lat == pytest.approx(math.degrees(100 / EARTH_RADIUS_KM))
    assert NORTH.lon - min_lon == pytest.approx(max_lon - NORTH.lon)


def test_a_circle_that_reaches_a_pole_spans_every_longitude():
    assert bounding_box(Point(89.5, 10), 100)[2:] == (10 - 180.0, 10 + 180.0)
    assert bounding_box(Point(89.5, 10), 100)[1] == 90.0
    assert bounding_box(Point(-90.0, 0), 1)[:2] == (-90.0, pytest.approx(-90 + 0.009, abs=1e-3))
