"""The outbox through a real Celery worker on Redis, into the SMTP sink."""

import time

import pytest

from core.moderation import listing_moderate
from core.outbox.models import OutgoingEmail, OutgoingStatus
from core.outbox.tasks import send_email
from spaces.models import Space


def wait_for_status(row, status, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row.refresh_from_db()
        if row.status == status:
            return row
        time.sleep(0.1)
    raise AssertionError(f"outgoing email {row.pk} is {row.status}, not {status}")


@pytest.mark.worker
def test_a_refused_email_is_retried_and_arrives_exactly_once(
    celery_worker, smtp_sink, member, staff
):
    listing = Space.objects.create(name="Ancoats Hall", slug="ancoats-hall", submitted_by=member)
    # The mail server says "try again later" to the first attempt.
    smtp_sink.refuse_next = 1
    decision = listing_moderate(listing=listing, decision="approved", by=staff)
    row = OutgoingEmail.objects.get(purpose="core.moderation-decision", key=str(decision.pk))

    # The backoff after the first attempt is a random 1–30 s (1 s under the test worker,
    # whose OUTBOX_RETRY_BASE_SECONDS is 1).
    [message] = smtp_sink.wait_for(1, timeout=60)
    assert message["To"] == "member@example.org"
    assert "Ancoats Hall" in message["Subject"]
    assert "Ancoats Hall" in smtp_sink.text(message)
    assert "has been approved" in smtp_sink.html(message)
    row = wait_for_status(row, OutgoingStatus.SENT)
    assert row.attempts == 2
    assert "451" in row.last_error

    # The same task delivered again (a redelivery, a sweep) finds nothing to send.
    send_email.delay(row.pk)
    send_email.delay(row.pk)
    time.sleep(2)
    assert len(smtp_sink.messages) == 1
