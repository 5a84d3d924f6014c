"""A line break or control character in a one-line field (issue 11, item 4): forms store
one line, and calendars built from rows saved before that (or by staff) never fail."""

import pytest
from icalendar import Calendar

from communities.models import Group
from events.models import Event, Rsvp
from tests.factories import UserFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db

# NUL is left out: PostgreSQL text cannot hold it, so no saved row can carry one (forms
# strip it before saving: tests/core/test_guards.py).
BROKEN = "Clothes\r\nswap\rtonight\x07\x1b[31m\u2028now"


@pytest.fixture
def broken_event():
    """An event, its group, organiser and tag, saved with line breaks as old rows can be."""
    organiser = UserFactory(email="o@example.org", display_name="Olu\r\nOwner\x07")
    group = Group.objects.create(
        name="Ancoats\nResidents", slug="ancoats", moderation_status="approved"
    )
    event = EventFactory(title=BROKEN, organiser=organiser, group=group, capacity=5)
    event.tags.add("swap\r\nshop")
    return event


def _calendar(response) -> Calendar:
    assert response.status_code == 200
    for line in response.content.split(b"\r\n"):
        assert b"\n" not in line and b"\r" not in line
        assert not any(byte < 32 and byte != 9 for byte in line), line
    return Calendar.from_ical(response.content)


def test_every_calendar_of_an_event_with_a_broken_title_is_a_valid_file(client, broken_event):
    event = broken_event
    urls = [
        f"/events/{event.slug}/event.ics",
        "/events/calendar.ics",
        f"/events/organisers/{event.organiser.pk}/calendar.ics",
        "/events/groups/ancoats/calendar.ics",
    ]
    for url in urls:
        calendar = _calendar(client.get(url))
        [vevent] = calendar.events
        assert str(vevent["SUMMARY"]) == "Clothes swap tonight [31m now"
        assert "Organised by" in str(vevent["DESCRIPTION"])
    group_feed = _calendar(client.get("/events/groups/ancoats/calendar.ics"))
    assert str(group_feed["X-WR-CALNAME"]) == "Ancoats Residents on coopcentre"


def test_a_reply_to_it_is_saved_and_its_confirmation_goes_with_a_calendar_file(
    member_client, member, broken_event, mailoutbox, django_capture_on_commit_callbacks
):
    occurrence = broken_event.occurrences.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            f"/events/{broken_event.slug}/rsvp/", {"occurrence": occurrence.pk}
        )
    assert response.status_code == 302
    assert Rsvp.objects.get().user == member
    [message] = mailoutbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject.startswith("You're going: Clothes swap tonight")
    [(name, ics, _mimetype)] = message.attachments
    vevent = Calendar.from_ical(ics).events[0]
    assert str(vevent["SUMMARY"]) == "Clothes swap tonight [31m now"


def test_a_title_typed_with_line_breaks_is_saved_on_one_line(member_client):
    from ..submissions import event_data

    data = {**event_data(None, 1), "title": "Clothes\r\nswap\x00 tonight"}
    assert member_client.post("/events/new/", data).status_code == 302
    assert Event.objects.get().title == "Clothes swap tonight"
