"""Search results are cached, never stale, and a member's own replies are theirs alone."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.services import rsvp_create

from .factories import EventFactory
from .test_event_list import titles


def queries(client, params) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/events/", params)
    return len(ctx.captured_queries), response


def test_a_repeated_search_is_served_from_the_cache(client, db):
    EventFactory(title="Litter pick", place="M4")
    first, _ = queries(client, {"postcode": "M1", "km": "5"})
    again, response = queries(client, {"km": "5", "postcode": "M1"})  # same search
    assert first >= 1  # the page of dates (M1 is a district: no postcode lookup)
    assert again == 0
    assert titles(response) == ["Litter pick"]


def test_a_new_event_or_reply_shows_at_once(client, member, db):
    event = EventFactory(title="Litter pick", place="M4", capacity=5)
    assert "5 places left" in client.get("/events/").content.decode()
    rsvp_create(occurrence=event.occurrences.get(), user=member)
    assert "4 places left" in client.get("/events/").content.decode()
    EventFactory(title="Clothes swap", place="M4")
    assert sorted(titles(client.get("/events/"))) == ["Clothes swap", "Litter pick"]


def test_members_see_their_own_replies_on_a_cached_page(
    client, member_client, member, stranger_client, db
):
    event = EventFactory(title="Litter pick", capacity=5)
    rsvp_create(occurrence=event.occurrences.get(), user=member)
    anonymous = client.get("/events/").content.decode()
    assert "You're going" not in anonymous
    assert "You're going" in member_client.get("/events/").content.decode()
    assert "You're going" not in stranger_client.get("/events/").content.decode()


def test_visitors_not_logged_in_get_the_whole_page_from_the_cache(client, db):
    EventFactory(title="Litter pick", place="M4")
    client.get("/events/", {"postcode": "M1 1AD"})
    count, response = queries(client, {"postcode": "M1 1AD"})
    assert count == 0
    assert titles(response) == ["Litter pick"]
    # A CSRF cookie changes nothing; any other (a session, a message waiting) does.
    client.cookies["csrftoken"] = "x" * 32
    assert queries(client, {"postcode": "M1 1AD"})[0] == 0
    client.cookies["messages"] = "something"
    count, response = queries(client, {"postcode": "M1 1AD"})
    assert count >= 1 and titles(response) == ["Litter pick"]


def test_a_bad_search_is_never_cached(client, db):
    assert client.get("/events/", {"when": "someday"}).status_code == 400
    assert client.get("/events/", {"when": "someday"}).status_code == 400
