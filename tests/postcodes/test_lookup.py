import pytest

from postcodes.parsing import InvalidPostcode, OutsideUK, UnknownPostcode
from postcodes.services import Precision, lookup


@pytest.mark.parametrize(
    ("postcode", "district", "council", "nation"),
    [
        ("M1 1AE", "M1", "Manchester", "England"),
        ("eh1 1yz", "EH1", "City of Edinburgh", "Scotland"),
        ("CF10 1EP", "CF10", "Cardiff", "Wales"),
        ("BT1 5GS", "BT1", "Belfast", "Northern Ireland"),
        ("ZE1", "ZE1", "Shetland Islands", "Scotland"),
    ],
)
def test_without_full_postcodes_it_falls_back_to_the_district(
    db, postcode, district, council, nation
):
    location = lookup(postcode)
    assert location.outcode == district
    assert location.lad_name == council
    assert location.nation == nation
    assert location.precision == Precision.DISTRICT
    assert location.small_area_code == ""


def test_district_centroids_are_the_published_ones(db):
    location = lookup("SW1A")
    assert (round(location.point.lat, 4), round(location.point.lon, 4)) == (51.5045, -0.1322)


def test_with_full_postcodes_it_uses_the_postcode_and_its_small_area(city_postcodes):
    location = lookup("bt15gs")
    assert location.postcode == "BT1 5GS"
    assert location.precision == Precision.POSTCODE
    # Belfast City Hall, as published.
    assert (round(location.point.lat, 4), round(location.point.lon, 4)) == (54.5966, -5.9301)
    assert location.lad_name == "Belfast"
    assert location.nation == "Northern Ireland"
    assert location.small_area_code == "95GG39S1"


def test_a_full_postcode_missing_from_the_table_falls_back_to_its_district(city_postcodes):
    # SW1A is outside the four-city sample.
    location = lookup("SW1A 1AA")
    assert location.precision == Precision.DISTRICT
    assert location.lad_name == "Westminster"


def test_an_unknown_district_is_a_clear_error(db):
    with pytest.raises(UnknownPostcode, match="can't find ZA9 9ZZ"):
        lookup("ZA9 9ZZ")


def test_malformed_and_crown_dependency_postcodes_are_refused(db):
    with pytest.raises(InvalidPostcode):
        lookup("not a postcode")
    with pytest.raises(OutsideUK):
        lookup("IM1 1AA")


def test_all_four_nations_are_loaded(db):
    from postcodes.models import District

    counts = {
        nation: District.objects.filter(nation=nation).count()
        for nation in ["England", "Scotland", "Wales", "Northern Ireland"]
    }
    assert counts == {"England": 2210, "Scotland": 453, "Wales": 200, "Northern Ireland": 80}
