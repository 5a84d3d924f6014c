import pytest
from django.utils import timezone

from communities.models import AreaType, Group, GroupKind
from communities.services import group_area_refresh
from portal.audit import deserts_rank
from postcodes.models import District, LocalAuthority
from spaces.models import Status as SpaceStatus

from ..communities.factories import GroupFactory, PioneerFactory
from ..events.factories import EventFactory, soon
from ..spaces.factories import SpaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wales():
    """Known co-operative activity in Wales (live postcodes from the district data)."""
    GroupFactory(name="Cardiff Centre", at="CF10")
    GroupFactory(
        name="Cathays Co-op", at="CF24", kind=GroupKind.COOPERATIVE, registered_at=timezone.now()
    )
    GroupFactory(name="Swansea Group", at="SA1")
    PioneerFactory(name="Newport Pioneer", at="NP20")
    both = GroupFactory(name="Aber and Newport", area_type=AreaType.DISTRICTS)
    both.districts.set(District.objects.filter(outcode__in=["SY23", "NP20"]))
    group_area_refresh(group=both)
    # Not counted: waiting for review, or with no place.
    GroupFactory(name="Merthyr Pending", at="CF47", moderation_status="pending")
    GroupFactory(name="Welsh Speakers", area_type=AreaType.INTEREST, tags=["cymraeg"])


def test_local_authorities_are_ranked_from_least_to_most_activity(wales):
    rows = deserts_rank(areas=LocalAuthority.objects.filter(nation="Wales"))
    assert len(rows) == 22
    # No activity at all: the biggest places first.
    assert [r.name for r in rows[:3]] == ["Carmarthenshire", "Powys", "Gwynedd"]
    assert rows[17].name == "Merthyr Tydfil" and rows[17].activity == 0
    # Then by activity per 10,000 live postcodes.
    tail = [
        (r.name, r.groups, r.cooperatives, r.communities, r.pioneers, r.per_10k) for r in rows[18:]
    ]
    assert tail == [
        ("Swansea", 1, 0, 0, 0, 1.7),
        ("Ceredigion", 1, 0, 0, 0, 3.07),
        ("Cardiff", 2, 1, 1, 0, 3.73),
        ("Newport", 1, 0, 0, 1, 5.54),
    ]
    assert [r.rank for r in rows] == list(range(1, 23))


def test_postcode_districts_can_be_ranked_too(wales):
    rows = deserts_rank(level="district", areas=District.objects.filter(nation="Wales"))
    active = [(r.code, r.activity, r.per_10k) for r in rows if r.activity]
    assert active == [
        ("SA1", 1, 7.64),
        ("SY23", 1, 10.09),
        ("NP20", 2, 14.67),
        ("CF10", 1, 15.77),
        ("CF24", 2, 18.99),
    ]
    assert rows[0].activity == 0
    assert rows[0].postcodes == max(r.postcodes for r in rows if not r.activity)


@pytest.fixture
def merthyr_places():
    """A community space and an upcoming event in Merthyr Tydfil; others that don't count."""
    SpaceFactory(name="Merthyr Hall", at="CF47")
    SpaceFactory(name="Closed Hall", at="CF47", status=SpaceStatus.CLOSED)
    SpaceFactory(name="Pending Hall", at="CF47", moderation_status="pending")
    EventFactory(title="Repair café", place="CF47")
    EventFactory(title="Last month's fair", place="CF47", starts_at=soon(-30))
    EventFactory(title="Swansea walk", place="SA1")


