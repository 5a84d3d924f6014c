"""The outbox's one-by-one sender over real SMTP (an aiosmtpd sink, or a mail server that
hangs up at the worst moment), where the row's commit sits before the final "."."""

import socket
import threading

import pytest
from django.test import override_settings

from core.moderation import listing_moderate
from core.outbox.models import OutgoingEmail, OutgoingStatus
from core.outbox.services import outbox_sweep, outgoing_send
from spaces.models import Space


def smtp_to(port):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    )


@pytest.fixture
def decision_email(member, staff):
    listing = Space.objects.create(name="Ancoats Hall", slug="ancoats-hall", submitted_by=member)
    decision = listing_moderate(listing=listing, decision="approved", by=staff)
    return OutgoingEmail.objects.get(key=str(decision.pk))


class Killed(BaseException):
    """Stands for the worker dying (SIGKILL) at that moment."""


def test_an_email_goes_over_smtp_once(decision_email, smtp_sink):
    with smtp_to(smtp_sink.controller.port):
        assert outgoing_send(pk=decision_email.pk) == OutgoingStatus.SENT
        assert outgoing_send(pk=decision_email.pk) == ""
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "member@example.org"
    assert message["Message-ID"] == decision_email.message_id
    assert "Ancoats Hall" in smtp_sink.text(message)


def test_dying_before_the_commit_delivers_nothing_and_it_goes_once_later(
    decision_email, smtp_sink, monkeypatch
):
    def dies(self, *args, **kwargs):
        raise Killed

    with smtp_to(smtp_sink.controller.port):
        with monkeypatch.context() as patch:
            # The envelope and message are with the server; the worker dies before commit.
            patch.setattr(OutgoingEmail, "save", dies)
            with pytest.raises(Killed):
                outgoing_send(pk=decision_email.pk)
        decision_email.refresh_from_db()
        assert decision_email.status == OutgoingStatus.QUEUED
        assert smtp_sink.messages == []
        assert outgoing_send(pk=decision_email.pk) == OutgoingStatus.SENT
    assert len(smtp_sink.wait_for(1)) == 1


class HangsUpAfterTheMessage:
    """A mail server that takes a whole message, then drops the line without answering."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        conn, _ = self.server.accept()
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 hello\r\n")
            in_data = False
            for line in lines:
                if in_data:
                    if line == b".\r\n":
                        return  # the message is complete: hang up, no answer
                    continue
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    conn.sendall(b"250 hello\r\n")
                elif verb == b"DATA":
                    conn.sendall(b"354 go on\r\n")
                    in_data = True
                else:
                    conn.sendall(b"250 OK\r\n")

    def close(self):
        self.server.close()


def test_a_server_that_never_answers_leaves_the_email_failed_not_sent_twice(decision_email):
    server = HangsUpAfterTheMessage()
    try:
        with smtp_to(server.port):
            assert outgoing_send(pk=decision_email.pk) == OutgoingStatus.FAILED
    finally:
        server.close()
    decision_email.refresh_from_db()
    assert "No answer from the mail server" in decision_email.last_error
    assert "It may have arrived" in decision_email.last_error
    # Neither a redelivered task nor the sweep sends it again by itself.
    assert outgoing_send(pk=decision_email.pk) == ""
    assert outbox_sweep() == {"requeued": 0, "stuck": 0}
