"""Postcodes as the wellbeing pages and the API name them (services/places.py)."""

import pytest

from postcodes.geo import Point
from postcodes.services import Location
from wellbeing_index.services.editions import EditionRef
from wellbeing_index.services.places import (
    areas_key,
    postcode_outside_index,
    postcode_slug,
)


def _location(postcode: str, small_area: str, lad: str = "E08000003") -> Location:
    return Location(
        postcode=postcode,
        point=Point(53.48, -2.24),
        outcode=postcode.split()[0],
        lad_code=lad,
        lad_name="Manchester",
        nation="England",
        precision="postcode" if small_area else "district",
        small_area_code=small_area,
    )


@pytest.mark.parametrize(("typed", "slug"), [("M1 1AD", "M11AD"), ("cf10 1ep", "CF101EP")])
def test_a_postcode_is_shared_in_its_compact_form(typed, slug):
    assert postcode_slug(typed) == slug


@pytest.mark.parametrize(
    ("typed", "outside"),
    [("IM1 1AA", True), ("GY1 1AA", True), ("JE2 3AB", True), ("M1 1AD", False), ("ZZ", False)],
)
def test_isle_of_man_and_channel_islands_postcodes_are_outside_the_index(typed, outside):
    assert postcode_outside_index(typed) is outside


def test_postcodes_of_one_neighbourhood_share_one_figures_key():
    edition = EditionRef(pk=3, year=2025, stamp=1700000000.5)
    first = areas_key(_location("M1 1AD", "E01033658"), edition)
    assert first == areas_key(_location("M1 1AE", "E01033658"), edition)
    assert first == "3:1700000000.500000:E01033658:E08000003"
    assert areas_key(_location("M1 2AA", "E01005062"), edition) != first
    # A postcode district has no neighbourhood: its key names the council alone.
    assert areas_key(_location("M1", ""), edition) == "3:1700000000.500000:-:E08000003"
