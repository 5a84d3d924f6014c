"""Staff change a space's status; its history grows and each pledger is emailed exactly once."""

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from core.outbox.models import OutgoingEmail
from core.outbox.services import outgoing_send
from spaces.models import Status, StatusChange
from spaces.services.status import space_status_change
from spaces.tasks import notify_pledgers

from .factories import PledgeFactory, ThreatenedSpaceFactory

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server went away")


def test_staff_change_the_status_and_every_pledger_is_emailed_once(
    staff_client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    space = ThreatenedSpaceFactory(name="Rusholme Library")
    alice = PledgeFactory(space=space, user__email="alice@example.org", time=True).user
    bob = PledgeFactory(space=space, user__email="bob@example.org", voice=True).user

    page = staff_client.get(f"/admin/spaces/space/{space.pk}/status/")
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/admin/spaces/space/{space.pk}/status/",
            {"status": "transfer", "transfer_stage": "business_plan", "note": "The group is in."},
        )

    assert response.status_code == 302
    space.refresh_from_db()
    assert (space.status, space.transfer_stage) == (Status.TRANSFER, "business_plan")
    change = StatusChange.objects.get(space=space)
    assert change.previous_status == Status.THREATENED
    assert change.changed_by == staff
    assert sorted(m.to[0] for m in mailoutbox) == [alice.email, bob.email]
    for message in mailoutbox:
        assert message.subject == (
            "Rusholme Library: in community asset transfer: writing the business plan"
        )
        assert "In community asset transfer: Writing the business plan" in message.body
        assert "The group is in." in message.body
        assert f"/spaces/{space.slug}/" in message.body
        html = message.alternatives[0][0]
        assert "The group is in." in html
        assert f'/spaces/{space.slug}/"' in html
    assert OutgoingEmail.objects.filter(purpose="spaces.pledge-update", status="sent").count() == 2

    # Running the fan-out again (a retry, a restarted worker) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_pledgers.delay(change.pk).get() == 0
    assert len(mailoutbox) == 2


def test_saved_spaces_send_good_news(staff, mailoutbox, django_capture_on_commit_callbacks):
    space = ThreatenedSpaceFactory(name="Rusholme Library")
    PledgeFactory(space=space, voice=True)

    with django_capture_on_commit_callbacks(execute=True):
        space_status_change(space=space, status=Status.SAVED, by=staff, note="Handed over.")

    [message] = mailoutbox
    assert message.subject == "Good news: Rusholme Library has been saved"
    assert "You pledged: time, a voice." in message.body


def test_a_new_threat_deadline_is_news_too(staff, mailoutbox, django_capture_on_commit_callbacks):
    space = ThreatenedSpaceFactory()
    PledgeFactory(space=space)
    new_deadline = timezone.localdate() + timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        space_status_change(
            space=space,
            status=Status.THREATENED,
            by=staff,
            threat_summary="Decision brought forward.",
            threat_deadline=new_deadline,
        )

    [message] = mailoutbox
    assert "Decision brought forward." in message.body
    assert new_deadline.strftime("%-d %B %Y") in message.body


def test_nothing_changed_means_no_history_and_no_email(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    space = ThreatenedSpaceFactory()
    PledgeFactory(space=space)

    with django_capture_on_commit_callbacks(execute=True):
        change = space_status_change(
            space=space,
            status=Status.THREATENED,
            by=staff,
            threat_summary=space.threat_summary,
            threat_deadline=space.threat_deadline,
        )

    assert change is None
    assert not StatusChange.objects.exists()
    assert mailoutbox == []


def test_people_who_pledge_after_a_change_are_not_told_about_it(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    space = ThreatenedSpaceFactory()
    change = space_status_change(
        space=space, status=Status.TRANSFER, by=staff, transfer_stage="interest"
    )
    PledgeFactory(space=space)

    with django_capture_on_commit_callbacks(execute=True):
        notify_pledgers.delay(change.pk)

    assert mailoutbox == []
    assert not OutgoingEmail.objects.exists()


def test_a_failed_send_stays_unsent_and_a_retry_sends_it_once(staff, settings, mailoutbox):
    space = ThreatenedSpaceFactory()
    PledgeFactory(space=space)
    change = space_status_change(space=space, status=Status.CLOSED, by=staff)
    from spaces.services.status import pledgers_notify

    # The change wrote its pledger's email with it; the fan-out again adds nothing.
    row = OutgoingEmail.objects.get(purpose="spaces.pledge-update")
    assert row.status == "queued" and row.key.startswith(f"{change.pk}:")
    assert pledgers_notify(change_id=change.pk) == 0

    settings.EMAIL_BACKEND = "tests.spaces.test_status_change.FailingBackend"
    assert outgoing_send(pk=row.pk) == "queued"
    row.refresh_from_db()
    assert row.sent_at is None and "went away" in row.last_error
    assert mailoutbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(row.next_attempt_at + timedelta(seconds=1)):
        assert outgoing_send(pk=row.pk) == "sent"
        assert outgoing_send(pk=row.pk) == ""
    assert len(mailoutbox) == 1


def test_moving_to_transfer_needs_a_stage_and_a_threat_needs_a_summary(staff_client):
    space = ThreatenedSpaceFactory()

    transfer = staff_client.post(f"/admin/spaces/space/{space.pk}/status/", {"status": "transfer"})
    threat = staff_client.post(
        f"/admin/spaces/space/{space.pk}/status/", {"status": "threatened", "threat_summary": ""}
    )

    assert "Choose the stage of the asset transfer." in transfer.content.decode()
    assert "Say what threatens the space." in threat.content.decode()
    assert not StatusChange.objects.exists()


def test_the_status_page_is_for_staff_only(member_client, client):
    space = ThreatenedSpaceFactory()

    assert member_client.get(f"/admin/spaces/space/{space.pk}/status/").status_code == 302
    assert (
        client.post(f"/admin/spaces/space/{space.pk}/status/", {"status": "saved"}).status_code
        == 302
    )
    space.refresh_from_db()
    assert space.status == Status.THREATENED


def test_status_fields_are_read_only_in_the_change_form(staff_client):
    space = ThreatenedSpaceFactory()

    html = staff_client.get(f"/admin/spaces/space/{space.pk}/change/").content.decode()

    assert 'name="status"' not in html
    assert f"/admin/spaces/space/{space.pk}/status/" in html
