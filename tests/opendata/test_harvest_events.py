"""Harvested OpenActive opportunities become site events: pending in the moderation queue,
credited to their publisher, listed once approved, updated or withdrawn by later harvests."""

from datetime import timedelta

from django.utils import timezone

from events.models import Event
from events.services.events import event_cancel
from opendata.models import HarvestedListing
from opendata.services.harvest import harvest
from tests.opendata.test_harvest import feed

QUEUE = "/admin/moderation/"


def session(item_id, name, modified, *, days=7, state="updated", postcode="M1 1AD"):
    item = {"state": state, "kind": "SessionSeries", "id": item_id, "modified": modified}
    if state == "updated":
        # 10:00 UK time, so the two hours never run past midnight whenever the suite runs.
        day = timezone.localtime() + timedelta(days=days)
        starts = day.replace(hour=10, minute=0, second=0, microsecond=0)
        item["data"] = {
            "@type": "SessionSeries",
            "name": name,
            "description": "Meet at the lock gates.",
            "url": f"https://active.example/sessions/{item_id}",
            "location": {
                "@type": "Place",
                "name": "Lock keeper's cottage",
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": "1 Towpath",
                    "addressLocality": "Manchester",
                    "postalCode": postcode,
                },
            },
            "subEvent": [
                {
                    "@type": "ScheduledSession",
                    "startDate": starts.isoformat(),
                    "endDate": (starts + timedelta(hours=2)).isoformat(),
                }
            ],
            "offers": [{"@type": "Offer", "price": 2.5, "priceCurrency": "GBP"}],
        }
    return item


def approve(client, event):
    return client.post(
        QUEUE + "decide/",
        {"kind": "events.event", "item": event.pk, "decision": "approve", "note": ""},
    )


def test_an_opportunity_becomes_one_pending_event_in_the_queue(
    db, publisher, staff_client, mailoutbox
):
    url = feed(publisher, [session("a", "Canal walk", 1)], [])
    harvest(url)
    harvest(url)
    event = Event.objects.get()
    assert HarvestedListing.objects.get().event == event
    assert (event.title, event.moderation_status) == ("Canal walk", "pending")
    assert (event.address, event.postcode, str(event.price)) == (
        "1 Towpath, Manchester",
        "M1 1AD",
        "2.50",
    )
    assert event.latitude is not None
    assert event.organiser is None and event.submitted_by is None
    queue = staff_client.get(QUEUE).content.decode()
    assert queue.count("Canal walk") == 1
    assert "Canal walk" not in staff_client.get("/events/").content.decode()
    assert mailoutbox == []


def test_approving_it_lists_it_in_whats_on_credited_to_its_publisher(
    db, publisher, staff_client, client, mailoutbox, django_capture_on_commit_callbacks
):
    harvest(feed(publisher, [session("a", "Canal walk", 1)], []))
    event = Event.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert approve(staff_client, event).status_code == 302
    assert mailoutbox == []
    assert "Canal walk" in client.get("/events/").content.decode()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "From 127.0.0.1" in page
    assert "a coopcentre member" not in page
    assert 'href="https://active.example/sessions/a"' in page


def test_a_changed_item_updates_the_event_and_sends_it_back_to_pending(
    db, publisher, staff_client, client
):
    url = feed(publisher, [session("a", "Canal walk", 1)], [])
    harvest(url)
    approve(staff_client, Event.objects.get())
    harvest(url)  # the same data again: still approved
    assert Event.objects.get().moderation_status == "approved"
    feed(publisher, [session("a", "Canal and lock walk", 2, days=9)], [])
    harvest(url)
    event = Event.objects.get()
    assert (event.title, event.moderation_status) == ("Canal and lock walk", "pending")
    assert (event.starts_at - timezone.now()).days in (8, 9)
    assert "Canal and lock walk" not in client.get("/events/").content.decode()


def test_a_tombstone_cancels_the_event_and_a_return_waits_for_staff(
    db, publisher, staff_client, client
):
    url = feed(publisher, [session("a", "Canal walk", 1)], [])
    harvest(url)
    approve(staff_client, Event.objects.get())
    feed(publisher, [session("a", "", 5, state="deleted")], [])
    assert harvest(url).withdrawn == 1
    event = Event.objects.get()
    assert event.cancelled_at is not None
    assert "Canal walk" not in client.get("/events/").content.decode()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Withdrawn by its publisher, 127.0.0.1." in page
    feed(publisher, [session("a", "Canal walk", 6)], [])
    harvest(url)
    event.refresh_from_db()
    assert (event.cancelled_at, event.moderation_status) == (None, "pending")
    assert Event.objects.count() == 1


def test_an_item_without_a_date_stays_a_listing_in_the_queue(db, publisher, staff_client):
    item = session("a", "Canal walk", 1)
    del item["data"]["subEvent"]
    harvest(feed(publisher, [item], []))
    assert not Event.objects.exists()
    assert "Canal walk" in staff_client.get(QUEUE).content.decode()


def test_a_weekly_series_becomes_a_regular_event_unchanged_by_the_next_harvest(
    db, publisher, staff_client, client
):
    item = session("w", "Tuesday yoga", 1)
    del item["data"]["subEvent"]
    item["data"]["eventSchedule"] = [
        {
            "@type": "PartialSchedule",
            "repeatFrequency": "P1W",
            "byDay": ["https://schema.org/Tuesday"],
            "startTime": "18:30",
            "endTime": "19:30",
            "scheduleTimezone": "Europe/London",
        }
    ]
    url = feed(publisher, [item], [])
    harvest(url)
    event = Event.objects.get()
    starts = timezone.localtime(event.starts_at)
    assert (event.recurrence, f"{starts:%A %H:%M}") == ("weekly", "Tuesday 18:30")
    approve(staff_client, event)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Every Tuesday" in page
    harvest(url)
    assert Event.objects.get().moderation_status == "approved"


def test_an_event_cancelled_here_stays_cancelled_when_harvested_again(
    db, publisher, staff_client, client, staff
):
    url = feed(publisher, [session("a", "Canal walk", 1)], [])
    harvest(url)
    event = Event.objects.get()
    approve(staff_client, event)
    event_cancel(event=Event.objects.get(), by=staff, reason="Flooded towpath")
    harvest(url)
    event = Event.objects.get()
    assert (event.moderation_status, event.cancellation_reason) == ("approved", "Flooded towpath")
    assert event.cancelled_at is not None
    assert "Canal walk" not in client.get("/events/").content.decode()
