import datetime

import pytest
from django.utils import timezone

from communities.models import AreaType, Membership, Role
from communities.services import progress_post
from events.models import Event
from spaces.models import Space

from .factories import CommitmentFactory, GroupFactory, PioneerFactory

pytestmark = pytest.mark.django_db


def make_event(group, title, days, status="approved"):
    start = timezone.now() + datetime.timedelta(days=days)
    return Event.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        group=group,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        moderation_status=status,
    )


def test_the_public_page_shows_the_group_its_area_and_tags(client):
    group = GroupFactory(name="Ancoats Growers", place_name="Ancoats", radius_km=1, tags=["food"])
    response = client.get(group.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Ancoats Growers</h1>" in html
    assert "Within 1 km of Ancoats" in html
    assert 'href="/communities/?tags=food"' in html
    assert 'data-geojson-id="group-geojson"' in html


def test_it_lists_the_groups_upcoming_approved_events_and_its_spaces(client):
    group = GroupFactory()
    make_event(group, "Street party", days=3)
    make_event(group, "Last year's party", days=-300)
    make_event(group, "Unchecked party", days=5, status="pending")
    space = Space.objects.create(name="Hulme Hall", slug="hulme-hall", moderation_status="approved")
    hidden = Space.objects.create(name="Hidden Hall", slug="hidden-hall")
    group.spaces.set([space, hidden])
    html = client.get(group.get_absolute_url()).content.decode()
    assert "Street party" in html
    assert "Last year&#x27;s party" not in html
    assert "Unchecked party" not in html
    assert "Hulme Hall" in html
    assert "Hidden Hall" not in html


def test_it_shows_each_commitments_progress_towards_its_target(client, owner):
    group = GroupFactory(registered_at=timezone.now(), organiser=owner)
    commitment = CommitmentFactory(group=group, what="Hold street parties", target=4)
    progress_post(commitment=commitment, by=owner, number=3, story="Three streets came out.")
    html = client.get(group.get_absolute_url()).content.decode()
    assert "Hold street parties" in html
    assert "3 of 4 street parties" in html
    assert "(75%)" in html
    assert '<progress value="3" max="4"' in html
    assert "Three streets came out." in html
    assert "Post progress" not in html  # only organisers


def test_the_page_says_when_the_community_was_last_reviewed(client):
    registered = timezone.now() - datetime.timedelta(days=400)
    group = GroupFactory(registered_at=registered, last_reviewed_at=timezone.now())
    html = client.get(group.get_absolute_url()).content.decode()
    assert "Last reviewed " + timezone.localdate().strftime("%-d %B %Y") in html
    group.last_reviewed_at = None
    group.save()
    assert "Not reviewed yet" in client.get(group.get_absolute_url()).content.decode()


def test_pioneers_nearby_appear_on_the_page(client):
    group = GroupFactory(at="M4")
    PioneerFactory(name="Priya Pioneer", at="M1")
    assert "Priya Pioneer" in client.get(group.get_absolute_url()).content.decode()


def test_a_pending_group_is_hidden_from_strangers_but_shown_to_its_organiser(
    client, stranger_client, owner_client, owner, staff_client
):
    group = GroupFactory(moderation_status="pending", organiser=owner)
    assert client.get(group.get_absolute_url()).status_code == 404
    assert stranger_client.get(group.get_absolute_url()).status_code == 404
    response = owner_client.get(group.get_absolute_url())
    assert response.status_code == 200
    assert "Waiting for review" in response.content.decode()
    assert staff_client.get(group.get_absolute_url()).status_code == 200


def test_organisers_see_their_tools_members_do_not(owner_client, owner, member_client, member):
    group = GroupFactory(organiser=owner)
    Membership.objects.create(group=group, user=member, role=Role.MEMBER)
    assert "Manage members" in owner_client.get(group.get_absolute_url()).content.decode()
    html = member_client.get(group.get_absolute_url()).content.decode()
    assert "Manage members" not in html
    assert "You are a member of this group" in html


def test_an_interest_community_page_has_no_map(client):
    group = GroupFactory(area_type=AreaType.INTEREST, tags=["baking"])
    html = client.get(group.get_absolute_url()).content.decode()
    assert "A community of interest, anywhere" in html
    assert "data-map" not in html


def test_the_page_never_shows_members_email_addresses(client, owner):
    group = GroupFactory(organiser=owner)
    html = client.get(group.get_absolute_url()).content.decode()
    assert owner.display_name in html
    assert owner.email not in html
