"""“Help save this space”: pledges of time, skills, money or a voice, with a live count."""

import pytest

from spaces.models import Pledge, Status

from .factories import PledgeFactory, SpaceFactory, ThreatenedSpaceFactory

pytestmark = pytest.mark.django_db


def test_a_member_pledges_to_help_a_threatened_space(member_client, member):
    space = ThreatenedSpaceFactory()

    response = member_client.post(
        f"/spaces/{space.slug}/pledge/",
        {"time": "on", "voice": "on", "message": "I can leaflet.", "show_name": "on"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/spaces/{space.slug}/#pledge"
    pledge = Pledge.objects.get()
    assert (pledge.user, pledge.time, pledge.skills, pledge.money, pledge.voice) == (
        member,
        True,
        False,
        False,
        True,
    )
    assert pledge.message == "I can leaflet."
    page = member_client.get(f"/spaces/{space.slug}/").content.decode()
    assert "Thank you for pledging to help save" in page
    assert "<strong data-pledge-total>1</strong> <span data-pledge-noun>person has</span>" in page
    assert "You pledged: <strong>time, a voice</strong>" in page
    assert "Mo Member" in page


def test_the_live_count_counts_every_gift(client):
    space = ThreatenedSpaceFactory()
    PledgeFactory(space=space, time=True, money=True)
    PledgeFactory(space=space, time=False, voice=True)

    response = client.get(f"/spaces/{space.slug}/pledges.json")

    assert response.status_code == 200
    assert response.json() == {"total": 2, "time": 1, "skills": 0, "money": 1, "voice": 1}
    assert "max-age=10" in response["Cache-Control"]


def test_the_page_polls_the_live_count(client):
    space = ThreatenedSpaceFactory()

    html = client.get(f"/spaces/{space.slug}/").content.decode()

    assert f'data-pledge-count-url="/spaces/{space.slug}/pledges.json"' in html
    assert "spaces/pledge-count.js" in html
    assert 'aria-live="polite"' in html


def test_the_count_of_a_space_that_is_not_public_is_404(client, owner):
    space = ThreatenedSpaceFactory(moderation_status="pending", submitted_by=owner)

    assert client.get(f"/spaces/{space.slug}/pledges.json").status_code == 404


def test_a_pledge_must_give_something(member_client):
    space = ThreatenedSpaceFactory()

    response = member_client.post(f"/spaces/{space.slug}/pledge/", {"message": "Good luck!"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose at least one way you can help" in html
    assert "Good luck!" in html
    assert not Pledge.objects.exists()


def test_pledging_again_updates_the_pledge(member_client):
    space = ThreatenedSpaceFactory()
    member_client.post(f"/spaces/{space.slug}/pledge/", {"time": "on"})

    response = member_client.post(f"/spaces/{space.slug}/pledge/", {"money": "on"}, follow=True)

    pledge = Pledge.objects.get()
    assert (pledge.time, pledge.money) == (False, True)
    assert "Your pledge is updated." in response.content.decode()


def test_pledging_needs_a_log_in(client):
    space = ThreatenedSpaceFactory()

    response = client.post(f"/spaces/{space.slug}/pledge/", {"time": "on"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Pledge.objects.exists()


def test_a_space_that_is_not_threatened_takes_no_pledges(member_client):
    space = SpaceFactory(status=Status.OPEN)

    response = member_client.post(f"/spaces/{space.slug}/pledge/", {"time": "on"}, follow=True)

    assert not Pledge.objects.exists()
    assert "is not asking for pledges right now" in response.content.decode()


def test_a_space_in_asset_transfer_still_takes_pledges(member_client):
    space = SpaceFactory(status=Status.TRANSFER, transfer_stage="application")

    member_client.post(f"/spaces/{space.slug}/pledge/", {"skills": "on"})

    assert Pledge.objects.filter(space=space, skills=True).exists()


def test_withdrawing_a_pledge_is_post_only(member_client, member):
    space = ThreatenedSpaceFactory()
    PledgeFactory(space=space, user=member)

    assert member_client.get(f"/spaces/{space.slug}/pledge/withdraw/").status_code == 405
    assert Pledge.objects.exists()
    response = member_client.post(f"/spaces/{space.slug}/pledge/withdraw/", follow=True)
    assert not Pledge.objects.exists()
    assert "Your pledge is withdrawn." in response.content.decode()


def test_a_member_can_only_withdraw_their_own_pledge(stranger_client, member):
    space = ThreatenedSpaceFactory()
    PledgeFactory(space=space, user=member)

    stranger_client.post(f"/spaces/{space.slug}/pledge/withdraw/")

    assert Pledge.objects.filter(user=member).exists()


def test_the_pledge_page_works_without_javascript(member_client):
    space = ThreatenedSpaceFactory(name="Rusholme Library")

    response = member_client.get(f"/spaces/{space.slug}/pledge/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Help save Rusholme Library</h1>" in html
    assert 'name="time"' in html and 'name="voice"' in html
