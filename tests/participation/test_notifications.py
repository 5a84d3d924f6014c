"""Notifications: immediate or a weekly digest, the choices page, and the one-click stop
link in every email."""

import re

import pytest
from django.urls import reverse

from participation.models import Delivery, NoticeSettings, Support
from participation.services import comment_add, digests_send, proposal_answer

from .factories import PostFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_member_chooses_the_weekly_digest(member_client, member):
    url = reverse("participation:notice-settings")
    response = member_client.post(
        url, {"delivery": "weekly", "comments": "on", "answers": "on", "phases": ""}
    )
    assert response.status_code == 302
    choice = NoticeSettings.objects.get(user=member)
    assert choice.delivery == Delivery.WEEKLY and not choice.phases
    assert member_client.post(url, {"delivery": "hourly"}).status_code == 400


def test_the_weekly_digest_gathers_the_weeks_notices_into_one_email(
    member, stranger, staff, mailoutbox, django_capture_on_commit_callbacks
):
    NoticeSettings.objects.create(user=member, delivery=Delivery.WEEKLY)
    piece = PostFactory(submitted_by=member, title="My piece")
    proposal = ProposalFactory(author=member, title="My idea")
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(post=piece, author=stranger, body="Nice")
        proposal_answer(proposal=proposal, by=staff, status="accepted", reason="Yes")
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 1
        assert digests_send() == 0  # the beat running twice sends nothing more
    [digest] = mailoutbox
    assert digest.to == [member.email]
    assert digest.subject == "Your week on coopcentre: 2 things to read"
    assert "Sam Stranger commented on “My piece”" in digest.body
    assert "Official answer to “My idea”: Accepted" in digest.body
    assert "Comments on your pieces: http" in digest.body


def test_one_click_stops_one_kind_only(
    client, member, stranger, staff, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(author=member, title="My idea")
    with django_capture_on_commit_callbacks(execute=True):
        proposal_answer(proposal=proposal, by=staff, status="considering", reason="Hmm")
    [email] = mailoutbox
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.search(r"http://\S+/stop/\S+/", email.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    # A GET (a mail scanner following links) stops nothing; the button (or the mail app's
    # one-click POST, without a CSRF token) does.
    assert "Stop them" in client.get(f"/{path}").content.decode()
    assert NoticeSettings.objects.filter(user=member).count() == 0
    done = client.post(f"/{path}")
    assert "Done: we won't email you about “Official answers" in done.content.decode()
    choice = NoticeSettings.objects.get(user=member)
    assert not choice.answers and choice.comments and choice.phases

    with django_capture_on_commit_callbacks(execute=True):
        proposal_answer(proposal=proposal, by=staff, status="accepted", reason="Yes")
        comment_add(post=PostFactory(submitted_by=member), author=stranger, body="Hi")
    assert [m.subject.split(" ")[0] for m in mailoutbox[1:]] == ["Sam"]


def test_a_forged_stop_link_is_refused(client):
    assert client.get("/have-your-say/stop/not-a-token/").status_code == 404


def test_a_notice_gone_stale_is_skipped(
    member, staff, mailoutbox, django_capture_on_commit_callbacks
):
    from core.outbox.models import OutgoingEmail

    proposal = ProposalFactory()
    Support.objects.create(proposal=proposal, user=member)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        proposal_answer(proposal=proposal, by=staff, status="accepted", reason="Yes")
    # The member stops answers before the email leaves: it is not sent to them.
    NoticeSettings.objects.create(user=member, answers=False)
    for callback in callbacks:
        callback()
    assert member.email not in [m.to[0] for m in mailoutbox]
    assert OutgoingEmail.objects.filter(to=member.email, status="skipped").exists()
