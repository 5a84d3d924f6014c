"""A campaign through a real Celery worker on Redis into the SMTP sink: one copy each."""

import time

import pytest

from matching.models import Campaign, CampaignStatus
from matching.services.campaigns import campaign_start
from tests.factories import UserFactory

from .factories import CampaignFactory

pytestmark = pytest.mark.worker


def test_a_campaign_reaches_every_member_once_through_the_worker(celery_worker, smtp_sink):
    emails = {UserFactory(email=f"neighbour{i}@example.org").email for i in range(40)}
    UserFactory(email="no-thanks@example.org", campaign_opt_in=False)
    campaign = CampaignFactory(subject="Do you need help, or can you help?", chunk_size=7)
    assert campaign_start(campaign=campaign)

    messages = smtp_sink.wait_for(40, timeout=60)
    deadline = time.monotonic() + 30
    while Campaign.objects.get(pk=campaign.pk).status != CampaignStatus.FINISHED:
        assert time.monotonic() < deadline, "the campaign did not finish"
        time.sleep(0.2)
    time.sleep(0.5)
    assert len(smtp_sink.messages) == 40
    assert {m["To"] for m in messages} == emails
    assert len({m["Message-ID"] for m in messages}) == 40
    assert "I need help" in smtp_sink.html(messages[0])
