"""The outbox: asking for an email, sending it once, retrying, and staff's admin list."""

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from core.outbox import enqueue, enqueue_many, registry
from core.outbox.models import OutgoingEmail, OutgoingStatus
from core.outbox.services import outbox_sweep, retry_delay
from core.outbox.tasks import send_email

CHANGELIST = "/admin/core/outgoingemail/"


class RefusingBackend(LocmemBackend):
    """The mail server answers "451 try later" to the next ``refusals`` messages."""

    refusals = 0

    def send_messages(self, messages):
        if RefusingBackend.refusals:
            RefusingBackend.refusals -= 1
            raise smtplib.SMTPDataError(451, b"4.3.0 Try again later")
        return super().send_messages(messages)


class GoneBackend(LocmemBackend):
    """The mail server says the address does not exist (a permanent 5xx refusal)."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"ada@example.org": (550, b"5.1.1 No such user")})


@pytest.fixture
def hello(db, tmp_path, settings):
    """A purpose ``tests.hello`` with its template triple; stale when its note is gone."""
    folder = tmp_path / "tests" / "emails"
    folder.mkdir(parents=True)
    (folder / "hello-subject.txt").write_text("Hello {{ name }}\n")
    (folder / "hello-body.txt").write_text("Dear {{ name }}, see {{ site_url }}/notes/\n")
    (folder / "hello-body.html").write_text("<p>Dear {{ name }}</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]

    def context(row):
        if row.context.get("stale"):
            return None
        return {"name": row.context["name"]}

    registry.register("tests.hello", template="tests/emails/hello", context=context)
    yield "tests.hello"
    registry._purposes.pop("tests.hello", None)


def ask(purpose, key="1", **context):
    return enqueue(purpose, key, to="ada@example.org", context={"name": "Ada", **context})


def test_an_email_is_sent_after_commit_with_both_parts(
    hello, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = ask(hello)
        assert not mailoutbox
    [message] = mailoutbox
    assert message.to == ["ada@example.org"]
    assert message.subject == "Hello Ada"
    assert "Dear Ada, see http://" in message.body
    assert message.alternatives[0][0] == "<p>Dear Ada</p>"
    assert message.extra_headers["Message-ID"] == row.message_id
    row.refresh_from_db()
    assert row.status == OutgoingStatus.SENT
    assert row.sent_at is not None
    assert row.attempts == 1


def test_asking_twice_for_the_same_key_queues_one_email(
    hello, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = ask(hello)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = ask(hello, name="Someone else")
    assert first.just_queued
    assert not second.just_queued
    assert second.pk == first.pk
    assert callbacks == []
    assert len(mailoutbox) == 1
    assert OutgoingEmail.objects.count() == 1


def test_a_task_delivered_twice_sends_once(hello, mailoutbox):
    row = ask(hello)
    assert send_email(row.pk) == OutgoingStatus.SENT
    assert send_email(row.pk) == ""
    assert len(mailoutbox) == 1


def test_an_email_that_went_stale_is_skipped(hello, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = ask(hello, stale=True)
    row.refresh_from_db()
    assert row.status == OutgoingStatus.SKIPPED
    assert not mailoutbox


def test_enqueue_many_is_idempotent_and_sends_each_once(
    hello, mailoutbox, django_capture_on_commit_callbacks
):
    people = [
        {"key": str(n), "to": f"p{n}@example.org", "context": {"name": f"P{n}"}} for n in range(5)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_many(hello, people, chunk_size=2) == 5
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_many(hello, people) == 0
    assert sorted(m.to[0] for m in mailoutbox) == [f"p{n}@example.org" for n in range(5)]


def test_an_unknown_purpose_is_refused(db):
    with pytest.raises(LookupError, match="register"):
        ask("tests.nobody-registered-this")


def test_the_retry_wait_grows_exponentially_with_jitter(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    settings.OUTBOX_RETRY_MAX_SECONDS = 3600
    waits = {n: [retry_delay(n) for _ in range(200)] for n in (1, 3, 10)}
    assert all(1 <= w <= 30 for w in waits[1])
    assert all(1 <= w <= 120 for w in waits[3])
    assert all(1 <= w <= 3600 for w in waits[10])
    # Full jitter: waits spread over the range, they are not all the ceiling.
    assert len({round(w) for w in waits[10]}) > 50


def test_a_refused_email_is_retried_with_backoff_then_fails_with_its_error(
    hello, settings, mailoutbox, staff_client
):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.RefusingBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 3
    RefusingBackend.refusals = 10
    row = ask(hello)

    assert send_email(row.pk) == OutgoingStatus.QUEUED
    row.refresh_from_db()
    assert row.attempts == 1
    assert "451" in row.last_error
    assert row.next_attempt_at > timezone.now()
    # Not due yet: a task that arrives early does nothing.
    assert send_email(row.pk) == ""

    for attempt in (2, 3):
        with time_machine.travel(row.next_attempt_at + timedelta(seconds=1)):
            send_email(row.pk)
        row.refresh_from_db()
        assert row.attempts == attempt
    assert row.status == OutgoingStatus.FAILED
    assert not mailoutbox

    listing = staff_client.get(CHANGELIST, {"status__exact": "failed"}).content.decode()
    assert "ada@example.org" in listing
    assert "SMTPDataError: 451 4.3.0 Try again later" in listing
    detail = staff_client.get(f"{CHANGELIST}{row.pk}/change/").content.decode()
    assert "SMTPDataError: 451 4.3.0 Try again later" in detail
    # Read-only: nothing to save.
    assert 'name="_save"' not in detail


def test_a_permanent_refusal_fails_at_once(hello, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.core.test_outbox.GoneBackend"
    row = ask(hello)
    assert send_email(row.pk) == OutgoingStatus.FAILED
    row.refresh_from_db()
    assert row.attempts == 1
    assert "No such user" in row.last_error
    assert not mailoutbox


def test_send_again_in_the_admin_sends_a_failed_email_exactly_once(
    hello, staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    failed = ask(hello, key="failed")
    sent = ask(hello, key="sent")
    OutgoingEmail.objects.filter(pk=failed.pk).update(
        status=OutgoingStatus.FAILED, attempts=8, last_error="SMTPDataError: 451"
    )
    OutgoingEmail.objects.filter(pk=sent.pk).update(status=OutgoingStatus.SENT)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            CHANGELIST,
            {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    page = response.content.decode()
    assert "Queued 1 failed email(s) to be sent again." in page
    assert "Left 1 email(s) alone: only failed emails can be sent again." in page
    [message] = mailoutbox
    assert message.subject == "Hello Ada"
    failed.refresh_from_db()
    assert failed.status == OutgoingStatus.SENT

    # Again, now that it went: nothing more is sent.
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(CHANGELIST, {"action": "send_again", "_selected_action": [failed.pk]})
    assert len(mailoutbox) == 1


def test_the_admin_list_shows_counts_to_staff(hello, staff_client, django_assert_max_num_queries):
    for n in range(3):
        ask(hello, key=str(n))
    with django_assert_max_num_queries(20):
        response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 outgoing emails" in page
    assert "Queued (3)" in page


@pytest.mark.parametrize("persona", ["member_client", "client"])
def test_the_admin_list_is_closed_to_members_and_visitors(persona, request):
    response = request.getfixturevalue(persona).get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_sweep_requeues_lost_emails_and_flags_ones_left_sending(hello, mailoutbox):
    lost = ask(hello, key="lost")
    stuck = ask(hello, key="stuck")
    long_ago = timezone.now() - timedelta(hours=1)
    OutgoingEmail.objects.filter(pk=lost.pk).update(next_attempt_at=long_ago)
    OutgoingEmail.objects.filter(pk=stuck.pk).update(status=OutgoingStatus.SENDING)
    OutgoingEmail.objects.filter(pk=stuck.pk).update(updated_at=long_ago)

    assert outbox_sweep() == {"requeued": 1, "stuck": 1}
    [message] = mailoutbox
    assert message.to == ["ada@example.org"]
    lost.refresh_from_db()
    stuck.refresh_from_db()
    assert lost.status == OutgoingStatus.SENT
    assert stuck.status == OutgoingStatus.FAILED
    assert "may have arrived" in stuck.last_error


def test_every_registered_purpose_has_its_template_triple():
    from django.template.loader import get_template

    purposes = registry.purposes()
    assert {"accounts.*", "core.moderation-decision", "matching.campaign"} <= {
        p.name for p in purposes
    }
    for purpose in purposes:
        assert purpose.template.split("/")[1] == "emails", purpose.name
        for part in ("subject.txt", "body.txt", "body.html"):
            get_template(f"{purpose.template}-{part}")
