"""The campaign sender over real SMTP (an aiosmtpd sink on loopback): the server delivers a
copy only after the row is marked sent, so a worker killed before that leaves no copy."""

import re
import time

import pytest
from django.test import override_settings

from core.outbox import batch as outbox_batch
from core.outbox import marks as outbox_marks
from core.outbox.models import OutgoingEmail, OutgoingStatus
from core.outbox.registry import get as purpose
from core.outbox.transport import PermanentFailure, Transport
from matching.services import campaigns
from tests.factories import UserFactory

from .factories import CampaignFactory


@pytest.fixture
def smtp_settings(smtp_sink):
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=smtp_sink.controller.port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    ):
        yield smtp_sink


@pytest.mark.django_db
def test_a_campaign_goes_over_smtp_once_each(smtp_settings):
    for i in range(12):
        UserFactory(email=f"member{i}@example.org")
    campaign = CampaignFactory(chunk_size=5)
    campaigns.campaign_start(campaign=campaign)
    campaigns.campaign_prepare(campaign_id=campaign.pk)
    report = campaigns.campaign_send(campaign_id=campaign.pk)
    assert report.sent == 12
    messages = smtp_settings.wait_for(12)
    assert sorted(m["To"] for m in messages) == sorted(f"member{i}@example.org" for i in range(12))
    assert len({m["Message-ID"] for m in messages}) == 12
    assert "Do you need help" in smtp_settings.html(messages[0])
    # Each copy's unsubscribe link is its own member's.
    for message in messages:
        token = re.search(r"/help/unsubscribe/([^/\s]+)/", smtp_settings.text(message)).group(1)
        assert campaigns.unsubscribe_token_read(token=token).email == message["To"]
        assert token in message["List-Unsubscribe"]
        assert token in smtp_settings.html(message)
    assert campaigns.campaign_send(campaign_id=campaign.pk).sent == 0


class Killed(BaseException):
    """Stands for the worker dying (SIGKILL) at that moment."""


@pytest.mark.django_db
def test_dying_before_the_commit_leaves_no_copy_and_it_is_sent_once_later(smtp_settings):
    UserFactory(email="only@example.org")
    campaign = CampaignFactory()
    campaigns.campaign_start(campaign=campaign)
    campaigns.campaign_prepare(campaign_id=campaign.pk)
    recipient = OutgoingEmail.objects.get()
    transport = Transport()
    spec = purpose(campaigns.PURPOSE)
    batch = campaigns.campaign_batch(campaign.pk)
    message = outbox_batch._Message(
        spec, recipient.template, spec.batch.shared_context(batch), "en"
    )
    row = outbox_batch.BatchRow(recipient.pk, recipient.to, recipient.context, 0)
    copy = spec.batch.copies([row])[row.pk]

    class DiesBeforeMarking(outbox_marks.SentMark):
        def send(self):
            raise Killed

    with pytest.raises(Killed):
        outbox_batch._deliver(transport, message, row, copy, DiesBeforeMarking(recipient.pk))
    # The process is gone: its socket closes without the final ".".
    transport.backend.connection.sock.close()
    time.sleep(0.3)
    assert smtp_settings.messages == []
    assert OutgoingEmail.objects.get().status == OutgoingStatus.QUEUED

    assert campaigns.campaign_send(campaign_id=campaign.pk).sent == 1
    [delivered] = smtp_settings.wait_for(1)
    assert delivered["To"] == "only@example.org"
    assert OutgoingEmail.objects.get().status == OutgoingStatus.SENT


@pytest.mark.django_db
def test_a_refused_address_fails_without_stopping_the_rest(smtp_settings, monkeypatch):
    UserFactory(email="bounce@example.org")
    UserFactory(email="fine@example.org")
    campaign = CampaignFactory()
    campaigns.campaign_start(campaign=campaign)
    campaigns.campaign_prepare(campaign_id=campaign.pk)

    original = outbox_batch._deliver

    def refuse_bounce(transport, message, row, copy, mark):
        if row.to == "bounce@example.org":
            raise PermanentFailure("550 no such user")
        return original(transport, message, row, copy, mark)

    monkeypatch.setattr(outbox_batch, "_deliver", refuse_bounce)
    report = campaigns.campaign_send(campaign_id=campaign.pk)
    assert (report.sent, report.failed) == (1, 1)
    failed = OutgoingEmail.objects.get(to="bounce@example.org")
    assert (failed.status, failed.last_error) == (OutgoingStatus.FAILED, "550 no such user")
    assert [m["To"] for m in smtp_settings.wait_for(1)] == ["fine@example.org"]


@pytest.mark.django_db
def test_the_campaign_is_built_once_and_each_copy_substituted():
    campaign = CampaignFactory(subject="Do you need help, or can you help? Ça va")
    Campaign = type(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status="sending")
    spec = purpose(campaigns.PURPOSE)
    shared = spec.batch.shared_context(campaigns.campaign_batch(campaign.pk))
    message = outbox_batch._Message(spec, campaigns.TEMPLATE, shared, "en")
    # The fast path: one MIME message, copies by bytes substitution (a non-ASCII subject too).
    assert message.substitutable
    data = message.as_bytes("someone@example.org", {"user": 7, "unsubscribe_url": "http://x/u/7/"})
    assert data.count(b"http://x/u/7/") == 3
    assert f"<campaign-{campaign.pk}-7@".encode() in data


@pytest.mark.django_db
def test_a_copy_sent_again_by_staff_waits_while_a_batch_sender_holds_its_chunk(mailoutbox):
    from django.db import connection

    from core.outbox.services import outgoing_send

    if connection.vendor != "postgresql":
        pytest.skip("chunk locks are PostgreSQL advisory locks")
    import psycopg

    UserFactory(email="again@example.org")
    campaign = CampaignFactory()
    campaigns.campaign_start(campaign=campaign)
    campaigns.campaign_prepare(campaign_id=campaign.pk)
    row = OutgoingEmail.objects.get()
    size = campaign.chunk_size
    db = connection.settings_dict
    url = f"postgresql://{db['USER'] or 'postgres'}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    # Another worker's batch sender is on this chunk.
    with psycopg.connect(url, autocommit=True) as other:
        key = outbox_marks.lock_key(row.batch)
        other.execute("SELECT pg_advisory_lock(%s, %s)", [key, row.pk // size])
        assert outgoing_send(pk=row.pk) == ""
        other.execute("SELECT pg_advisory_unlock(%s, %s)", [key, row.pk // size])
        assert outgoing_send(pk=row.pk) == OutgoingStatus.SENT
    assert [m.to for m in mailoutbox] == [["again@example.org"]]
