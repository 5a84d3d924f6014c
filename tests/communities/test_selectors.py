import pytest
from django.contrib.auth.models import AnonymousUser

from communities.models import AreaType, Role
from communities.selectors import groups_at_space, groups_near, groups_organised_by, pioneers_near
from postcodes.services import lookup
from spaces.models import Space

from .factories import GroupFactory, PioneerFactory

pytestmark = pytest.mark.django_db


def test_groups_near_keeps_its_signature_and_returns_approved_groups_nearest_first():
    GroupFactory(name="Ancoats", at="M4", radius_km=1, tags=["food"])
    GroupFactory(name="Centre", at="M1", radius_km=1, tags=["Food"])
    GroupFactory(name="Pending", at="M1", moderation_status="pending")
    GroupFactory(name="Interest", area_type=AreaType.INTEREST, tags=["food"])
    GroupFactory(name="Leith", at="EH6")
    point = lookup("M1").point
    found = groups_near(point=point, km=5, tags=["food"], limit=6)
    assert [g.name for g in found] == ["Centre", "Ancoats"]
    assert found[0].distance_km < found[1].distance_km
    assert found[0].member_count == 0
    assert [g.name for g in groups_near(point=point, km=5, limit=1)] == ["Centre"]
    assert len(groups_near(point=point, km=1000, limit=None)) == 3


def test_groups_at_space_lists_the_approved_groups_that_meet_there():
    space = Space.objects.create(name="Hall", slug="hall", moderation_status="approved")
    GroupFactory(name="Meets here").spaces.add(space)
    GroupFactory(name="Not approved", moderation_status="pending").spaces.add(space)
    GroupFactory(name="Elsewhere")
    assert [g.name for g in groups_at_space(space_id=space.pk)] == ["Meets here"]


def test_groups_organised_by_are_the_approved_groups_where_the_user_organises(member, stranger):
    GroupFactory(name="Zebra Crossing Co-op", organiser=member)
    GroupFactory(name="Allotments", organiser=stranger).memberships.create(
        user=member, role=Role.ORGANISER
    )
    GroupFactory(name="Only a member").memberships.create(user=member, role=Role.MEMBER)
    GroupFactory(name="Pending", moderation_status="pending", organiser=member)
    GroupFactory(name="Listed by member, run by stranger", submitted_by=member, organiser=stranger)

    names = [g.name for g in groups_organised_by(user=member)]

    assert names == ["Allotments", "Zebra Crossing Co-op"]
    assert [g.name for g in groups_organised_by(user=stranger)] == [
        "Allotments",
        "Listed by member, run by stranger",
    ]
    assert list(groups_organised_by(user=AnonymousUser())) == []


def test_pioneers_near_returns_active_pioneers_whose_area_reaches_the_point():
    PioneerFactory(name="Near", at="M4", radius_km=2)
    PioneerFactory(name="Wide", at="M14", radius_km=20)
    PioneerFactory(name="Off", at="M1", is_active=False)
    PioneerFactory(name="Far", at="EH6", radius_km=5)
    assert sorted(p.name for p in pioneers_near(point=lookup("M1").point, km=1)) == [
        "Near",
        "Wide",
    ]


def test_list_pages_of_interest_communities_and_my_groups_have_constant_queries(
    client, member_client, member, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from communities.models import Membership

    def make(n):
        for _ in range(n):
            group = GroupFactory(area_type=AreaType.INTEREST, tags=["baking"])
            Membership.objects.create(group=group, user=member)

    make(3)
    counts = []
    for url, c in (("/communities/interest/", client), ("/communities/mine/", member_client)):
        c.get(url)  # warm the cached popular interests
        with CaptureQueriesContext(connection) as small:
            c.get(url)
        counts.append(len(small.captured_queries))
    make(22)
    with django_assert_num_queries(counts[0]):
        assert len(client.get("/communities/interest/").context["object_list"]) == 20
    with django_assert_num_queries(counts[1]):
        assert len(member_client.get("/communities/mine/").context["memberships"]) == 25
