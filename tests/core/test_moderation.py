"""The shared moderation: admin actions on any moderated listing, and the submitter's email.

Spaces stand in for every moderated listing here; events, groups and schemes share the code.
"""

import pytest

from core.models import ModerationDecision, ModerationStatus
from core.moderation import listing_moderate
from core.outbox.models import OutgoingEmail, OutgoingStatus
from core.outbox.tasks import send_email
from spaces.models import Space


@pytest.fixture
def listing(member):
    return Space.objects.create(
        name="Ancoats Community Hall", slug="ancoats-hall", submitted_by=member
    )


def changelist_action(client, action, listing, **extra):
    return client.post(
        "/admin/spaces/space/",
        {"action": action, "_selected_action": [listing.pk], **extra},
    )


def test_new_listings_wait_for_review_and_are_not_public(listing):
    assert listing.moderation_status == ModerationStatus.PENDING
    assert not Space.objects.approved().exists()


def test_staff_approve_in_bulk_and_the_submitter_is_emailed(
    staff_client, listing, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = changelist_action(staff_client, "approve_selected", listing)
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.moderation_status == ModerationStatus.APPROVED
    assert listing.reviewed_by.email == "staff@example.org"
    assert listing.reviewed_at is not None

    [message] = mailoutbox
    assert message.to == ["member@example.org"]
    assert "is live" in message.subject
    assert "Ancoats Community Hall" in message.body
    html = message.alternatives[0][0]
    assert "has been approved" in html
    email = OutgoingEmail.objects.get(purpose="core.moderation-decision")
    assert email.key == str(ModerationDecision.objects.get().pk)
    assert email.status == OutgoingStatus.SENT


def test_rejecting_asks_for_a_reason_then_emails_it(
    staff_client, listing, mailoutbox, django_capture_on_commit_callbacks
):
    page = changelist_action(staff_client, "reject_selected", listing)
    assert page.status_code == 200
    assert "Reason (sent to the submitter)" in page.content.decode()
    assert not mailoutbox

    with django_capture_on_commit_callbacks(execute=True):
        changelist_action(
            staff_client,
            "reject_selected",
            listing,
            apply="1",
            note="This is a private house, not a community space.",
        )
    listing.refresh_from_db()
    assert listing.moderation_status == ModerationStatus.REJECTED
    assert listing.review_note == "This is a private house, not a community space."
    [message] = mailoutbox
    assert "was not approved" in message.subject
    assert "This is a private house" in message.body
    assert "This is a private house" in message.alternatives[0][0]


def test_reject_without_a_reason_changes_nothing(staff_client, listing, mailoutbox):
    response = changelist_action(staff_client, "reject_selected", listing, apply="1", note="")
    assert response.status_code == 200
    listing.refresh_from_db()
    assert listing.moderation_status == ModerationStatus.PENDING
    assert not mailoutbox


def test_featuring_approves_and_features(staff_client, listing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        changelist_action(staff_client, "feature_selected", listing)
    listing.refresh_from_db()
    assert listing.is_featured and listing.is_approved
    assert list(Space.objects.featured()) == [listing]


def test_each_decision_is_emailed_once_even_if_the_task_runs_twice(
    staff, listing, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = listing_moderate(listing=listing, decision="approved", by=staff)
    email = OutgoingEmail.objects.get(key=str(decision.pk))
    send_email(email.pk)
    assert len(mailoutbox) == 1


def test_the_history_keeps_every_decision(staff, listing):
    from core.moderation import moderation_history

    listing_moderate(listing=listing, decision="rejected", by=staff, note="Needs an address")
    listing_moderate(listing=listing, decision="approved", by=staff)
    assert [d.decision for d in moderation_history(listing)] == ["approved", "rejected"]


def test_members_cannot_use_the_admin(member_client, listing):
    response = changelist_action(member_client, "approve_selected", listing)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    listing.refresh_from_db()
    assert listing.moderation_status == ModerationStatus.PENDING


def test_the_decision_history_shows_whether_the_submitter_was_emailed(
    staff_client, staff, listing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        listing_moderate(listing=listing, decision="approved", by=staff)
    listing_moderate(listing=listing, decision="rejected", by=staff, note="Closed", notify=False)
    page = staff_client.get("/admin/core/moderationdecision/").content.decode()
    assert '<td class="field-email">Sent</td>' in page
    assert '<td class="field-email">–</td>' in page
