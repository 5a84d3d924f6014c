"""Organisers cancel events: the people coming are told why; the page stays."""

from core.outbox.models import OutgoingEmail
from events.services import rsvp_cancel, rsvp_create
from tests.factories import UserFactory

from .factories import EventFactory


def cancel_url(event) -> str:
    return f"/events/{event.slug}/cancel/"


def test_only_the_organiser_and_staff_may_cancel(
    owner, owner_client, stranger_client, client, staff_client
):
    event = EventFactory(organiser=owner)
    assert "This can't be undone." in owner_client.get(cancel_url(event)).content.decode()
    assert staff_client.get(cancel_url(event)).status_code == 200
    assert stranger_client.post(cancel_url(event), {"reason": "x"}).status_code == 404
    assert client.post(cancel_url(event), {"reason": "x"}).status_code == 302
    event.refresh_from_db()
    assert not event.is_cancelled


def test_a_reason_is_needed(owner, owner_client):
    event = EventFactory(organiser=owner)
    response = owner_client.post(cancel_url(event), {"reason": ""})
    assert response.status_code == 400
    assert "Say why, so the people coming understand." in response.content.decode()


def test_cancelling_emails_everyone_going_or_waiting_once(
    owner, owner_client, member, mailoutbox, django_capture_on_commit_callbacks, client
):
    event = EventFactory(organiser=owner, title="Litter pick", capacity=1)
    date = event.occurrences.get()
    waiting = UserFactory(email="waiting@example.org")
    gone = UserFactory(email="gone@example.org")
    rsvp_create(occurrence=date, user=member)
    rsvp_create(occurrence=date, user=waiting)
    rsvp_cancel(rsvp=rsvp_create(occurrence=date, user=gone))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(cancel_url(event), {"reason": "The park is closed for works."})
        owner_client.post(cancel_url(event), {"reason": "Again"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["member@example.org", "waiting@example.org"]
    for message in mailoutbox:
        assert message.subject == "Cancelled: Litter pick"
        assert "The park is closed for works." in message.body
        assert "The park is closed for works." in message.alternatives[0][0]
    assert OutgoingEmail.objects.filter(purpose="events.cancelled").count() == 2
    page = client.get(event.get_absolute_url()).content.decode()
    assert "This event is cancelled" in page
    assert "Litter pick" not in client.get("/events/").content.decode()
