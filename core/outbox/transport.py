"""The one way the site talks to its mail server.

A message goes over SMTP in two steps: ``start()`` sends the envelope and the whole message
but not the final "." that tells the server to deliver; ``finish()`` sends the "." and reads
the answer. Between the two the caller records what it is about to do (the row becomes
``sending``, or a campaign copy is marked sent), so a worker killed before that record
leaves gives the server nothing to deliver. One ``Transport`` keeps its connection open for
as many messages as the caller sends through it (a campaign's whole chunk).

With a non-SMTP backend (console or in-memory email in development and tests) ``start()``
only remembers the message and ``finish()`` sends it.
"""

import logging
import smtplib
import socket

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address

log = logging.getLogger(__name__)


class PermanentFailure(Exception):
    """The server refused this message or address for good (a 5xx reply)."""


class NotDelivered(OSError):
    """The connection failed before the server was told to deliver: the message is unsent."""


class Unconfirmed(OSError):
    """The final "." went but the server's answer never came: the message may have arrived."""


class Transport:
    def __init__(self):
        self.backend = get_connection()
        self.smtp = isinstance(self.backend, SMTPBackend)
        self.sender = sanitize_address(settings.DEFAULT_FROM_EMAIL, settings.DEFAULT_CHARSET)
        self._pending: EmailMessage | None = None

    def close(self) -> None:
        try:
            self.backend.close()
        except Exception:  # noqa: BLE001 (closing a broken connection)
            log.debug("closing the SMTP connection failed", exc_info=True)
        if self.smtp:
            self.backend.connection = None

    def _drop(self) -> None:
        """Close the socket without QUIT: mid-message the server would wait for more, and a
        message without its final "." is discarded."""
        if self.smtp and self.backend.connection is not None:
            try:
                self.backend.connection.close()
            except Exception:  # noqa: BLE001 (closing a broken connection)
                log.debug("dropping the SMTP connection failed", exc_info=True)
            self.backend.connection = None

    def _connection(self) -> smtplib.SMTP:
        if self.backend.connection is None:
            self.backend.open()
            # The message and its final "." go in two writes: without this, Nagle's
            # algorithm holds the "." back for the server's delayed ACK (40 ms a message).
            self.backend.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.backend.connection.ehlo_or_helo_if_needed()
        return self.backend.connection

    def start(self, message: EmailMessage | None, *, to: str = "", data: bytes = b"") -> None:
        """Send the envelope and ``message`` (or the ready-made bytes ``data`` for ``to``),
        all but the final ".".

        Raises ``PermanentFailure`` when the server refuses the address for good, and
        ``smtplib.SMTPException`` or ``OSError`` for anything worth trying again later.
        """
        if not self.smtp:
            self._pending = message
            return
        if message is not None:
            to = message.to[0]
            data = message.message().as_bytes(linesep="\r\n")
        smtp = self._connection()
        code, reply = smtp.mail(self.sender)
        if code != 250:
            # Our sender refused: a setup problem, not this recipient's. Retry later.
            self.reset()
            raise smtplib.SMTPSenderRefused(code, reply, self.sender)
        # Addresses were validated when members signed up; only non-ASCII ones need work.
        recipient = to if to.isascii() else sanitize_address(to, "utf-8")
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            self.reset()
            self._refused(code, reply)
        code, reply = smtp.docmd("data")
        if code != 354:
            self.reset()
            raise smtplib.SMTPDataError(code, reply)
        body = smtplib._quote_periods(data)
        if body[-2:] != b"\r\n":
            body += b"\r\n"
        smtp.send(body)

    def finish(self) -> None:
        """Tell the server to deliver what ``start()`` sent, and check its answer.

        Raises ``NotDelivered`` if the "." could not be written (nothing was delivered),
        ``Unconfirmed`` if it was but no answer came (it may have been delivered),
        ``PermanentFailure`` for a 5xx answer and ``smtplib.SMTPResponseException`` for a
        temporary one.
        """
        if not self.smtp:
            message, self._pending = self._pending, None
            message.connection = self.backend
            try:
                message.send()
            except smtplib.SMTPRecipientsRefused as error:
                codes = [code for code, _reply in error.recipients.values()]
                if codes and all(500 <= code < 600 for code in codes):
                    raise PermanentFailure(str(error.recipients)[:500]) from None
                raise
            return
        smtp = self.backend.connection
        try:
            smtp.send(b".\r\n")
        except (OSError, smtplib.SMTPException):
            self._drop()
            raise NotDelivered("connection lost before the end of the message") from None
        try:
            code, reply = smtp.getreply()
        except (OSError, smtplib.SMTPException) as error:
            self._drop()
            raise Unconfirmed(
                f"No answer from the mail server after the message: {error}"
            ) from None
        if code != 250:
            self._refused(code, reply)

    def abandon(self) -> None:
        """Drop a message after ``start()``: the server discards it with the connection."""
        self._pending = None
        self._drop()

    def reset(self) -> None:
        """After a refusal, get the SMTP session ready for the next message (or reconnect)."""
        if self.smtp and self.backend.connection is not None:
            try:
                self.backend.connection.rset()
            except (OSError, smtplib.SMTPException):
                self.close()

    @staticmethod
    def _refused(code: int, reply) -> None:
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        if 500 <= code < 600:
            raise PermanentFailure(f"{code} {text}"[:500])
        raise smtplib.SMTPResponseException(code, reply)
