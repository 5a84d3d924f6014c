"""The organiser's list of who's going, and its CSV export."""

import csv
import io

import pytest

from events.services import rsvp_create
from tests.factories import UserFactory

from .factories import EventFactory


@pytest.fixture
def event(owner, member):
    event = EventFactory(organiser=owner, submitted_by=owner, title="Repair café", capacity=1)
    date = event.occurrences.get()
    rsvp_create(occurrence=date, user=member, share_email=True)
    rsvp_create(
        occurrence=date, user=UserFactory(email="quiet@example.org", display_name="Quiet Person")
    )
    return event


def test_the_organiser_sees_who_is_going_and_waiting(event, owner_client):
    response = owner_client.get(f"/events/{event.slug}/attendees/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mo Member" in html and "Going" in html
    assert "Quiet Person" in html and "On the waiting list" in html
    # An email address only when its owner chose to share it.
    assert "member@example.org" in html
    assert "quiet@example.org" not in html


def test_others_cannot_see_the_list(event, stranger_client, member_client, client, staff_client):
    url = f"/events/{event.slug}/attendees/"
    assert stranger_client.get(url).status_code == 404
    assert member_client.get(url).status_code == 404  # going is not organising
    assert client.get(url).status_code == 302
    assert staff_client.get(url).status_code == 200
    assert stranger_client.get(f"/events/{event.slug}/attendees.csv").status_code == 404


def test_the_organiser_downloads_the_list_as_csv(event, owner_client):
    response = owner_client.get(f"/events/{event.slug}/attendees.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="{event.slug}-attendees.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Date", "Start", "Name", "Reply", "Replied at", "Email (if shared)"]
    by_name = {row[2]: row for row in rows[1:]}
    assert by_name["Mo Member"][3] == "Going" and by_name["Mo Member"][5] == "member@example.org"
    assert by_name["Quiet Person"][3] == "On the waiting list" and by_name["Quiet Person"][5] == ""


def test_a_name_cannot_smuggle_a_spreadsheet_formula(owner, owner_client):
    event = EventFactory(organiser=owner)
    sneaky = UserFactory(display_name='=HYPERLINK("http://evil.example","x")')
    rsvp_create(occurrence=event.occurrences.get(), user=sneaky)
    body = b"".join(
        owner_client.get(f"/events/{event.slug}/attendees.csv").streaming_content
    ).decode()
    assert "'=HYPERLINK" in body
