"""Match emails go at most once: a unique row per match, recipient and purpose."""

import smtplib

import pytest
from django.db import IntegrityError, transaction

from matching import tasks
from matching.models import MatchNotification, MatchStatus, Purpose
from matching.services.matches import introduction_notifications
from matching.services.notifications import notifications_send

from .factories import IntroductionFactory, NeedFactory, SchemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intro(kinds):
    intro = IntroductionFactory(need=NeedFactory(kinds=[kinds["shopping"]]))
    MatchNotification.objects.bulk_create(introduction_notifications(intro))
    return intro


def test_sending_twice_sends_once(intro, mailoutbox):
    recipient = intro.need.person_id
    assert notifications_send(recipient_id=recipient, purpose=Purpose.NEED_MATCHED) == 1
    assert notifications_send(recipient_id=recipient, purpose=Purpose.NEED_MATCHED) == 0
    assert len(mailoutbox) == 1
    row = MatchNotification.objects.get(recipient_id=recipient)
    assert row.sent_at is not None and not row.skipped


def test_the_same_notification_cannot_be_recorded_twice(intro):
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchNotification.objects.create(
            match=intro, recipient=intro.need.person, purpose=Purpose.NEED_MATCHED
        )


def test_an_smtp_error_leaves_it_unsent_for_the_retry(intro, mailoutbox, monkeypatch):
    from core import emails

    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(emails, "send", broken)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notifications_send(recipient_id=intro.offer.person_id, purpose=Purpose.OFFER_INTRODUCTION)
    assert MatchNotification.objects.filter(sent_at__isnull=True).count() == 2
    monkeypatch.undo()
    notifications_send(recipient_id=intro.offer.person_id, purpose=Purpose.OFFER_INTRODUCTION)
    [email] = mailoutbox
    assert email.subject == "Someone near you could use your help"


def test_the_task_retries_with_backoff_on_smtp_errors():
    task = tasks.send_match_notifications
    assert smtplib.SMTPException in task.autoretry_for
    assert OSError in task.autoretry_for
    assert task.retry_backoff and task.max_retries >= 5
    assert task.rate_limit  # rate-limited per worker
    assert task.acks_late


def test_an_email_for_a_match_that_closed_meanwhile_is_skipped(intro, mailoutbox):
    intro.status = MatchStatus.CANCELLED
    intro.save()
    assert (
        notifications_send(recipient_id=intro.offer.person_id, purpose=Purpose.OFFER_INTRODUCTION)
        == 0
    )
    assert mailoutbox == []
    assert MatchNotification.objects.get(recipient=intro.offer.person).skipped


def test_the_volunteer_email_has_no_personal_details(kinds, mailoutbox):
    need = NeedFactory(
        kinds=[kinds["shopping"]], note="Flat 3, the blue door", contact_phone="07700 900123"
    )
    intro = IntroductionFactory(need=need)
    MatchNotification.objects.bulk_create(introduction_notifications(intro))
    notifications_send(recipient_id=intro.offer.person_id, purpose=Purpose.OFFER_INTRODUCTION)
    [email] = mailoutbox
    html = email.alternatives[0][0]
    for body in (email.body, html):
        assert "Collecting food and shopping" in body
        assert "M14" in body
        assert "/help/respond/" in body
        for secret in ("Flat 3", "07700 900123", need.person.email, need.person.display_name):
            assert secret not in body


def test_schemes_and_introductions_arrive_in_one_email(kinds, intro, mailoutbox):
    scheme = SchemeFactory(
        name="Food Line", kinds=[kinds["shopping"]], website="https://food.example.org"
    )
    from matching.models import Match

    suggestion = Match.objects.create(
        need=intro.need,
        scheme=scheme,
        status=MatchStatus.SUGGESTED,
        reason="A national scheme covering the whole UK that helps with shopping",
    )
    MatchNotification.objects.create(
        match=suggestion, recipient=intro.need.person, purpose=Purpose.NEED_MATCHED
    )
    notifications_send(recipient_id=intro.need.person_id, purpose=Purpose.NEED_MATCHED)
    [email] = mailoutbox
    assert "Food Line" in email.body and "https://food.example.org" in email.body
    assert "Yes, introduce us: http" in email.body
    assert 'href="https://food.example.org"' in email.alternatives[0][0]
