"""The spaces panels on the home page and on /near/."""

import pytest

from .factories import SpaceFactory, ThreatenedSpaceFactory

pytestmark = pytest.mark.django_db


def test_the_home_panel_links_to_spaces_and_counts_those_under_threat(client):
    ThreatenedSpaceFactory()
    ThreatenedSpaceFactory(at="EH1")

    html = client.get("/").content.decode()

    assert 'href="/spaces/">Community spaces</a>' in html
    assert "2 spaces under threat" in html


def test_the_near_panel_lists_the_nearest_spaces(client):
    SpaceFactory(name="Ancoats Hall", at="M4")
    ThreatenedSpaceFactory(name="Rusholme Library", at="M14")
    SpaceFactory(name="Edinburgh Hall", at="EH1")

    html = client.get("/near/", {"postcode": "M4 6DE"}).content.decode()

    assert "Ancoats Hall" in html
    assert "Edinburgh Hall" not in html
    assert "1 under threat nearby" in html
    assert 'href="/spaces/?postcode=M4%206DE"' in html
