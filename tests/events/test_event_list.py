"""The "What's on near me" listing: search by place, time, interests, cost and format."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.page_cache import listings_changed
from events.models import Event
from events.services import event_cancel, rsvp_create

from .factories import EventFactory, soon


def titles(response) -> list[str]:
    """The event titles listed, in order."""
    return re.findall(r'<h3><a href="/events/[^"]+/">([^<]+)</a></h3>', response.content.decode())


def search(client, **params):
    return client.get("/events/", params)


def test_it_lists_events_near_a_postcode_with_their_distance(client, db):
    EventFactory(title="Ancoats litter pick", place="M4")
    EventFactory(title="Leith repair café", place="EH6")
    response = search(client, postcode="m1 1ad")
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(response) == ["Ancoats litter pick"]
    assert "0.9 km away" in html
    assert "<h1>What's on near M1 1AD</h1>" in html


def test_the_radius_decides_how_far_to_look(client, db):
    EventFactory(title="Rusholme walk", place="M14")
    assert titles(search(client, postcode="M1 1AD", km="1")) == []
    assert titles(search(client, postcode="M1 1AD", km="5")) == ["Rusholme walk"]
    # Without a radius, 5 km, and the form shows it.
    response = search(client, postcode="M1 1AD")
    assert titles(response) == ["Rusholme walk"]
    assert '<option value="5" selected>5 km</option>' in response.content.decode()


def test_results_are_ordered_by_date_then_distance(client, db):
    EventFactory(title="Far, later", place="M14", starts_at=soon(3))
    EventFactory(title="Far, sooner", place="M14", starts_at=soon(2))
    EventFactory(title="Near, sooner", place="M4", starts_at=soon(2))
    assert titles(search(client, postcode="M1 1AD")) == [
        "Near, sooner",
        "Far, sooner",
        "Far, later",
    ]


def test_without_a_postcode_everything_coming_up_is_listed_by_date(client, db):
    EventFactory(title="Edinburgh", place="EH1", starts_at=soon(3))
    EventFactory(title="Online", attendance_mode="online", starts_at=soon(2))
    assert titles(search(client)) == ["Online", "Edinburgh"]


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("today", ["Today"]),
        ("weekend", ["Saturday", "Sunday"]),
        ("week", ["Today", "Saturday", "Sunday", "Tuesday next week"]),
        ("", ["Today", "Saturday", "Sunday", "Tuesday next week", "In a fortnight"]),
    ],
)
def test_the_time_filters(client, db, wednesday, when, expected):
    EventFactory(title="Today", starts_at=soon(0, 19))
    EventFactory(title="Saturday", starts_at=soon(3, 11))
    EventFactory(title="Sunday", starts_at=soon(4, 11))
    EventFactory(title="Tuesday next week", starts_at=soon(6, 11))
    EventFactory(title="In a fortnight", starts_at=soon(14, 11))
    assert titles(search(client, postcode="M1 1AD", when=when)) == expected


def test_a_custom_date_range_includes_both_days(client, db, wednesday):
    EventFactory(title="Saturday", starts_at=soon(3, 11))
    EventFactory(title="Sunday", starts_at=soon(4, 21))
    EventFactory(title="Monday", starts_at=soon(5, 11))
    response = search(client, when="custom", date_from="2026-12-05", date_to="2026-12-06")
    assert titles(response) == ["Saturday", "Sunday"]
    # Dates without "choose dates" ticked still mean those dates.
    assert titles(search(client, date_from="2026-12-07")) == ["Monday"]


def test_a_date_beyond_any_calendar_is_read_as_ten_years_ahead(client, db, wednesday):
    EventFactory(title="Saturday", starts_at=soon(3, 11))
    for path in ("/events/", "/events/calendar.ics", "/events/online/"):
        response = client.get(path, {"date_to": "9999-12-31", "date_from": "2026-12-05"})
        assert response.status_code == 200, path
    assert titles(search(client, date_from="2026-12-05", date_to="9999-12-31")) == ["Saturday"]
    # What was typed stays in the form.
    assert 'value="9999-12-31"' in search(client, date_to="9999-12-31").content.decode()


def test_a_regular_activity_is_found_on_each_of_its_dates(client, db, wednesday):
    EventFactory(title="Saturday walk", recurrence="weekly", starts_at=soon(3, 10))
    response = search(
        client, postcode="M1 1AD", when="custom", date_from="2026-12-12", date_to="2026-12-12"
    )
    assert titles(response) == ["Saturday walk"]
    assert "Saturday 12 December, 10:00" in response.content.decode()
    assert "Every Saturday" in response.content.decode()
    # Without dates, the series is one entry: its next date and how many more follow.
    response = search(client, postcode="M1 1AD")
    assert titles(response) == ["Saturday walk"]
    assert re.search(r"Every Saturday; \d+ more dates", response.content.decode())


def test_interests_keep_events_with_any_of_them(client, db):
    EventFactory(title="Gardening", tags=["gardening"])
    EventFactory(title="Walking", tags=["walking", "outdoors"])
    EventFactory(title="Cooking", tags=["cooking"])
    response = search(client, tag=["gardening", "walking"])
    assert sorted(titles(response)) == ["Gardening", "Walking"]
    html = response.content.decode()
    assert re.search(r'value="gardening" id="id_tag_\d+" checked>', html)
    assert re.search(r'value="cooking" id="id_tag_\d+">', html)


def test_free_only(client, db):
    EventFactory(title="Free swap")
    EventFactory(title="Cooking class", price="5.00")
    assert titles(search(client, free="on")) == ["Free swap"]
    assert "£5.00" in search(client).content.decode()


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("in_person", ["In person", "Both"]),
        ("online", ["Online", "Both"]),
        ("mixed", ["Both"]),
        ("", ["In person", "Online", "Both"]),
    ],
)
def test_the_format_filter(client, db, fmt, expected):
    EventFactory(title="In person", starts_at=soon(2, 10))
    EventFactory(title="Online", attendance_mode="online", starts_at=soon(2, 11))
    EventFactory(title="Both", attendance_mode="mixed", starts_at=soon(2, 12))
    assert titles(search(client, format=fmt)) == expected


def test_a_postcode_search_lists_events_in_a_place_and_points_to_online_ones(client, db):
    EventFactory(title="Online chat", attendance_mode="online")
    EventFactory(title="Hybrid class", attendance_mode="mixed", place="M4")
    response = search(client, postcode="M1 1AD")
    assert titles(response) == ["Hybrid class"]
    assert "find an online event or activity" in response.content.decode()


def test_past_cancelled_and_unapproved_events_are_not_listed(client, db, wednesday):
    past = EventFactory(title="Last week", starts_at=soon(-7))
    cancelled = EventFactory(title="Called off")
    event_cancel(event=cancelled, by=cancelled.organiser, reason="Rain")
    EventFactory(title="Waiting for review", moderation_status="pending")
    EventFactory(title="Rejected", moderation_status="rejected")
    EventFactory(title="Listed")
    assert titles(search(client)) == ["Listed"]
    # Their pages remain.
    assert client.get(past.get_absolute_url()).status_code == 200
    assert client.get(cancelled.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (
            {"when": "yesterday"},
            "when",
            "Choose today, this weekend, the next 7 days or your own dates.",
        ),
        ({"format": "hologram"}, "format", "Choose in person, online, or both."),
        ({"km": "7000"}, "km", "Choose a distance from the list."),
        ({"tag": "basket-weaving"}, "tag", "We have no events about “basket-weaving”."),
        ({"date_from": "2026-11-01"}, "date_from", "Choose a date from today on"),
        (
            {"date_from": "2026-12-10", "date_to": "2026-12-09"},
            "date_to",
            "The end date must be on or after the start date.",
        ),
        ({"when": "custom"}, "date_from", "Give a start or an end date"),
        ({"date_from": "next tuesday"}, "date_from", "Give a date like 2026-12-24."),
        ({"postcode": "ZZ9 9ZZ"}, "postcode", "ZZ9 9ZZ"),
        ({"free": "maybe"}, None, None),
    ],
)
def test_bad_searches_explain_themselves_and_keep_what_was_typed(
    client, db, wednesday, params, field, message
):
    EventFactory(title="Listed", tags=["gardening"])
    response = search(client, **params)
    html = response.content.decode()
    if field is None:
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert "There is a problem" in html
    assert message in html.replace("&#x27;", "'").replace("&quot;", '"')
    assert titles(response) == []
    for value in params.values():
        assert value in html  # kept in the form


def test_unknown_parameters_are_ignored(client, db):
    EventFactory(title="Listed")
    assert titles(search(client, utm_source="newsletter")) == ["Listed"]


def test_pages_of_twenty_and_a_page_out_of_range_shows_the_nearest_page(client, db):
    for n in range(23):
        EventFactory(title=f"Event {n:02}", starts_at=soon(2, 8) + timedelta(minutes=n))
    first, second = search(client), search(client, page=2)
    assert len(titles(first)) == 20 and len(titles(second)) == 3
    assert "23 dates" in first.content.decode()
    assert 'href="?page=2" rel="next"' in first.content.decode()
    # An old link past the end shows the last page; a page that isn't one, the first.
    assert titles(search(client, page=9)) == titles(second)
    assert titles(search(client, page="abc")) == titles(first)
    assert titles(search(client, page=-1)) == titles(first)


def test_near_a_postcode_a_page_out_of_range_shows_the_last_page(client, db):
    for n in range(23):
        EventFactory(title=f"Near {n:02}", place="M4", starts_at=soon(2, 8) + timedelta(minutes=n))
    second = search(client, postcode="M1 1AD", page=2)
    assert len(titles(second)) == 3
    assert titles(search(client, postcode="M1 1AD", page=7)) == titles(second)
    assert titles(search(client, postcode="M1 1AD", page="x")) == titles(
        search(client, postcode="M1 1AD")
    )


def test_near_a_postcode_with_no_dates_any_page_shows_the_empty_first_page(client, db):
    response = search(client, postcode="M1 1AD", page=4)
    assert response.status_code == 200
    assert titles(response) == []


def test_the_map_shows_the_events_of_the_page_that_have_a_place(client, db):
    EventFactory(title="Ancoats litter pick", place="M4")
    EventFactory(title="Online chat", attendance_mode="online")
    html = search(client).content.decode()
    assert 'data-geojson-id="events-geojson"' in html
    geojson = re.search(r'id="events-geojson" type="application/json">(.+?)</script>', html)[1]
    assert "Ancoats litter pick" in geojson and "Online chat" not in geojson


def test_members_see_which_dates_they_are_going_to(member_client, member, db):
    event = EventFactory(title="Clothes swap", capacity=20)
    rsvp_create(occurrence=event.occurrences.get(), user=member)
    html = search(member_client).content.decode()
    assert "You're going" in html
    assert "19 places left" in html


def _queries(client, **params) -> int:
    listings_changed("events")  # measure the render, not the cache
    with CaptureQueriesContext(connection) as ctx:
        response = search(client, **params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_listing_makes_the_same_number_of_queries_whatever_the_page_size(
    client, member_client, member, db, who
):
    browser = member_client if who == "member" else client
    for n in range(3):
        event = EventFactory(place="M4", tags=["gardening", f"tag{n}"], capacity=5)
        rsvp_create(occurrence=event.occurrences.get(), user=member)
    EventFactory(recurrence="weekly", place="M4", tags=["walking"])
    _queries(browser, postcode="M1 1AD")  # warm the interest-tag cache, as in production
    three_rows = _queries(browser, postcode="M1 1AD", tag="gardening")
    twenty_rows = _queries(browser, postcode="M1 1AD", format="in_person")
    for n in range(27):
        event = EventFactory(place="M4", tags=["gardening", f"more{n}"], capacity=5)
        rsvp_create(occurrence=event.occurrences.get(), user=member)
    full_page = _queries(browser, postcode="M1 1AD", tag="gardening")
    assert three_rows == twenty_rows == full_page
    # The postcode, and the page of dates with their events, tags and the count; for a
    # member also their replies (the session and the member come from the cache).
    assert full_page == (3 if who == "member" else 2)


def test_constant_queries_with_an_outward_code_too(client, db):
    assert Event.objects.count() == 0
    assert _queries(client, postcode="M1") <= 2
