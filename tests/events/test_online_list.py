""" "Find an online event or activity": for everyone, whatever their postcode."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.page_cache import listings_changed

from .factories import EventFactory, soon
from .test_event_list import titles


def test_it_lists_events_you_can_join_online_wherever_they_are(client, db):
    EventFactory(title="Wellbeing chat", attendance_mode="online", starts_at=soon(2, 10))
    EventFactory(
        title="Hybrid talk in Leith", attendance_mode="mixed", place="EH6", starts_at=soon(2, 11)
    )
    EventFactory(title="Street clean-up", starts_at=soon(2, 9))
    response = client.get("/events/online/")
    assert response.status_code == 200
    assert titles(response) == ["Wellbeing chat", "Hybrid talk in Leith"]
    html = response.content.decode()
    assert "<h1>Find an online event or activity</h1>" in html
    assert 'name="postcode"' not in html


def test_online_search_filters_by_time_interest_and_cost(client, db, wednesday):
    EventFactory(
        title="Free chat", attendance_mode="online", tags=["wellbeing"], starts_at=soon(0, 19)
    )
    EventFactory(
        title="Paid class",
        attendance_mode="online",
        price="3",
        tags=["cooking"],
        starts_at=soon(1, 19),
    )
    assert titles(client.get("/events/online/", {"when": "today"})) == ["Free chat"]
    assert titles(client.get("/events/online/", {"tag": "cooking"})) == ["Paid class"]
    assert titles(client.get("/events/online/", {"free": "on"})) == ["Free chat"]
    bad = client.get("/events/online/", {"when": "someday"})
    assert bad.status_code == 400


def test_the_online_listing_makes_the_same_number_of_queries_whatever_the_page_size(client, db):
    for n in range(3):
        EventFactory(attendance_mode="online", tags=[f"tag{n}"])
    client.get("/events/online/")
    listings_changed("events")  # measure the render, not the cache
    with CaptureQueriesContext(connection) as few:
        client.get("/events/online/")
    for n in range(25):
        EventFactory(attendance_mode="online", tags=[f"more{n}"])
    listings_changed("events")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/events/online/")
    assert len(titles(response)) == 20
    # The (capped) count, and the page of dates with their events and tags.
    assert len(few.captured_queries) == len(many.captured_queries) == 2
