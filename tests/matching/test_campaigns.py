"""Campaigns: every opted-in member gets one copy; pause, resume, progress, unsubscribe."""

import pytest
from allauth.account.models import EmailAddress

from core.outbox.models import OutgoingEmail, OutgoingStatus
from core.outbox.tasks import send_batch
from matching.models import Campaign, CampaignStatus
from matching.services import campaigns
from tests.factories import UserFactory

from .factories import CampaignFactory
from .helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(db):
    opted_in = [UserFactory(email=f"in{i}@example.org") for i in range(25)]
    UserFactory(email="out@example.org", campaign_opt_in=False)
    UserFactory(email="gone@example.org", is_active=False)
    unverified = UserFactory(email="unverified@example.org", verified=False)
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False)
    return opted_in


def start(campaign, run_on_commit):
    with run_on_commit():
        assert campaigns.campaign_start(campaign=campaign)
    campaign.refresh_from_db()
    return campaign


def test_every_opted_in_member_gets_exactly_one_copy(members, run_on_commit, mailoutbox):
    campaign = start(CampaignFactory(subject="Do you need help, or can you help?"), run_on_commit)
    assert campaign.status == CampaignStatus.FINISHED
    assert campaign.recipients_total == 25
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in members)
    email = mailoutbox[0]
    assert email.subject == "Do you need help, or can you help?"
    assert "/help/need/" in email.body and "/help/offer/" in email.body
    assert "/help/unsubscribe/" in email.body
    assert "/help/unsubscribe/" in email.alternatives[0][0]
    assert email.extra_headers["List-Unsubscribe"].startswith("<http")
    assert email.extra_headers["Message-ID"].startswith(f"<campaign-{campaign.pk}-")
    # Running the sender again sends nothing more.
    assert campaigns.campaign_send(campaign_id=campaign.pk).sent == 0
    assert len(mailoutbox) == 25
    progress = campaigns.campaign_progress(campaign=campaign)
    assert (progress.sent, progress.failed, progress.remaining, progress.percent) == (25, 0, 0, 100)


def test_pause_stops_and_resume_carries_on_without_repeats(members, run_on_commit, mailoutbox):
    campaign = CampaignFactory(chunk_size=10)
    campaigns.campaign_start(campaign=campaign)
    with run_on_commit():
        campaigns.campaign_prepare(campaign_id=campaign.pk)
        # Paused before the queued senders run: they send nothing.
        campaigns.campaign_pause(campaign=campaign)
    assert mailoutbox == []
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.PAUSED
    with run_on_commit():
        assert campaigns.campaign_resume(campaign=campaign)
    assert len(mailoutbox) == 25
    assert len({m.to[0] for m in mailoutbox}) == 25
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.FINISHED


def test_a_time_budget_hands_over_to_the_next_task(members, mailoutbox):
    campaign = CampaignFactory(chunk_size=10)
    campaigns.campaign_start(campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.PREPARING)
    campaigns.campaign_prepare(campaign_id=campaign.pk)
    report = campaigns.campaign_send(campaign_id=campaign.pk, time_budget=0)
    assert report.more and report.sent == 0
    # The task queues itself again until every copy is out.
    send_batch.delay(campaigns.campaign_batch(campaign.pk))
    assert len(mailoutbox) == 25


def test_members_who_opt_out_meanwhile_are_skipped(members, run_on_commit, mailoutbox):
    campaign = CampaignFactory()
    campaigns.campaign_start(campaign=campaign)
    campaigns.campaign_prepare(campaign_id=campaign.pk)
    members[0].campaign_opt_in = False
    members[0].save()
    campaigns.campaign_send(campaign_id=campaign.pk)
    assert len(mailoutbox) == 24
    copy = OutgoingEmail.objects.get(key=f"{campaign.pk}:{members[0].pk}")
    assert copy.status == OutgoingStatus.SKIPPED


