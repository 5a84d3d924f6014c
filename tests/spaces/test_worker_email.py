"""The pledgers' emails through a real Celery worker on Redis, to an SMTP sink: exactly once."""

import pytest

from core.outbox.tasks import send_email
from spaces.models import Status
from spaces.services.status import space_status_change
from spaces.tasks import notify_pledgers
from tests.outbox import settled

from .factories import PledgeFactory, ThreatenedSpaceFactory


@pytest.mark.worker
def test_a_status_change_emails_each_pledger_once_through_a_real_worker(
    celery_worker, smtp_sink, staff
):
    space = ThreatenedSpaceFactory(name="Rusholme Library")
    PledgeFactory(space=space, user__email="alice@example.org", time=True)
    PledgeFactory(space=space, user__email="bob@example.org", voice=True, time=False)

    change = space_status_change(space=space, status=Status.SAVED, by=staff, note="Handed over.")

    messages = smtp_sink.wait_for(2)
    assert sorted(m["To"] for m in messages) == ["alice@example.org", "bob@example.org"]
    for message in messages:
        assert message["Subject"] == "Good news: Rusholme Library has been saved"
        assert "Handed over." in smtp_sink.text(message)
        assert f"/spaces/{space.slug}/" in smtp_sink.text(message)
        assert f'/spaces/{space.slug}/"' in smtp_sink.html(message)

    # A repeated fan-out and repeated sends (a retry, a redelivered task) send nothing more.
    assert notify_pledgers.delay(change.pk).get(timeout=30) == 0
    rows = settled(purpose="spaces.pledge-update")
    for row in rows:
        assert send_email.delay(row.pk).get(timeout=30) == ""
    assert len(smtp_sink.messages) == 2
    assert rows.filter(key__startswith=f"{change.pk}:", status="sent").count() == 2
