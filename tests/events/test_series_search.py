"""A repeating event is one search result, found by any of its dates in range."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Occurrence

from .factories import EventFactory, soon

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(r'<h3><a href="/events/[^"]+/">([^<]+)</a></h3>', response.content.decode())


def test_a_weekly_series_and_a_one_off_are_two_entries(client):
    EventFactory(title="Repair café", recurrence="weekly", starts_at=soon(1, 10))
    EventFactory(title="Film night", starts_at=soon(4, 19))
    response = client.get("/events/", {"postcode": "M1 1AD"})
    assert titles(response) == ["Repair café", "Film night"]
    html = response.content.decode()
    more = Occurrence.objects.filter(event__title="Repair café").count() - 1
    assert more > 40
    assert f"Every {soon(1, 10):%A}; {more} more dates" in html
    assert html.count('class="event-card') == 2


def test_a_date_filter_finds_the_series_by_a_date_in_range(client):
    EventFactory(title="Repair café", recurrence="weekly", starts_at=soon(1, 10))
    third = (soon(1, 10) + datetime.timedelta(days=14)).date()
    response = client.get(
        "/events/",
        {"postcode": "M1 1AD", "date_from": third.isoformat(), "date_to": third.isoformat()},
    )
    assert titles(response) == ["Repair café"]
    html = response.content.decode()
    assert f"{third:%A} {third.day} {third:%B}, 10:00" in html
    assert "more date" not in html


def test_hundreds_of_dates_stay_one_entry_in_constant_queries(
    member_client, django_assert_max_num_queries
):
    # A member's client: the anonymous page cache would answer without queries.
    client = member_client
    series = EventFactory(title="Daily tea", recurrence="weekly", starts_at=soon(1, 10))
    first = series.occurrences.order_by("starts_at").first()
    Occurrence.objects.bulk_create(
        Occurrence(
            event=series,
            starts_at=first.starts_at + datetime.timedelta(days=n, hours=1),
            ends_at=first.ends_at + datetime.timedelta(days=n, hours=1),
        )
        for n in range(400)
    )
    for n in range(25):
        EventFactory(title=f"One-off {n}", starts_at=soon(2 + n % 5, 12))
    # The query log keeps 9,000 entries; setting up made more, so start it afresh.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as few:
        client.get("/events/", {"postcode": "M1 1AD", "page": "2"})
    queries = len(few)
    response = client.get("/events/", {"postcode": "M1 1AD"})
    assert titles(response).count("Daily tea") == 1
    assert len(titles(response)) == 20
    for n in range(25, 60):
        EventFactory(title=f"One-off {n}", starts_at=soon(2 + n % 5, 12))
    connection.queries_log.clear()
    assert queries > 3
    with django_assert_max_num_queries(queries):
        client.get("/events/", {"postcode": "M1 1AD", "page": "2"})
    assert client.get("/events/online/").status_code == 200


def test_time_datetimes_are_valid_html_without_microseconds(client):
    start = soon(2, 18).replace(microsecond=123456)
    EventFactory(title="Tea dance", starts_at=start)
    html = client.get("/events/", {"postcode": "M1 1AD"}).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", s) for s in stamps)


def test_more_dates_counts_the_dates_searched_for_that_are_not_cancelled(client):
    series = EventFactory(title="Repair café", recurrence="weekly", starts_at=soon(1, 10))
    first = series.occurrences.order_by("starts_at").first()
    Occurrence.objects.filter(pk=first.pk).update(is_cancelled=True)
    day = first.starts_at.date()
    # Four Thursdays asked for; the first is cancelled, so the second is shown, two follow.
    response = client.get(
        "/events/",
        {
            "postcode": "M1 1AD",
            "date_from": day.isoformat(),
            "date_to": (day + datetime.timedelta(days=21)).isoformat(),
        },
    )
    assert titles(response) == ["Repair café"]
    html = response.content.decode()
    second = day + datetime.timedelta(days=7)
    assert f"{second:%A} {second.day} {second:%B}, 10:00" in html
    assert f"Every {second:%A}; 2 more dates" in html
