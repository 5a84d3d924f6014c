"""A date's card is rendered once per version of the date and its event and shared by
every viewer (core.render_cache); an edit or a reply shows on the next search, and each
member sees only their own reply (issue 17)."""

import re

import pytest

from events.services import event_update, rsvp_create

from .factories import EventFactory

pytestmark = pytest.mark.django_db
CARD = "events/includes/event_card.html"


def search(client):
    return client.get("/events/", {"postcode": "M1 1AD"})


def card_renders(response) -> int:
    return [t.name for t in response.templates].count(CARD)


def test_a_card_is_rendered_once_and_reused_by_the_next_search_of_anyone(
    client, member_client, settings
):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    EventFactory(title="Ancoats litter pick", place="M4")
    assert card_renders(search(member_client)) == 1
    again = search(client)
    assert card_renders(again) == 0
    assert "Ancoats litter pick" in again.content.decode()
    assert "0.9 km away" in again.content.decode()


def test_an_edited_event_shows_its_new_title_in_the_next_search(client, member_client, owner):
    event = EventFactory(title="Ancoats litter pick", place="M4", organiser=owner)
    assert "Ancoats litter pick" in search(member_client).content.decode()
    assert "Ancoats litter pick" in search(client).content.decode()

    event.title = "Ancoats big spring clean"
    event_update(event=event, by=owner)

    for viewer in (member_client, client):
        html = search(viewer).content.decode()
        assert "Ancoats big spring clean" in html and "Ancoats litter pick" not in html


def test_a_reply_moves_the_places_left_for_all_and_is_shown_only_to_its_member(
    client, member_client, member, stranger_client
):
    event = EventFactory(title="Clothes swap", place="M4", capacity=20)
    for viewer in (member_client, stranger_client, client):
        assert "20 places left" in search(viewer).content.decode()

    rsvp_create(occurrence=event.occurrences.get(), user=member)

    mine = search(member_client).content.decode()
    assert "19 places left" in mine and "You're going" in mine
    for viewer in (stranger_client, client):
        theirs = search(viewer).content.decode()
        assert "19 places left" in theirs and "You're going" not in theirs
    assert re.search(r"Clothes swap.*?19 places left.*?You're going", mine, re.S)


def test_a_card_seen_in_welsh_is_not_shown_to_an_english_reader(client, settings):
    from django.utils import timezone

    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    event = EventFactory(title="Ancoats litter pick", place="M4")
    day = timezone.localtime(event.occurrences.get().starts_at).strftime("%A")
    welsh = client.get("/cy/events/", {"postcode": "M1 1AD"})
    assert welsh.status_code == 200 and "Ancoats litter pick" in welsh.content.decode()
    assert day not in welsh.content.decode().split("Ancoats litter pick</a></h3>", 1)[1][:300]

    english = search(client).content.decode()
    assert day in english.split("Ancoats litter pick</a></h3>", 1)[1][:300]
