"""Through a real Celery worker to the SMTP sink: a member who chose Welsh gets the
verification, an RSVP confirmation and a campaign in Welsh; one who chose English, English."""

import time
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from events.services import rsvp_create
from matching.models import Campaign, CampaignStatus
from matching.services.campaigns import campaign_start
from tests.events.factories import EventFactory
from tests.matching.factories import CampaignFactory

pytestmark = pytest.mark.worker
PASSWORD = "a-long-pass-phrase-9"


def by_recipient(messages) -> dict[str, object]:
    return {message["To"]: message for message in messages}


def test_each_member_gets_every_email_in_the_language_they_chose(client, celery_worker, smtp_sink):
    for path, email, language in [
        ("/cy/accounts/signup/", "angharad@example.org", "cy"),
        ("/cy/accounts/signup/", "sam@example.org", "en-gb"),
    ]:
        data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
        response = client.post(path, {**data, "language": language})
        assert response.status_code == 302
        client.logout()
    verification = by_recipient(smtp_sink.wait_for(2))
    welsh, english = verification["angharad@example.org"], verification["sam@example.org"]
    assert welsh["Subject"] == "[coopcentre] Cadarnhewch eich cyfeiriad e-bost"
    assert "/cy/accounts/confirm-email/" in smtp_sink.text(welsh)
    assert english["Subject"] == "[coopcentre] Confirm your email address"
    assert "/cy/" not in smtp_sink.text(english)

    smtp_sink.clear()
    starts = timezone.now() + timedelta(days=7)
    event = EventFactory(title="Caffi Sgwrs", starts_at=starts, ends_at=starts + timedelta(hours=2))
    for user in User.objects.filter(email__in=["angharad@example.org", "sam@example.org"]):
        rsvp_create(occurrence=event.occurrences.first(), user=user)
    rsvps = by_recipient(smtp_sink.wait_for(2))
    welsh, english = rsvps["angharad@example.org"], rsvps["sam@example.org"]
    assert welsh["Subject"].startswith("Rydych yn mynd: Caffi Sgwrs")
    assert "Welwn ni chi yno," in smtp_sink.text(welsh)
    assert "Welwn ni chi yno," in smtp_sink.html(welsh)
    assert '<html lang="cy">' in smtp_sink.html(welsh)
    assert "/cy/events/" in smtp_sink.text(welsh)
    assert english["Subject"].startswith("You're going: Caffi Sgwrs")
    assert "See you there," in smtp_sink.text(english)

    smtp_sink.clear()
    EmailAddress.objects.update(verified=True)  # campaigns go to verified addresses only
    campaign = CampaignFactory(
        subject="Do you need help, or can you help?",
        message="Winter is coming.",
        subject_cy="Oes angen help arnoch chi, neu allwch chi helpu?",
        message_cy="Mae’r gaeaf yn dod.",
    )
    assert campaign_start(campaign=campaign)
    copies = by_recipient(smtp_sink.wait_for(2, timeout=60))
    deadline = time.monotonic() + 30
    while Campaign.objects.get(pk=campaign.pk).status != CampaignStatus.FINISHED:
        assert time.monotonic() < deadline, "the campaign did not finish"
        time.sleep(0.2)
    welsh, english = copies["angharad@example.org"], copies["sam@example.org"]
    assert welsh["Subject"] == "Oes angen help arnoch chi, neu allwch chi helpu?"
    assert "Mae’r gaeaf yn dod." in smtp_sink.text(welsh)
    assert "Mae angen help arnaf" in smtp_sink.html(welsh)
    assert "/cy/help/need/" in smtp_sink.text(welsh)
    assert english["Subject"] == "Do you need help, or can you help?"
    assert "Winter is coming." in smtp_sink.text(english)
    assert "I need help" in smtp_sink.html(english)
