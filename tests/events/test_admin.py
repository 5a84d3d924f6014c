"""Staff moderate events in the admin; organisers are emailed the decision."""

import csv
import io

import pytest

from events.models import Event
from events.services import rsvp_create

from .factories import EventFactory, soon

CHANGELIST = "/admin/events/event/"


@pytest.fixture
def submitted(owner):
    return EventFactory(
        title="Clothes swap", organiser=owner, submitted_by=owner, moderation_status="pending"
    )


def action(client, name, *events, **extra):
    return client.post(
        CHANGELIST, {"action": name, "_selected_action": [e.pk for e in events], **extra}
    )


def test_staff_see_events_awaiting_review(staff_client, submitted):
    response = staff_client.get(CHANGELIST, {"moderation_status__exact": "pending"})
    assert response.status_code == 200
    assert "Clothes swap" in response.content.decode()
    assert staff_client.get(f"{CHANGELIST}{submitted.pk}/change/").status_code == 200


def test_approving_lists_the_event_and_emails_its_organiser(
    staff_client, submitted, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert action(staff_client, "approve_selected", submitted).status_code == 302
    submitted.refresh_from_db()
    assert submitted.moderation_status == "approved"
    [message] = mailoutbox
    assert message.to == ["owner@example.org"]
    assert "Clothes swap" in message.subject and "is live" in message.subject
    assert submitted.get_absolute_url() in message.body
    assert "has been approved" in message.alternatives[0][0]
    assert "Clothes swap" in client.get("/events/").content.decode()


def test_rejecting_asks_for_a_reason_and_emails_it(
    staff_client, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    assert (
        "Reason (sent to the submitter)"
        in action(staff_client, "reject_selected", submitted).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        action(
            staff_client, "reject_selected", submitted, apply="1", note="Please give the address."
        )
    submitted.refresh_from_db()
    assert submitted.moderation_status == "rejected"
    [message] = mailoutbox
    assert "Please give the address." in message.body


def test_featuring_approves_and_puts_it_first_on_the_home_page(staff_client, submitted, client):
    EventFactory(title="Sooner but ordinary", starts_at=soon(1))
    action(staff_client, "feature_selected", submitted)
    submitted.refresh_from_db()
    assert submitted.is_featured and submitted.moderation_status == "approved"
    home = client.get("/").content.decode()
    assert home.index("Clothes swap") < home.index("Sooner but ordinary")


def test_a_change_made_by_staff_is_emailed_to_the_people_coming(
    staff_client, owner, member, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Litter pick", organiser=owner)
    rsvp_create(occurrence=event.occurrences.get(), user=member)
    mailoutbox.clear()
    page = staff_client.get(f"{CHANGELIST}{event.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "starts_at_0": soon(2).strftime("%d/%m/%Y"),
            "starts_at_1": "11:00",
            "ends_at_0": soon(2).strftime("%d/%m/%Y"),
            "ends_at_1": "13:00",
            "tags": "",
            "occurrences-TOTAL_FORMS": "0",
            "occurrences-INITIAL_FORMS": "1",
            "occurrences-MIN_NUM_FORMS": "0",
            "occurrences-MAX_NUM_FORMS": "0",
            "image": "",
        }
    )
    for key in ("starts_at", "ends_at", "image-clear"):
        data.pop(key, None)
    data = {k: v for k, v in data.items() if v is not False}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"{CHANGELIST}{event.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.starts_at == soon(2, 11)
    [message] = mailoutbox
    assert message.to == ["member@example.org"]
    assert "11:00 to 13:00" in message.body


def test_staff_download_the_replies_to_events(staff_client, member):
    event = EventFactory(title="Repair café")
    rsvp_create(occurrence=event.occurrences.get(), user=member)
    response = action(staff_client, "export_attendees", event)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["Event", "Date", "Name"]
    assert rows[1][0] == "Repair café" and rows[1][2] == "Mo Member" and rows[1][5] == ""


def test_the_reply_and_email_logs_are_read_only(
    staff_client, member, django_capture_on_commit_callbacks
):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_create(occurrence=event.occurrences.get(), user=member)
    assert staff_client.get("/admin/events/rsvp/").status_code == 200
    emails = staff_client.get("/admin/core/outgoingemail/", {"purpose__startswith": "events."})
    assert emails.status_code == 200
    assert staff_client.get("/admin/events/rsvp/add/").status_code == 403
    assert Event.objects.count() == 1


def test_an_events_page_links_to_its_emails_in_the_outbox(
    staff_client, member, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Repair café")
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_create(occurrence=event.occurrences.get(), user=member)
    page = staff_client.get(f"{CHANGELIST}{event.pk}/change/").content.decode()
    link = (
        f"/admin/core/outgoingemail/?purpose__startswith=events.&amp;key__startswith={event.pk}%3A"
    )
    assert link in page
    listing = staff_client.get(
        "/admin/core/outgoingemail/",
        {"purpose__startswith": "events.", "key__startswith": f"{event.pk}:"},
    )
    assert "member@example.org" in listing.content.decode()
    assert "events.rsvp-confirmed" in listing.content.decode()
