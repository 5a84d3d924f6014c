import pytest

from postcodes.services import lookup
from spaces.models import Status
from spaces.selectors import space_counts_by_local_authority, space_counts_by_outcode, spaces_near

from .factories import SpaceFactory

pytestmark = pytest.mark.django_db


def test_spaces_near_lists_public_open_spaces_nearest_first_with_distances():
    SpaceFactory(name="Rusholme", at="M14")
    SpaceFactory(name="Ancoats", at="M4")
    SpaceFactory(name="Closed", at="M4", status=Status.CLOSED)
    SpaceFactory(name="Pending", at="M4", moderation_status="pending")
    SpaceFactory(name="Edinburgh", at="EH1")

    spaces = spaces_near(point=lookup("M4 6DE").point, km=10)

    assert [s.name for s in spaces] == ["Ancoats", "Rusholme"]
    assert spaces[0].distance_km < spaces[1].distance_km < 10


def test_spaces_near_filters_by_tag_names_and_limits():
    SpaceFactory(name="Garden", tags=["gardening"])
    SpaceFactory(name="Studio", tags=["music"], north_m=100)
    SpaceFactory(name="Hall", tags=["dance"], north_m=200)

    point = lookup("M4").point
    assert [s.name for s in spaces_near(point=point, km=5, tags=["gardening", "music"])] == [
        "Garden",
        "Studio",
    ]
    assert len(spaces_near(point=point, km=5, limit=1)) == 1
    assert len(spaces_near(point=point, km=5, limit=None)) == 3


def test_space_counts_by_area_count_public_spaces_not_closed():
    SpaceFactory(at="M4")
    SpaceFactory(at="M4", status=Status.THREATENED)
    SpaceFactory(at="M14")
    SpaceFactory(at="M4", status=Status.CLOSED)
    SpaceFactory(at="M4", moderation_status="pending")
    SpaceFactory(at="EH6")
    manchester, edinburgh = lookup("M4").lad_code, lookup("EH6").lad_code

    assert space_counts_by_local_authority() == {manchester: 3, edinburgh: 1}
    assert space_counts_by_outcode() == {"M4": 2, "M14": 1, "EH6": 1}


def test_space_counts_take_one_query(django_assert_num_queries):
    SpaceFactory.create_batch(3, at="M4")
    with django_assert_num_queries(1):
        space_counts_by_local_authority()
    with django_assert_num_queries(1):
        space_counts_by_outcode()
