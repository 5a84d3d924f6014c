"""A proposal supported and answered: its author and supporters emailed once each, through
a real Celery worker on Redis to an SMTP server (one attempt refused at first)."""

import time

import pytest
from django.db import transaction

from participation.models import Support
from participation.services import proposal_answer
from tests.factories import UserFactory
from tests.outbox import settled

from .factories import ProposalFactory


@pytest.mark.worker
def test_an_answer_reaches_author_and_supporters_once_through_a_real_worker(
    celery_worker, smtp_sink
):
    author = UserFactory(email="author@example.org", display_name="Ada")
    proposal = ProposalFactory(author=author, title="A development fund")
    supporters = [UserFactory(email=f"backer{i}@example.org") for i in range(3)]
    for person in supporters:
        Support.objects.create(proposal=proposal, user=person)
    staff = UserFactory(is_staff=True)
    smtp_sink.refuse_next = 1

    with transaction.atomic():
        proposal_answer(proposal=proposal, by=staff, status="accepted", reason="Costed.")
    # Answering again with the same status (a double click) queues nothing new.
    with transaction.atomic():
        proposal_answer(proposal=proposal, by=staff, status="accepted", reason="Costed.")

    rows = settled(timeout=60, purpose="participation.notice")
    assert [row.status for row in rows] == ["sent"] * 4
    messages = smtp_sink.wait_for(4)
    time.sleep(1)
    assert len(smtp_sink.messages) == 4
    assert sorted(m["To"] for m in messages) == sorted(
        ["author@example.org"] + [p.email for p in supporters]
    )
    for message in messages:
        assert message["Subject"].strip() == "Official answer to “A development fund”: Accepted"
        assert "Costed." in smtp_sink.text(message)
        assert "/have-your-say/stop/" in smtp_sink.html(message)
