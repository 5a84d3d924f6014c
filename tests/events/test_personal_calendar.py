"""A member's private calendar feed, and the add-to-calendar links on an event's page."""

from datetime import UTC
from urllib.parse import parse_qs, urlsplit

from icalendar import Calendar

from events.models import PersonalCalendar

from .factories import EventFactory, RsvpFactory, soon


def _feed_path(member) -> str:
    token = PersonalCalendar.objects.get(user=member).token
    return f"/events/feeds/{token}.ics"


def _going(user, event, status="going"):
    return RsvpFactory(user=user, occurrence=event.occurrences.first(), status=status)


def test_the_page_gives_the_member_a_secret_https_and_webcal_address(member_client, member):
    page = member_client.get("/events/yours/calendar/")
    assert page.status_code == 200
    text = page.content.decode()
    token = PersonalCalendar.objects.get(user=member).token
    assert f"http://testserver/events/feeds/{token}.ics" not in text  # SITE_URL, not the host
    assert f"/events/feeds/{token}.ics" in text
    assert "webcal://" in text and "Make a new address" in text
    assert "Your calendar feed" in member_client.get("/events/yours/").content.decode()


def test_the_feed_holds_the_dates_going_with_the_join_link_and_nothing_of_others(
    client, member_client, member, stranger
):
    online = EventFactory(title="Online chat", attendance_mode="online")
    hall = EventFactory(title="Hall social")
    other = EventFactory(title="Someone else's")
    _going(member, online)
    _going(member, hall, status="waiting")
    _going(stranger, other)
    member_client.get("/events/yours/calendar/")
    response = client.get(_feed_path(member))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    calendar = Calendar.from_ical(response.content)
    [vevent] = calendar.events
    assert str(vevent["SUMMARY"]) == "Online chat"
    assert "https://meet.example.org/coopcentre-chat" in str(vevent["DESCRIPTION"])
    assert vevent.start == soon(2)


def test_waiting_list_places_show_as_tentative_when_the_member_asks(client, member_client, member):
    hall = EventFactory(title="Hall social", attendance_mode="mixed")
    _going(member, hall, status="waiting")
    response = member_client.post("/events/yours/calendar/", {"include_waiting": "on"})
    assert response.status_code == 302
    [vevent] = Calendar.from_ical(client.get(_feed_path(member)).content).events
    assert str(vevent["SUMMARY"]) == "Waiting list: Hall social"
    assert str(vevent["STATUS"]) == "TENTATIVE"
    assert "meet.example.org" not in str(vevent["DESCRIPTION"])  # no place yet, no link


def test_a_new_address_makes_the_old_one_404(client, member_client, member):
    member_client.get("/events/yours/calendar/")
    old = _feed_path(member)
    assert client.get(old).status_code == 200
    response = member_client.post("/events/yours/calendar/new-address/", follow=True)
    assert "The old one no longer works" in response.content.decode()
    new = _feed_path(member)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_the_page_is_for_members_and_the_new_address_needs_a_post(client, member_client):
    assert client.get("/events/yours/calendar/").status_code == 302
    assert member_client.get("/events/yours/calendar/new-address/").status_code == 405
    assert client.get("/events/feeds/not-a-real-token.ics").status_code == 404


def test_an_event_page_offers_that_date_as_ics_google_and_outlook(client, db):
    walk = EventFactory(
        title="Canal walk", recurrence="weekly", starts_at=soon(1, 10), repeat_until=soon(40).date()
    )
    page = client.get(walk.get_absolute_url()).content.decode()
    first = walk.occurrences.order_by("starts_at").first()
    assert f"/events/{walk.slug}/event.ics?date={first.pk}" in page
    assert "https://calendar.google.com/calendar/render?" in page
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in page
    google = next(
        part.split('"')[0] for part in page.split('href="') if part.startswith("https://calendar")
    )
    query = parse_qs(urlsplit(google.replace("&amp;", "&")).query)
    assert query["text"] == ["Canal walk"]
    start = first.starts_at.astimezone(UTC).strftime("%Y%m%d")
    assert query["dates"][0].startswith(start)
    [vevent] = Calendar.from_ical(
        client.get(f"/events/{walk.slug}/event.ics?date={first.pk}").content
    ).events
    assert vevent.start == first.starts_at and vevent.get("RRULE") is None
