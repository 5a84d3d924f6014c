"""A member's report on a match is emailed to staff through the outbox, once to each."""

from datetime import timedelta

import pytest
import time_machine

from core.outbox.models import OutgoingEmail
from core.outbox.services import outgoing_send
from core.outbox.tasks import send_email
from matching.models import MatchReport
from matching.services.notifications import report_email_staff

from ..factories import UserFactory
from ..outbox import settled
from .factories import IntroductionFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intro(kinds, member, owner):
    return IntroductionFactory(
        need=NeedFactory(person=member, kinds=[kinds["shopping"]], contact_phone="0161 496 0001"),
        offer=OfferFactory(person=owner, kinds=[kinds["shopping"]], contact_phone="0161 496 0002"),
    )


def report(member_client, intro, run_on_commit, **data):
    with run_on_commit():
        response = member_client.post(
            f"/help/matches/{intro.pk}/report/", {"reason": "unsafe", **data}
        )
    assert response.status_code == 302
    return MatchReport.objects.get()


def test_a_report_emails_every_active_staff_user_once(
    member_client, intro, staff, run_on_commit, mailoutbox
):
    UserFactory(email="second-staff@example.org", is_staff=True)
    UserFactory(email="retired-staff@example.org", is_staff=True, is_active=False)

    saved = report(member_client, intro, run_on_commit, details="He shouted at me")

    # One email to each address, so no one on the team sees the others' addresses.
    assert sorted(m.to[0] for m in mailoutbox) == ["second-staff@example.org", "staff@example.org"]
    for email in mailoutbox:
        assert len(email.to) == 1
        assert email.subject == f"Match #{intro.pk} reported: I felt unsafe or uncomfortable"
        html = email.alternatives[0][0]
        for body in (email.body, html):
            assert "the person needing help" in body
            assert "He shouted at me" in body
            assert "The introduction is on hold" in body
            assert f"/admin/matching/matchreport/{saved.pk}/change/" in body
            assert f"/admin/matching/match/{intro.pk}/change/" in body
            # Nobody's contact details or address go round the team's inboxes.
            for private in ("0161 496", "member@example.org", "owner@example.org"):
                assert private not in body
    rows = OutgoingEmail.objects.filter(purpose="matching.report-staff")
    assert [row.status for row in rows] == ["sent", "sent"]


def test_a_report_is_never_emailed_twice(member_client, intro, staff, run_on_commit, mailoutbox):
    saved = report(member_client, intro, run_on_commit)
    assert len(mailoutbox) == 1

    # A redelivered task, or the service run again, finds the report already sent.
    row = OutgoingEmail.objects.get(purpose="matching.report-staff")
    assert send_email.delay(row.pk).get() == ""
    assert report_email_staff(report_id=saved.pk) == 0
    assert len(mailoutbox) == 1


def test_members_who_are_not_staff_get_nothing(member_client, intro, run_on_commit, mailoutbox):
    report(member_client, intro, run_on_commit)

    assert mailoutbox == []
    assert not OutgoingEmail.objects.filter(purpose="matching.report-staff").exists()


def test_the_staff_address_setting_takes_the_place_of_staff_users(
    member_client, intro, staff, run_on_commit, mailoutbox, settings
):
    settings.MATCHING_STAFF_EMAIL = ["safeguarding@example.org", "team@example.org"]

    report(member_client, intro, run_on_commit, reason="no_show")

    assert sorted(m.to[0] for m in mailoutbox) == ["safeguarding@example.org", "team@example.org"]
    for email in mailoutbox:
        assert "They didn't turn up or reply" in email.body


def test_a_failed_send_is_left_for_the_retry(intro, member, staff, settings, mailoutbox):
    saved = MatchReport.objects.create(match=intro, reporter=member, side="need", reason="other")
    settings.EMAIL_BACKEND = "tests.matching.test_report_staff_email.FailingBackend"

    assert report_email_staff(report_id=saved.pk) == 1
    row = OutgoingEmail.objects.get(purpose="matching.report-staff")
    assert outgoing_send(pk=row.pk) == "queued"
    row.refresh_from_db()
    assert row.sent_at is None and "connection refused" in row.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(row.next_attempt_at + timedelta(seconds=1)):
        assert outgoing_send(pk=row.pk) == "sent"
    assert len(mailoutbox) == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")


@pytest.mark.worker
def test_a_report_reaches_staff_through_a_real_worker_once(
    celery_worker, smtp_sink, kinds, member, owner, staff, member_client
):
    intro = IntroductionFactory(
        need=NeedFactory(person=member, kinds=[kinds["shopping"]]),
        offer=OfferFactory(person=owner, kinds=[kinds["shopping"]]),
    )
    smtp_sink.clear()

    response = member_client.post(
        f"/help/matches/{intro.pk}/report/", {"reason": "misuse", "details": "Spam calls"}
    )
    assert response.status_code == 302

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "staff@example.org"
    assert "Someone misused my details" in message["Subject"]
    assert "Spam calls" in smtp_sink.text(message)
    assert "Spam calls" in smtp_sink.html(message)
    [row] = settled(purpose="matching.report-staff")
    assert row.status == "sent"
    # The task delivered again (a worker restart, a retry) sends nothing more.
    assert send_email.delay(row.pk).get(timeout=30) == ""
    assert len(smtp_sink.messages) == 1
