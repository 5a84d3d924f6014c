"""The "near me" query; CI runs this file on PostgreSQL and again on SQLite."""

import pytest

from postcodes.geo import Point, distance_km
from postcodes.models import District

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