def test_community_spaces_and_upcoming_events_count_as_activity(wales, merthyr_places):
    rows = deserts_rank(areas=LocalAuthority.objects.filter(nation="Wales"))
    by_name = {r.name: r for r in rows}

    merthyr = by_name["Merthyr Tydfil"]
    assert (merthyr.groups, merthyr.spaces, merthyr.events, merthyr.activity) == (0, 1, 1, 2)
    assert merthyr.per_10k == round(2 * 10_000 / merthyr.postcodes, 2)
    swansea = by_name["Swansea"]
    assert (swansea.groups, swansea.spaces, swansea.events, swansea.activity) == (1, 0, 1, 2)
    # Merthyr is no longer among the areas with nothing at all.
    assert [r.name for r in rows if r.activity == 0][-1] != "Merthyr Tydfil"
    assert sum(1 for r in rows if r.activity == 0) == 17
    assert [r.rank for r in rows] == list(range(1, 23))
    assert rows.index(merthyr) >= 17

    districts = deserts_rank(level="district", areas=District.objects.filter(nation="Wales"))
    cf47 = next(r for r in districts if r.code == "CF47")
    assert (cf47.spaces, cf47.events, cf47.activity) == (1, 1, 2)
    sa1 = next(r for r in districts if r.code == "SA1")
    assert (sa1.groups, sa1.events, sa1.activity) == (1, 1, 2)


def test_the_page_and_csv_show_spaces_and_events(staff_client, wales, merthyr_places):
    response = staff_client.get("/communities/deserts/", {"nation": "Wales"})
    html = response.content.decode()
    assert "17 of 22 areas have no co-operative activity at all." in html
    assert '<th scope="col">Spaces</th><th scope="col">Upcoming events</th>' in html
    csv = staff_client.get("/communities/deserts/", {"nation": "Wales", "format": "csv"})
    lines = b"".join(csv.streaming_content).decode().splitlines()
    assert lines[0].endswith(",community spaces,upcoming events")
    merthyr = next(line for line in lines if ",Merthyr Tydfil," in line)
    assert merthyr.endswith(",1,1")


def test_staff_see_the_ranking_page_and_can_download_it(staff_client, wales):
    response = staff_client.get("/communities/deserts/", {"nation": "Wales"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "18 of 22 areas have no co-operative activity at all." in html
    assert html.index("Carmarthenshire") < html.index("Swansea") < html.index("Newport")
    csv = staff_client.get("/communities/deserts/", {"nation": "Wales", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    lines = b"".join(csv.streaming_content).decode().splitlines()
    assert lines[0].startswith("rank,code,name,nation")
    assert lines[1].startswith("1,W06000010,Carmarthenshire,Wales,6693,0")
    assert lines[-1].startswith("22,W06000022,Newport,Wales,3610,1,0,0,1,2,5.54")


def test_the_first_visit_shows_the_whole_ranking_not_0_of_0(staff_client, wales):
    total = LocalAuthority.objects.count()
    assert total > 22  # all four nations are loaded
    response = staff_client.get("/communities/deserts/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "of 0 areas" not in html
    assert f"of {total} areas have no co-operative activity at all." in html
    assert len(response.context["rows"]) == min(50, total)
    # The district level's first visit ranks every district the same way.
    districts = staff_client.get("/communities/deserts/", {"level": "district"})
    assert f"of {District.objects.count()} areas" in districts.content.decode()


def test_the_page_pages_and_filters_by_district(staff_client, wales):
    response = staff_client.get("/communities/deserts/", {"level": "district", "name": "Cardiff"})
    assert response.status_code == 200
    codes = [r.code for r in response.context["rows"]]
    assert "CF10" in codes and "SA1" not in codes


def test_the_ranking_is_for_staff_only(client, member_client):
    assert member_client.get("/communities/deserts/").status_code == 404
    response = client.get("/communities/deserts/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_bad_nation_is_explained(staff_client):
    response = staff_client.get("/communities/deserts/", {"nation": "Atlantis"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(("level", "queries"), [("lad", 7), ("district", 6)])
def test_the_ranking_takes_a_constant_number_of_queries(
    django_assert_num_queries, wales, level, queries
):
    with django_assert_num_queries(queries):
        deserts_rank(level=level)
    GroupFactory.create_batch(20, at="M4")
    SpaceFactory.create_batch(5, at="M4")
    EventFactory.create_batch(5, place="M4")
    with django_assert_num_queries(queries):
        rows = deserts_rank(level=level)
    assert Group.objects.count() > 20
    manchester = next(r for r in rows if r.name.startswith("Manchester") or r.code == "M4")
    assert (manchester.groups, manchester.spaces, manchester.events) == (20, 5, 5)