def test_cancel_stops_for_good(members, mailoutbox):
    campaign = CampaignFactory()
    campaigns.campaign_start(campaign=campaign)
    campaigns.campaign_prepare(campaign_id=campaign.pk)
    assert campaigns.campaign_cancel(campaign=campaign)
    assert campaigns.campaign_send(campaign_id=campaign.pk).sent == 0
    assert not campaigns.campaign_resume(campaign=campaign)
    assert mailoutbox == []


def test_a_cancelled_campaigns_copies_end_up_skipped(members, mailoutbox):
    campaign = CampaignFactory()
    campaigns.campaign_start(campaign=campaign)
    campaigns.campaign_prepare(campaign_id=campaign.pk)
    campaigns.campaign_cancel(campaign=campaign)
    Campaign.objects.filter(pk=campaign.pk).update(heartbeat_at=None)
    campaigns.campaigns_resume_stalled()
    progress = campaigns.campaign_progress(campaign=campaign)
    assert (progress.skipped, progress.remaining, progress.sent) == (25, 0, 0)
    assert mailoutbox == []


def test_a_stalled_campaign_is_picked_up_again(members, run_on_commit, mailoutbox):
    campaign = CampaignFactory()
    campaigns.campaign_start(campaign=campaign)
    campaigns.campaign_prepare(campaign_id=campaign.pk)  # its senders never ran (died)
    Campaign.objects.filter(pk=campaign.pk).update(heartbeat_at=None)
    assert mailoutbox == []
    assert campaigns.campaigns_resume_stalled() == 1
    assert len(mailoutbox) == 25


def test_the_unsubscribe_link(client, members):
    token = campaigns.unsubscribe_token_make(user_id=members[0].pk)
    page = client.get(f"/help/unsubscribe/{token}/")
    assert "Stop campaign emails" in page_text(page)
    members[0].refresh_from_db()
    assert members[0].campaign_opt_in  # a GET changes nothing
    response = client.post(f"/help/unsubscribe/{token}/")
    assert "we won't send you campaign emails" in page_text(response)
    members[0].refresh_from_db()
    assert not members[0].campaign_opt_in
    assert client.get("/help/unsubscribe/forged-token/").status_code == 404


def test_one_click_unsubscribe_works_without_a_csrf_token(members):
    from django.test import Client

    token = campaigns.unsubscribe_token_make(user_id=members[1].pk)
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/help/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    members[1].refresh_from_db()
    assert not members[1].campaign_opt_in


def test_staff_run_a_campaign_from_admin(staff_client, members, run_on_commit, mailoutbox):
    response = staff_client.post(
        "/admin/matching/campaign/add/",
        {
            "subject": "Do you need help, or can you help?",
            "message": "Hello neighbours",
            "chunk_size": "10",
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.created_by.email == "staff@example.org"
    page = page_text(staff_client.get(f"/admin/matching/campaign/{campaign.pk}/change/"))
    assert "Start sending" in page
    assert staff_client.get(f"/admin/matching/campaign/{campaign.pk}/do/start/").status_code == 405
    with run_on_commit():
        staff_client.post(f"/admin/matching/campaign/{campaign.pk}/do/start/")
    # Staff are members too: 25 members + the staff person.
    assert len(mailoutbox) == 26
    page = page_text(staff_client.get(f"/admin/matching/campaign/{campaign.pk}/change/"))
    assert '<td id="progress-sent">26</td>' in page
    assert '<td id="progress-remaining">0</td>' in page
    assert '<td id="progress-failed">0</td>' in page
    response = staff_client.post(f"/admin/matching/campaign/{campaign.pk}/do/pause/", follow=True)
    assert "Can't pause a campaign that is finished" in page_text(response)


def test_the_campaign_list_shows_progress(staff_client, members, run_on_commit):
    campaign = CampaignFactory(subject="Spring campaign")
    with run_on_commit():
        campaigns.campaign_start(campaign=campaign)
    content = page_text(staff_client.get("/admin/matching/campaign/"))
    assert "Spring campaign" in content
    assert '<td class="field-sent">26</td>' in content
    assert '<td class="field-remaining">0</td>' in content
