"""An event's page: details, next dates, who sees the join link, schema.org JSON-LD."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from events.services import event_cancel, rsvp_create

from .factories import EventFactory, soon


def jsonld(response) -> dict:
    html = response.content.decode()
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.+?)</script>', html, re.S)[1]
    )


def test_an_event_page_shows_what_when_where_cost_places_and_access(client, db):
    event = EventFactory(
        title="Clothes swap",
        price="2.50",
        price_note="Free for under-16s",
        capacity=30,
        accessibility_notes="Step-free entrance; accessible toilet.",
        tags=["swap"],
    )
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "<h1>Clothes swap</h1>",
        "£2.50",
        "Free for under-16s",
        "30 places",
        "Step-free entrance; accessible toilet.",
        "Ancoats Community Hall",
        "M1 1AD",
        "Log in to say you're going",
        f"/events/{event.slug}/event.ics",
    ]:
        assert text in html


def test_a_regular_activity_shows_its_next_dates(client, db, member_client):
    walk = EventFactory(recurrence="fortnightly", starts_at=soon(1, 10))
    html = member_client.get(walk.get_absolute_url()).content.decode()
    assert "Every two weeks on" in html
    assert html.count('name="occurrence" value=') == 8
    day = soon(15, 10)
    assert f"{day:%A} {day.day} {day:%B}, 10:00" in html


@pytest.mark.parametrize("who", ["anonymous", "stranger", "waiting"])
def test_the_join_link_is_hidden_from_people_not_going(client, stranger_client, stranger, db, who):
    chat = EventFactory(
        attendance_mode="online", capacity=1, join_url="https://meet.example.org/secret-room"
    )
    date = chat.occurrences.get()
    rsvp_create(occurrence=date, user=chat.organiser)
    browser = client
    if who != "anonymous":
        browser = stranger_client
    if who == "waiting":
        assert rsvp_create(occurrence=date, user=stranger).is_waiting
    html = browser.get(chat.get_absolute_url()).content.decode()
    assert "secret-room" not in html
    assert "The join link appears here once you say you're going." in html


def test_the_join_link_is_shown_to_people_going_and_the_organiser(
    client, member_client, member, db
):
    chat = EventFactory(
        attendance_mode="online",
        join_url="https://meet.example.org/secret-room",
        join_details="Passcode 4321",
    )
    rsvp_create(occurrence=chat.occurrences.get(), user=member)
    html = member_client.get(chat.get_absolute_url()).content.decode()
    assert 'href="https://meet.example.org/secret-room"' in html
    assert "Passcode 4321" in html
    client.force_login(chat.organiser)
    assert "secret-room" in client.get(chat.get_absolute_url()).content.decode()


def test_events_awaiting_review_are_seen_only_by_their_organiser_and_staff(
    client, owner_client, owner, stranger_client, staff_client, db
):
    event = EventFactory(organiser=owner, submitted_by=owner, moderation_status="pending")
    url = event.get_absolute_url()
    assert client.get(url).status_code == 404
    assert stranger_client.get(url).status_code == 404
    assert "Awaiting review" in owner_client.get(url).content.decode()
    assert staff_client.get(url).status_code == 200


def test_a_rejected_event_shows_its_organiser_why(owner_client, owner, db):
    event = EventFactory(
        organiser=owner, moderation_status="rejected", review_note="Add the address."
    )
    html = owner_client.get(event.get_absolute_url()).content.decode()
    assert "Not approved." in html and "Add the address." in html


def test_past_and_cancelled_events_keep_their_pages_without_replies(
    client, member_client, db, wednesday
):
    past = EventFactory(starts_at=soon(-3))
    html = member_client.get(past.get_absolute_url()).content.decode()
    assert "This event has finished." in html
    assert "I'm going" not in html
    cancelled = EventFactory()
    event_cancel(event=cancelled, by=cancelled.organiser, reason="The hall flooded.")
    response = client.get(cancelled.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "This event is cancelled" in html and "The hall flooded." in html
    assert "I'm going" not in member_client.get(cancelled.get_absolute_url()).content.decode()
    assert jsonld(response)["eventStatus"] == "https://schema.org/EventCancelled"


@pytest.mark.parametrize(
    ("mode", "attendance", "location_types"),
    [
        ("in_person", "OfflineEventAttendanceMode", ["Place"]),
        ("online", "OnlineEventAttendanceMode", ["VirtualLocation"]),
        ("mixed", "MixedEventAttendanceMode", ["Place", "VirtualLocation"]),
    ],
)
def test_the_page_carries_schema_org_event_json_ld(client, db, mode, attendance, location_types):
    event = EventFactory(attendance_mode=mode, price="3.00", capacity=12, tags=["cooking"])
    data = jsonld(client.get(event.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["eventAttendanceMode"] == f"https://schema.org/{attendance}"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    locations = data["location"] if isinstance(data["location"], list) else [data["location"]]
    assert [loc["@type"] for loc in locations] == location_types
    for loc in locations:
        if loc["@type"] == "Place":
            assert loc["address"]["postalCode"] == "M1 1AD"
            assert loc["address"]["addressCountry"] == "GB"
            assert loc["geo"]["@type"] == "GeoCoordinates"
        else:
            # The join link is for people going, never published.
            assert loc["url"].endswith(event.get_absolute_url())
    assert data["startDate"] == soon(2).isoformat()
    assert data["endDate"] == (soon(2) + timedelta(hours=2)).isoformat()
    assert data["offers"] == {
        "@type": "Offer",
        "price": "3.00",
        "priceCurrency": "GBP",
        "url": data["url"],
        "availability": "https://schema.org/InStock",
        "validFrom": timezone.localtime(event.submitted_at).isoformat(),
    }
    assert data["isAccessibleForFree"] is False
    assert data["maximumAttendeeCapacity"] == 12
    assert data["remainingAttendeeCapacity"] == 12
    assert data["organizer"]["@type"] == "Person"
    assert data["keywords"] == "cooking"


def test_json_ld_names_the_place_the_organiser_and_links_on_the_site_address(
    client, db, settings, media_root
):
    settings.SITE_URL = "https://coop.example"
    event = EventFactory(image="events/hall.jpg", image_alt="The hall")
    data = jsonld(client.get(event.get_absolute_url(), HTTP_HOST="127.0.0.1"))
    address = data["location"]["address"]
    assert address["addressLocality"] == "Manchester"
    assert address["addressRegion"] == "England"
    assert (
        data["organizer"]["url"] == f"https://coop.example/events/organisers/{event.organiser_id}/"
    )
    assert data["url"] == f"https://coop.example{event.get_absolute_url()}"
    assert data["image"] == ["https://coop.example/media/events/hall.jpg"]
    assert data["offers"]["validFrom"] == timezone.localtime(event.submitted_at).isoformat()


def test_a_cancelled_event_offers_nothing_in_stock(client, db):
    event = EventFactory()
    event_cancel(event=event, by=event.organiser, reason="The hall flooded.")
    data = jsonld(client.get(event.get_absolute_url()))
    assert data["offers"]["availability"] == "https://schema.org/Discontinued"


def test_a_regular_activity_has_an_event_schedule_and_its_next_date(client, db, wednesday):
    walk = EventFactory(
        recurrence="monthly", starts_at=soon(-25, 10), repeat_until=soon(200).date()
    )
    data = jsonld(client.get(walk.get_absolute_url()))
    assert data["eventSchedule"]["@type"] == "Schedule"
    assert data["eventSchedule"]["repeatFrequency"] == "P1M"
    assert data["eventSchedule"]["byDay"].startswith("https://schema.org/")
    assert data["eventSchedule"]["scheduleTimezone"] == "Europe/London"
    assert data["eventSchedule"]["endDate"] == soon(200).date().isoformat()
    # The next date, not the first (which is past).
    assert data["startDate"] > wednesday.isoformat()


def test_json_ld_cannot_break_out_of_its_script_element(client, db):
    event = EventFactory(title="</script><script>alert(1)</script>")
    html = client.get(event.get_absolute_url()).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.+?)</script>', html, re.S)[1]
    assert "<" not in script
    assert json.loads(script)["name"] == "</script><script>alert(1)</script>"


def test_unknown_events_are_not_found(client, db):
    assert client.get("/events/no-such-event-2026-01-01/").status_code == 404
