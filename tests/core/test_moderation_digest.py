"""The daily moderation digest: each moderator hears once a day while something waits."""

import datetime

import pytest
from django.conf import settings

from core.moderation_queue.digest import DIGEST_EMAIL, digest_send
from core.outbox.models import OutgoingEmail
from tests.events.factories import EventFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 3)


@pytest.fixture
def waiting_event(member):
    return EventFactory(title="Tea Dance", moderation_status="pending", organiser=member)


def test_it_emails_each_moderator_what_waits_once_a_day(
    staff, waiting_event, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="not-staff@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send(today=DAY) == 1
        assert digest_send(today=DAY) == 0
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [staff.email]
    assert email.subject == "1 item awaits moderation on coopcentre"
    assert "Events: 1" in email.body
    assert f"{settings.SITE_URL}/admin/moderation/" in email.body
    html = email.alternatives[0][0]
    assert f'href="{settings.SITE_URL}/admin/moderation/"' in html
    assert "Thursday 3 December 2026" in email.body

    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send(today=DAY + datetime.timedelta(days=1)) == 1
    assert len(mailoutbox) == 2


def test_nobody_is_emailed_when_nothing_waits(staff, mailoutbox):
    EventFactory(title="Approved")
    assert digest_send(today=DAY) == 0
    assert not OutgoingEmail.objects.filter(purpose=DIGEST_EMAIL).exists()


def test_a_digest_whose_items_were_decided_before_it_went_is_skipped(
    staff, waiting_event, mailoutbox, django_capture_on_commit_callbacks
):
    digest_send(today=DAY)
    waiting_event.moderation_status = "approved"
    waiting_event.save()
    with django_capture_on_commit_callbacks(execute=True):
        pass
    from core.outbox.tasks import send_email

    send_email(OutgoingEmail.objects.get(purpose=DIGEST_EMAIL).pk)
    assert mailoutbox == []
    assert OutgoingEmail.objects.get(purpose=DIGEST_EMAIL).status == "skipped"


def test_beat_sends_it_every_day():
    entry = settings.CELERY_BEAT_SCHEDULE["core-moderation-digest"]
    assert entry["task"] == "core.moderation_queue.tasks.send_moderation_digest"
    assert entry["schedule"].hour == {8}
