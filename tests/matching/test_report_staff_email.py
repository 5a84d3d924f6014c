"""A member's report on a match is emailed to staff through Celery, exactly once."""

import pytest

from matching.models import MatchReport
from matching.services.notifications import report_email_staff
from matching.tasks import send_report_to_staff

from ..factories import UserFactory
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

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert sorted(email.to) == ["second-staff@example.org", "staff@example.org"]
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
    saved.refresh_from_db()
    assert saved.staff_emailed_at is not None


def test_a_report_is_never_emailed_twice(member_client, intro, staff, run_on_commit, mailoutbox):
    saved = report(member_client, intro, run_on_commit)
    assert len(mailoutbox) == 1

    # A redelivered task, or the service run again, finds the report already sent.
    assert send_report_to_staff.delay(saved.pk).get() is False
    assert report_email_staff(report_id=saved.pk) is False
    assert len(mailoutbox) == 1


def test_members_who_are_not_staff_get_nothing(member_client, intro, run_on_commit, mailoutbox):
    saved = report(member_client, intro, run_on_commit)

    assert mailoutbox == []
    saved.refresh_from_db()
    assert saved.staff_emailed_at is None


def test_the_staff_address_setting_takes_the_place_of_staff_users(
    member_client, intro, staff, run_on_commit, mailoutbox, settings
):
    settings.MATCHING_STAFF_EMAIL = ["safeguarding@example.org", "team@example.org"]

    report(member_client, intro, run_on_commit, reason="no_show")

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["safeguarding@example.org", "team@example.org"]
    assert "They didn't turn up or reply" in mailoutbox[0].body


def test_a_failed_send_is_left_for_the_retry(intro, member, staff, settings, mailoutbox):
    saved = MatchReport.objects.create(match=intro, reporter=member, side="need", reason="other")
    settings.EMAIL_BACKEND = "tests.matching.test_report_staff_email.FailingBackend"

    with pytest.raises(OSError):
        report_email_staff(report_id=saved.pk)
    saved.refresh_from_db()
    assert saved.staff_emailed_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert report_email_staff(report_id=saved.pk) is True
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
    saved = MatchReport.objects.get()
    # The task delivered again (a worker restart, a retry) sends nothing more.
    assert send_report_to_staff.delay(saved.pk).get(timeout=30) is False
    assert len(smtp_sink.messages) == 1
