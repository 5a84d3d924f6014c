"""Organisers change their events; the people coming are told what changed."""

import pytest

from core.outbox.models import OutgoingEmail
from events.services import rsvp_create
from tests.factories import UserFactory

from .factories import EventFactory, soon
from .test_event_create import form_data, local


@pytest.fixture
def event(owner):
    return EventFactory(
        organiser=owner,
        submitted_by=owner,
        title="Clothes swap",
        attendance_mode="mixed",
        join_url="https://meet.example.org/swap",
        capacity=1,
        starts_at=soon(5, 10),
        ends_at=soon(5, 13),
    )


def edit_url(event) -> str:
    return f"/events/{event.slug}/edit/"


def edited(event, **overrides) -> dict:
    data = form_data(
        title=event.title,
        attendance_mode=event.attendance_mode,
        join_url=event.join_url,
        capacity=event.capacity or "",
        starts_at=local(event.starts_at.astimezone(soon(0).tzinfo)),
        ends_at=local(event.ends_at.astimezone(soon(0).tzinfo)),
        accessibility_notes=event.accessibility_notes,
        description=event.description,
        venue_name=event.venue_name,
        address=event.address,
        tags="",
    )
    data.update(overrides)
    return data


def test_the_organiser_and_staff_may_edit_others_may_not(
    event, owner_client, staff_client, stranger_client, client
):
    url = edit_url(event)
    assert owner_client.get(url).status_code == 200
    assert staff_client.get(url).status_code == 200
    assert stranger_client.get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_the_form_starts_with_the_event_as_it_is(event, owner_client):
    html = owner_client.get(edit_url(event)).content.decode()
    assert 'value="Clothes swap"' in html
    assert f'value="{local(soon(5, 10))}"' in html
    assert 'value="M1 1AD"' in html


def test_changing_the_time_tells_everyone_coming_with_the_link_only_for_those_going(
    event, owner_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    waiting = UserFactory(email="waiting@example.org")
    date = event.occurrences.get()
    rsvp_create(occurrence=date, user=member)
    rsvp_create(occurrence=date, user=waiting)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            edit_url(event), edited(event, starts_at=local(soon(5, 11)), ends_at=local(soon(5, 14)))
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.starts_at == soon(5, 11)
    assert event.sequence == 1
    date.refresh_from_db()
    assert date.starts_at == soon(5, 11)
    by_person = {m.to[0]: m for m in mailoutbox}
    assert set(by_person) == {"member@example.org", "waiting@example.org"}
    for message in by_person.values():
        assert message.subject == "Change to Clothes swap"
        assert "When: " in message.body and "11:00 to 14:00" in message.body
        assert "11:00 to 14:00" in message.alternatives[0][0]
    assert "https://meet.example.org/swap" in by_person["member@example.org"].body
    assert "https://meet.example.org/swap" in by_person["member@example.org"].alternatives[0][0]
    assert "meet.example.org" not in by_person["waiting@example.org"].body
    assert "meet.example.org" not in by_person["waiting@example.org"].alternatives[0][0]


def test_a_change_that_does_not_matter_to_attendees_sends_nothing(
    event, owner_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    rsvp_create(occurrence=event.occurrences.get(), user=member)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(edit_url(event), edited(event, description="Now with a tea urn."))
    assert mailoutbox == []
    assert not OutgoingEmail.objects.filter(purpose="events.changed").exists()


def test_more_places_move_the_waiting_list_up(
    event, owner_client, member, stranger, mailoutbox, django_capture_on_commit_callbacks
):
    date = event.occurrences.get()
    rsvp_create(occurrence=date, user=member)
    assert rsvp_create(occurrence=date, user=stranger).is_waiting
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(edit_url(event), edited(event, capacity="2"))
    assert date.rsvps.get(user=stranger).status == "going"
    [message] = mailoutbox
    assert message.to == ["stranger@example.org"]
    assert message.subject.startswith("A place came up")


def test_bad_edits_are_explained_and_nothing_changes(event, owner_client):
    response = owner_client.post(
        edit_url(event), edited(event, ends_at=local(soon(5, 9)), title="Renamed")
    )
    assert response.status_code == 400
    assert "The end must be after the start." in response.content.decode()
    assert 'value="Renamed"' in response.content.decode()
    event.refresh_from_db()
    assert event.title == "Clothes swap"


def test_a_started_event_can_be_edited_without_moving_its_start(owner, owner_client, wednesday):
    started = EventFactory(organiser=owner, starts_at=soon(0, 9), ends_at=soon(0, 17))
    response = owner_client.post(edit_url(started), edited(started, title="All-day repair café"))
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.title == "All-day repair café"


def test_a_cancelled_event_cannot_be_edited(event, owner_client):
    owner_client.post(f"/events/{event.slug}/cancel/", {"reason": "Rain"})
    response = owner_client.get(edit_url(event))
    assert response.status_code == 302
