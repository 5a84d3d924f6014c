"""The OpenActive RPDE feeds: what they publish, tombstones, paging, bad input."""

import pytest
from django.urls import reverse

from core.moderation import listing_moderate
from events.services.events import event_cancel
from opendata.models import ActivityMapping, FeedStamp
from tests.events.factories import EventFactory

from .conftest import WALKING

SERIES = reverse("opendata:feed-session-series")
SESSIONS = reverse("opendata:feed-scheduled-sessions")


def items_of(client, url=SERIES, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()["items"]


def test_a_mapped_event_is_a_session_series_with_its_activity_and_place(client, walk):
    [item] = items_of(client)
    assert item["state"] == "updated"
    assert item["kind"] == "SessionSeries"
    assert item["id"] == walk.pk
    data = item["data"]
    assert data["@type"] == "SessionSeries"
    assert data["name"] == "Canal walk"
    assert data["activity"] == [
        {
            "@type": "Concept",
            "@id": WALKING,
            "prefLabel": "Walking",
            "inScheme": "https://openactive.io/activity-list",
        }
    ]
    assert data["location"]["address"]["postalCode"] == walk.postcode
    assert data["eventSchedule"][0]["repeatFrequency"] == "P1W"
    assert data["offers"][0]["price"] == 0


def test_each_date_is_a_scheduled_session_of_its_series(client, walk):
    items = items_of(client, SESSIONS)
    assert len(items) == walk.occurrences.count() > 40
    first = items[0]["data"]
    assert first["@type"] == "ScheduledSession"
    assert first["superEvent"] == items_of(client)[0]["data"]["@id"]
    assert first["duration"] == "PT2H"


def test_an_event_with_no_mapped_interest_is_not_published(client, walking, stamped):
    stamped(lambda: EventFactory(tags=["crafts"]))
    [item] = items_of(client)
    assert item == {"state": "deleted", "kind": "SessionSeries", "id": item["id"],
                    "modified": item["modified"]}  # fmt: skip


@pytest.mark.parametrize("how", ["cancel", "reject", "delete", "unmap", "go online"])
def test_a_withdrawn_event_becomes_a_tombstone_after_the_last_read(
    client, walk, stamped, staff, how
):
    before, pk = client.get(SERIES).json(), walk.pk
    changes = {
        "cancel": lambda: event_cancel(event=walk, by=staff, reason="Flooded towpath"),
        "reject": lambda: listing_moderate(listing=walk, decision="rejected", by=staff),
        "delete": walk.delete,
        "unmap": lambda: ActivityMapping.objects.filter(tag="walking").delete(),
        "go online": lambda: _go_online(walk),
    }
    stamped(changes[how])
    # A harvester carrying on from where it was sees the change, at once.
    after = client.get(before["next"]).json()["items"]
    assert [(i["id"], i["state"], "data" in i) for i in after] == [(pk, "deleted", False)]
    sessions = items_of(client, SESSIONS)
    assert {i["state"] for i in sessions} == {"deleted"}


def _go_online(event):
    event.attendance_mode = "online"
    event.join_url = "https://meet.example.org/walk"
    event.save()


def test_an_edit_shows_in_the_next_page_with_the_new_title(client, walk, stamped):
    before = client.get(SERIES).json()
    walk.title = "Canal and river walk"
    stamped(walk.save)
    [item] = client.get(before["next"]).json()["items"]
    assert item["data"]["name"] == "Canal and river walk"
    assert item["modified"] > before["items"][0]["modified"]


def test_pages_follow_modified_then_id_and_end_on_a_page_that_points_to_itself(
    client, walking, stamped
):
    events = [stamped(lambda: EventFactory(tags=["walking"])) for _ in range(3)]
    stamps = sorted(
        FeedStamp.objects.filter(kind="SessionSeries").values_list("modified", "item_id")
    )
    assert [pk for _m, pk in stamps] == [e.pk for e in events]
    modified, pk = stamps[0]
    response = client.get(SERIES, {"afterTimestamp": modified, "afterId": pk})
    assert [i["id"] for i in response.json()["items"]] == [events[1].pk, events[2].pk]
    assert response["Cache-Control"] == "public, max-age=3600"
    last = client.get(response.json()["next"])
    assert last.json()["items"] == []
    assert last.json()["next"] == response.json()["next"]
    assert last["Cache-Control"] == "public, max-age=8"
    assert last.json()["license"] == "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.parametrize(
    "params",
    [
        {"afterTimestamp": "yesterday"},
        {"afterTimestamp": "-5"},
        {"afterTimestamp": "²"},
        {"afterTimestamp": "12\x00"},
        {"afterTimestamp": "1" * 40},
        {"afterTimestamp": "12", "afterId": "abc"},
        {"afterId": "12"},
    ],
)
def test_malformed_paging_is_a_clear_400(client, db, params):
    response = client.get(SERIES, params)
    assert response.status_code == 400
    assert "after" in response.json()["error"]


def test_a_page_of_500_reads_in_a_few_queries(
    client, walking, stamped, django_assert_max_num_queries
):
    for _ in range(30):
        stamped(lambda: EventFactory(tags=["walking"], recurrence="weekly"))
    with django_assert_max_num_queries(6):
        items = items_of(client, SESSIONS)
    assert len(items) == 500


def test_the_dataset_page_names_the_feeds_licence_and_attribution(client, walking):
    response = client.get(reverse("opendata:openactive"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "CC BY 4.0" in text and "Activity List" in text
    assert "http://testserver" + SERIES in text
    assert "walking" in text and "Walking" in text
