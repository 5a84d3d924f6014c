import datetime
import time
import zoneinfo

import pytest
from django.utils import timezone

from communities.models import Membership, Role, anniversary
from communities.tasks import send_due_checkins
from core.outbox.tasks import send_email
from tests.outbox import settled

from .factories import CommitmentFactory, GroupFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.mark.worker
def test_the_yearly_check_in_email_goes_through_a_real_worker_once(
    celery_worker, smtp_sink, owner, member
):
    # Registered a year and a day ago, in real time: the worker process sends with the real
    # clock, so the test cannot travel in time around the job.
    registered = anniversary(timezone.now(), -1) - datetime.timedelta(days=1)
    group = GroupFactory(
        name="Leith Co-operative Community", organiser=owner, registered_at=registered
    )
    Membership.objects.create(group=group, user=member, role=Role.MEMBER)
    CommitmentFactory(group=group, what="Run a clothes swap", target=6, unit="swaps")

    # The daily beat task runs (here, in this process) and queues the email on Redis; the
    # worker process sends it to the SMTP sink.
    assert send_due_checkins.apply().get() == 1
    # The next run (and a duplicate delivery of the task) change nothing.
    assert send_due_checkins.apply().get() == 0

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == owner.email
    assert message["Subject"] == "Yearly check-in: how is Leith Co-operative Community getting on?"
    text = smtp_sink.text(message)
    html = smtp_sink.html(message)
    for body in (text, html):
        assert "A year ago, Leith Co-operative Community registered" in body
        assert "Run a clothes swap" in body
        assert f"/communities/{group.slug}/review/" in body

    [row] = settled(purpose="communities.checkin")
    assert row.sent_at is not None

    # A redelivered task finds the row sent and does nothing.
    assert send_email.delay(row.pk).get(timeout=20) == ""
    time.sleep(0.5)
    assert len(smtp_sink.messages) == 1
