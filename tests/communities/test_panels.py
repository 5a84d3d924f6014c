import pytest
from django.utils import timezone

from .factories import GroupFactory, PioneerFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_panel_counts_groups_and_communities(client):
    GroupFactory()
    GroupFactory(registered_at=timezone.now())
    GroupFactory(moderation_status="pending")
    html = client.get("/").content.decode()
    assert "2 groups, 1 co-operative community" in html
    assert 'href="/communities/register/"' in html


def test_the_near_page_panel_lists_groups_and_a_pioneer_nearby(client):
    GroupFactory(name="Ancoats Growers", at="M4")
    GroupFactory(name="Leith Growers", at="EH6")
    PioneerFactory(name="Priya", at="M1")
    html = client.get("/near/", {"postcode": "M1 1AD"}).content.decode()
    assert "Ancoats Growers" in html
    assert "Leith Growers" not in html
    assert "Member Pioneer nearby" in html and "Priya" in html
    assert 'href="/communities/audit/?postcode=M1%201AD&amp;km=5"' in html


def test_the_near_page_panel_invites_people_to_start_where_there_is_nothing(client):
    html = client.get("/near/", {"postcode": "HS1"}).content.decode()
    assert "No groups within 10 km yet" in html
