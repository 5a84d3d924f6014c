"""Match emails go at most once: one outbox row per person, purpose and source of news."""

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend

from core.outbox.models import OutgoingEmail
from core.outbox.services import outgoing_send
from matching.models import MatchStatus
from matching.services.notifications import introduction_notices, notifications_queue

from .factories import IntroductionFactory, NeedFactory, SchemeFactory

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("gone")


def announce(match, notices=None) -> int:
    return notifications_queue(notices or introduction_notices(match), source=f"match:{match.pk}")


def row_to(person, purpose) -> OutgoingEmail:
    return OutgoingEmail.objects.get(to=person.email, purpose=purpose)


@pytest.fixture
def intro(kinds):
    intro = IntroductionFactory(need=NeedFactory(kinds=[kinds["shopping"]]))
    announce(intro)
    return intro


def test_sending_twice_sends_once(intro, mailoutbox):
    row = row_to(intro.need.person, "matching.need-matched")
    assert outgoing_send(pk=row.pk) == "sent"
    assert outgoing_send(pk=row.pk) == ""
    assert len(mailoutbox) == 1
    row.refresh_from_db()
    assert row.sent_at is not None and row.status == "sent"


def test_the_same_notification_cannot_be_asked_for_twice(intro):
    assert announce(intro) == 0
    assert OutgoingEmail.objects.count() == 2


def test_an_smtp_error_leaves_it_unsent_for_the_retry(intro, mailoutbox, settings):
    row = row_to(intro.offer.person, "matching.offer-introduction")
    settings.EMAIL_BACKEND = "tests.matching.test_notifications.FailingBackend"
    assert outgoing_send(pk=row.pk) == "queued"
    assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    row.refresh_from_db()
    with time_machine.travel(row.next_attempt_at + timedelta(seconds=1)):
        assert outgoing_send(pk=row.pk) == "sent"
    [email] = mailoutbox
    assert email.subject == "Someone near you could use your help"


def test_an_email_for_a_match_that_closed_meanwhile_is_skipped(intro, mailoutbox):
    intro.status = MatchStatus.CANCELLED
    intro.save()
    row = row_to(intro.offer.person, "matching.offer-introduction")
    assert outgoing_send(pk=row.pk) == "skipped"
    assert mailoutbox == []
    row.refresh_from_db()
    assert row.status == "skipped"


def test_the_volunteer_email_has_no_personal_details(kinds, mailoutbox):
    need = NeedFactory(
        kinds=[kinds["shopping"]], note="Flat 3, the blue door", contact_phone="07700 900123"
    )
    intro = IntroductionFactory(need=need)
    announce(intro)
    outgoing_send(pk=row_to(intro.offer.person, "matching.offer-introduction").pk)
    [email] = mailoutbox
    html = email.alternatives[0][0]
    for body in (email.body, html):
        assert "Collecting food and shopping" in body
        assert "M14" in body
        assert "/help/respond/" in body
        for secret in ("Flat 3", "07700 900123", need.person.email, need.person.display_name):
            assert secret not in body


def test_schemes_and_introductions_arrive_in_one_email(kinds, mailoutbox):
    from matching.models import Match
    from matching.services.notifications import notice_for

    intro = IntroductionFactory(need=NeedFactory(kinds=[kinds["shopping"]]))
    scheme = SchemeFactory(
        name="Food Line", kinds=[kinds["shopping"]], website="https://food.example.org"
    )
    suggestion = Match.objects.create(
        need=intro.need,
        scheme=scheme,
        status=MatchStatus.SUGGESTED,
        reason="A national scheme covering the whole UK that helps with shopping",
    )
    notifications_queue(
        [*introduction_notices(intro), notice_for(suggestion, "need", "matching.need-matched")],
        source="run:1",
    )
    outgoing_send(pk=row_to(intro.need.person, "matching.need-matched").pk)
    [email] = mailoutbox
    assert "Food Line" in email.body and "https://food.example.org" in email.body
    assert "Yes, introduce us: http" in email.body
    assert 'href="https://food.example.org"' in email.alternatives[0][0]


def test_staff_approving_a_held_introduction_does_not_announce_it_again(
    intro, staff, mailoutbox, django_capture_on_commit_callbacks
):
    from matching.services.matches import match_approve

    intro.status = MatchStatus.REVIEW
    intro.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert match_approve(match=intro, by=staff)
    assert OutgoingEmail.objects.count() == 2
    assert mailoutbox == []


def test_the_volunteer_reads_what_the_person_needs_not_that_they_offer(intro, mailoutbox):
    outgoing_send(pk=row_to(intro.offer.person, "matching.offer-introduction").pk)
    [email] = mailoutbox
    assert "offers collecting" not in email.body
    assert "needs collecting food and shopping" in email.body
