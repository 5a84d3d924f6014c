import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from spaces.models import Status

from .factories import PledgeFactory, SpaceFactory, ThreatenedSpaceFactory

pytestmark = pytest.mark.django_db


def names(response):
    return re.findall(r"<h3><a href=\"[^\"]+\">([^<]+)</a></h3>", response.content.decode())


def in_days(n):
    return timezone.localdate() + timedelta(days=n)


def test_threatened_spaces_near_a_postcode_soonest_deadline_first(client):
    ThreatenedSpaceFactory(name="Later", at="M4", threat_deadline=in_days(60))
    ThreatenedSpaceFactory(name="No deadline", at="M1", threat_deadline=None)
    ThreatenedSpaceFactory(name="Soonest", at="M14", threat_deadline=in_days(5))
    ThreatenedSpaceFactory(name="Far away", at="EH1", threat_deadline=in_days(1))
    SpaceFactory(name="Open", at="M4", status=Status.OPEN)
    SpaceFactory(name="In transfer", at="M4", status=Status.TRANSFER)

    response = client.get("/spaces/endangered/", {"postcode": "M4 6DE", "km": "25"})

    assert response.status_code == 200
    assert names(response) == ["Soonest", "Later", "No deadline"]
    html = response.content.decode()
    assert "3 spaces under threat within 25 km of M4 6DE" in html
    assert "5 days left" in html


def test_without_a_postcode_it_lists_every_threatened_space(client):
    ThreatenedSpaceFactory(name="Edinburgh", at="EH1", threat_deadline=in_days(9))
    ThreatenedSpaceFactory(name="Belfast", at="BT1", threat_deadline=in_days(3))

    assert names(client.get("/spaces/endangered/")) == ["Belfast", "Edinburgh"]


def test_each_space_shows_its_pledge_count_and_a_way_to_help(client):
    space = ThreatenedSpaceFactory(name="Rusholme Library")
    PledgeFactory.create_batch(3, space=space)

    html = client.get("/spaces/endangered/").content.decode()

    assert "3 pledges" in html
    assert f'href="/spaces/{space.slug}/#pledge">Help save it' in html


def test_a_bad_postcode_or_radius_is_explained(client):
    response = client.get("/spaces/endangered/", {"postcode": "nowhere", "km": "10000"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a UK postcode" in html
    assert "Choose a distance from the list" in html
    assert 'value="nowhere"' in html


def test_the_endangered_page_makes_the_same_number_of_queries_whatever_the_page_size(client):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            client.get("/spaces/endangered/", {"postcode": "M4"})
        return len(ctx)

    for i in range(3):
        PledgeFactory(space=ThreatenedSpaceFactory(north_m=i * 30))
    queries()
    few = queries()
    for i in range(25):
        PledgeFactory(space=ThreatenedSpaceFactory(north_m=i * 30))
    assert queries() == few <= 4


def test_an_empty_result_is_good_news(client):
    assert "Good news" in client.get("/spaces/endangered/", {"postcode": "M4"}).content.decode()
