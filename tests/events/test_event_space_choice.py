"""Choosing the community space of an event among hundreds: the list offers only the
approved spaces near a postcode, found with a "Find spaces" button that needs no JavaScript."""

import re

import pytest

from events.models import Event
from spaces.models import Status

from ..spaces.factories import SpaceFactory
from .factories import EventFactory
from .test_event_create import URL, form_data

pytestmark = pytest.mark.django_db

# Drawing the form after "Find spaces": groups organised, the postcode, the spaces near it
# (one query) and their tags (one query), whatever their number (the session and the
# member come from the cache).
QUERIES = 4


def space_options(html: str) -> list[str]:
    select = re.search(r'<select name="space".*?</select>', html, re.S).group(0)
    return re.findall(r"<option value=\"[^\"]*\"[^>]*>([^<]*)</option>", select)


@pytest.fixture
def spaces():
    """Three spaces in Manchester, more far away, and some that are not offered."""
    near = {
        "ancoats": SpaceFactory(name="Ancoats Hall", at="M4 6DE"),
        "centre": SpaceFactory(name="Oxford Road Rooms", at="M1 1AD"),
    }
    SpaceFactory(name="Rusholme Library", at="M14")
    SpaceFactory.create_batch(30, at="EH6")
    SpaceFactory.create_batch(30, at="CF10")
    SpaceFactory(name="Closed Chapel", at="M4 6DE", status=Status.CLOSED)
    SpaceFactory(name="Pending Pavilion", at="M4 6DE", moderation_status="pending")
    return near


def test_without_a_postcode_no_long_list_is_shown(member_client, spaces):
    html = member_client.get(URL).content.decode()

    assert space_options(html) == ["Not at a listed space (give the address below)"]
    assert "Find spaces near a postcode above to list them here." in html
    assert 'name="find_spaces"' in html


def test_find_spaces_lists_the_approved_spaces_near_the_postcode_nearest_first(
    member_client, spaces
):
    data = form_data(title="Clothes swap at the hall", near="M4 6DE", find_spaces="1")

    response = member_client.post(URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    options = space_options(html)
    assert options[0] == "Not at a listed space (give the address below)"
    assert options[1].startswith("Ancoats Hall, M4 6DE · 0.0 km")
    assert [o.split(",")[0] for o in options[1:]] == [
        "Ancoats Hall",
        "Oxford Road Rooms",
        "Rusholme Library",
    ]
    assert "Approved spaces within 5 km of M4 6DE, nearest first." in html
    # Nothing was checked or saved, and everything typed is still there.
    assert not Event.objects.exists()
    assert 'value="Clothes swap at the hall"' in html
    assert "Step-free from Oxford Road." in html
    assert "errorlist" not in html


def test_the_event_postcode_is_used_when_no_search_postcode_is_given(member_client, spaces):
    html = member_client.post(URL, form_data(find_spaces="1")).content.decode()

    assert space_options(html)[1].startswith("Oxford Road Rooms, M1 1AD")


def test_the_member_home_postcode_lists_spaces_on_a_new_form(member_client, member, spaces):
    member.home_postcode = "M4 6DE"
    member.save()

    options = space_options(member_client.get(URL).content.decode())

    assert options[1].startswith("Ancoats Hall")
    assert len(options) == 4


def test_a_postcode_that_cannot_be_found_is_explained(member_client, spaces):
    response = member_client.post(URL, form_data(near="ZZ99 9ZZ", find_spaces="1", postcode=""))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="near-error"' in html
    assert 'value="ZZ99 9ZZ"' in html
    assert not Event.objects.exists()


def test_the_space_found_is_then_chosen_and_saved(member_client, spaces):
    hall = spaces["ancoats"]
    data = form_data(near="M4 6DE", space=hall.pk, venue_name="", address="", postcode="")

    response = member_client.post(URL, data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.space == hall and event.postcode == hall.postcode


def test_a_space_not_approved_is_refused(member_client, spaces):
    from spaces.models import Space

    pending = Space.objects.get(name="Pending Pavilion")
    data = form_data(space=pending.pk, venue_name="", address="", postcode="")

    response = member_client.post(URL, data)

    assert response.status_code == 400
    assert not Event.objects.exists()


def test_finding_spaces_does_not_use_up_the_submission_limit(member_client, spaces):
    for _ in range(12):
        assert member_client.post(URL, form_data(near="M4", find_spaces="1")).status_code == 200

    assert member_client.post(URL, form_data()).status_code == 302


def test_the_edit_form_offers_the_spaces_near_the_event_and_keeps_its_own(
    member_client, member, spaces
):
    far = SpaceFactory(name="Leith Hall", at="EH6")
    event = EventFactory(organiser=member, space=far, venue_name="", address="")
    Event.objects.filter(pk=event.pk).update(postcode=far.postcode, outcode="EH6")

    html = member_client.get(f"/events/{event.slug}/edit/").content.decode()
    assert "Approved spaces within 5 km of EH6" in html
    assert "Leith Hall, EH6" in " ".join(space_options(html))
    assert re.search(rf'<option value="{far.pk}" selected>Leith Hall', html)

    data = {**form_data(space=far.pk), "near": "M4 6DE", "find_spaces": "1"}
    found = member_client.post(f"/events/{event.slug}/edit/", data).content.decode()
    options = space_options(found)
    # The chosen space stays chosen, first, above the spaces near the new postcode.
    assert options[1].startswith("Leith Hall")
    assert [o.split(",")[0] for o in options[2:4]] == ["Ancoats Hall", "Oxford Road Rooms"]
    assert re.search(rf'<option value="{far.pk}" selected>Leith Hall', found)


@pytest.mark.parametrize("extra", [0, 40])
def test_the_choices_cost_the_same_queries_however_many_spaces_are_near(
    member_client, spaces, extra, django_assert_num_queries
):
    SpaceFactory.create_batch(extra, at="M4 6DE")
    member_client.post(URL, form_data(near="M4 6DE", find_spaces="1"))  # warm caches

    with django_assert_num_queries(QUERIES):
        html = member_client.post(URL, form_data(near="M4 6DE", find_spaces="1")).content.decode()
    assert len(space_options(html)) == 1 + 3 + extra
