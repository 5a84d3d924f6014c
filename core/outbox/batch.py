"""The batch sender: many rows of one purpose (a campaign) in chunks, over one connection.

Rows enqueued with a ``batch`` name (``enqueue_many(..., batch="matching.campaign:7")``) are
left alone by the one-by-one task and the sweep; ``batch_send`` sends them. The purpose
registers a ``BatchSpec`` (``registry.register(..., batch=MyBatch())``) that says whether
the batch is still to be sent, what is shared by every copy, and what differs per copy.

Speed: the email is rendered once per run with placeholders where per-copy values go, the
whole MIME message is built once, and each copy is a bytes substitution (about a hundred
times cheaper than building it again); an address that is not plain ASCII, or a template
whose placeholders the MIME encoding changed, gets a message built the usual way.

Exactly once, and safe to kill at any moment: workers take whole chunks of row ids under a
PostgreSQL advisory lock, which the database drops by itself if the worker dies, so a
restarted or second worker carries on with exactly the chunks nobody holds. Each copy goes
over SMTP in two steps around the database: the envelope and the whole message first; then
the UPDATE that marks the row sent is written to PostgreSQL and, without waiting for its
answer, the final "." that tells the SMTP server to deliver. Killed before the UPDATE
leaves, the server never gets the "." and discards the message, and the row is still
queued: it is sent again later, once. Killed after the "." leaves, both the delivery and
the mark happen. Only a kill in the few microseconds between those two writes loses a copy
(marked sent, never delivered). Batch rows therefore go from queued to sent directly; they
are never left ``sending``.
"""

import logging
import smtplib
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone, translation

from . import marks, registry
from .models import OutgoingEmail, OutgoingStatus
from .rendering import language_code, render
from .services import retry_delay
from .transport import NotDelivered, PermanentFailure, Transport

log = logging.getLogger(__name__)


class BatchRow(NamedTuple):
    pk: int
    to: str
    context: dict
    attempts: int
    language: str = "en"


class BatchSpec:
    """What a purpose sent in bulk tells the batch sender. Subclass it in the app.

    ``per_copy`` names the context values that differ per copy; they are substituted as
    they are into the subject, both bodies and the headers, so they must be plain ASCII
    and safe in HTML (ids, URLs).
    """

    per_copy: tuple[str, ...] = ()

    def chunk_size(self, batch: str) -> int:
        """How many rows a worker takes at a time (and holds its lock on)."""
        return 500

    def shared_context(self, batch: str) -> dict | None:
        """The context every copy shares, or None to stop (paused, cancelled, gone)."""
        raise NotImplementedError

    def copies(self, rows: list[BatchRow]) -> dict[int, dict | None]:
        """Per-copy values (``per_copy`` names) by row id; None for a copy gone stale."""
        raise NotImplementedError

    def progressed(self, batch: str) -> None:
        """Called after each chunk (a heartbeat for a watchdog)."""

    def finished(self, batch: str) -> None:
        """Called when no queued copy is left."""


@dataclass
class BatchReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    more: bool = False  # stopped on its time budget with chunks left


def _placeholder(name: str) -> str:
    return f"@@{name.upper()}@@"


class _Message:
    """The batch's email rendered once; each copy only swaps in its address and values."""

    TO = "to-placeholder@placeholder.invalid"

    def __init__(self, purpose: registry.Purpose, template: str, shared: dict, language: str):
        self.names = purpose.batch.per_copy
        context = {**shared, **{name: _placeholder(name) for name in self.names}}
        self.subject, self.text, self.html = render(template, context, language)
        with translation.override(language_code(language)):
            self.headers = purpose.headers(context) if purpose.headers else {}
        raw = self._build(self.TO, {}).message().as_bytes(linesep="\r\n")
        self.raw = raw
        parts = [self.subject, self.text, self.html, *self.headers.values()]
        # Each placeholder exactly as often as the parts hold it, or no shortcut.
        expected = [sum(part.count(_placeholder(name)) for part in parts) for name in self.names]
        found = [raw.count(_placeholder(name).encode()) for name in self.names]
        self.substitutable = raw.count(self.TO.encode()) == 1 and expected == found

    def _fill(self, text: str, values: dict) -> str:
        for name, value in values.items():
            text = text.replace(_placeholder(name), str(value))
        return text

    def _build(self, to: str, values: dict) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self._fill(self.subject, values),
            body=self._fill(self.text, values),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers={name: self._fill(value, values) for name, value in self.headers.items()},
        )
        message.attach_alternative(self._fill(self.html, values), "text/html")
        return message

    def as_message(self, to: str, values: dict) -> EmailMultiAlternatives:
        return self._build(to, values)

    def as_bytes(self, to: str, values: dict) -> bytes:
        plain = to.isascii() and all(str(value).isascii() for value in values.values())
        if self.substitutable and plain:
            data = self.raw.replace(self.TO.encode(), to.encode())
            for name, value in values.items():
                data = data.replace(_placeholder(name).encode(), str(value).encode())
            return data
        return self._build(to, values).message().as_bytes(linesep="\r\n")


class _Messages:
    """The batch's email in each language its copies are in, each rendered on first use
    (a campaign to Welsh and English members is rendered twice, not once per copy)."""

    def __init__(self, purpose: registry.Purpose, template: str, shared: dict):
        self.purpose, self.template, self.shared = purpose, template, shared
        self._by_language: dict[str, _Message] = {}

    def __getitem__(self, language: str) -> _Message:
        if language not in self._by_language:
            self._by_language[language] = _Message(
                self.purpose, self.template, self.shared, language
            )
        return self._by_language[language]


class _Pacer:
    """At most ``OUTBOX_BATCH_MAX_PER_SECOND`` emails a second from this process."""

    def __init__(self, per_second: float):
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.next_at = time.monotonic()

    def wait(self):
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(self.next_at, now) + self.interval


def _queued(batch: str):
    return OutgoingEmail.objects.filter(batch=batch, status=OutgoingStatus.QUEUED)


def _next_chunk(batch: str, start: int, size: int) -> int | None:
    """The number of the next chunk (of ``size`` primary keys) holding a queued row."""
    first_pk = (
        _queued(batch).filter(pk__gte=start).order_by("pk").values_list("pk", flat=True).first()
    )
    return None if first_pk is None else first_pk // size


def batch_send(*, batch: str, time_budget: float = 30.0) -> BatchReport:
    """Send the queued rows of ``batch``, chunk by chunk, for up to ``time_budget`` seconds.

    ``batch`` reads ``<purpose>:<name>``; the purpose's ``BatchSpec`` says what to send.
    Safe to run in several workers at once and to kill at any moment (see the module
    docstring). Stops when the spec's ``shared_context`` says so (paused, cancelled);
    calls its ``finished`` when no queued row is left. SMTP connection errors propagate
    (the task tries again later); the copy being sent stays queued.
    """
    report = BatchReport()
    purpose = registry.get(batch.rsplit(":", 1)[0])
    spec: BatchSpec = purpose.batch
    template = _queued(batch).values_list("template", flat=True).first()
    if template is None:
        spec.finished(batch)
        return report
    shared = spec.shared_context(batch)
    if shared is None:
        return report
    messages = _Messages(purpose, template, shared)
    deadline = time.monotonic() + time_budget
    key = marks.lock_key(batch)
    size = spec.chunk_size(batch)
    transport = Transport()
    pacer = _Pacer(settings.OUTBOX_BATCH_MAX_PER_SECOND)
    start = 0
    marks.fast_commits(True)
    try:
        while True:
            if time.monotonic() > deadline:
                report.more = True
                break
            if spec.shared_context(batch) is None:
                break
            chunk = _next_chunk(batch, start, size)
            if chunk is None:
                break
            start = (chunk + 1) * size
            if not marks.try_lock(key, chunk):
                continue  # another worker has it
            try:
                _send_chunk(batch, chunk, size, spec, messages, transport, pacer, report)
            finally:
                marks.unlock(key, chunk)
            spec.progressed(batch)
    except BaseException:
        # Maybe mid-message: drop the line so the server discards what it holds.
        transport.abandon()
        raise
    finally:
        transport.close()
        marks.fast_commits(False)
    if not report.more and not _queued(batch).exists():
        spec.finished(batch)
    return report


def _send_chunk(batch, chunk, size, spec, messages, transport, pacer, report) -> None:
    now = timezone.now()
    rows = [
        BatchRow(*values)
        for values in _queued(batch)
        .filter(pk__gte=chunk * size, pk__lt=(chunk + 1) * size, next_attempt_at__lte=now)
        .order_by("pk")
        .values_list("pk", "to", "context", "attempts", "language")
    ]
    if not rows:
        return
    values = spec.copies(rows)
    stale = [row.pk for row in rows if values.get(row.pk) is None]
    if stale:
        report.skipped += (
            _queued(batch)
            .filter(pk__in=stale)
            .update(status=OutgoingStatus.SKIPPED, updated_at=now)
        )
    for row in rows:
        copy = values.get(row.pk)
        if copy is None:
            continue
        pacer.wait()
        mark = marks.SentMark(row.pk)
        try:
            if _deliver(transport, messages[row.language], row, copy, mark):
                report.sent += 1
        except PermanentFailure as error:
            report.failed += 1
            OutgoingEmail.objects.filter(pk=row.pk).update(
                status=OutgoingStatus.FAILED,
                sent_at=None,
                last_error=str(error),
                attempts=row.attempts + 1,
                updated_at=timezone.now(),
            )
            transport.reset()
        except smtplib.SMTPSenderRefused:
            raise
        except smtplib.SMTPResponseException as error:
            # A temporary refusal (4xx), possibly after the copy was marked sent: the server
            # did not take it, so it goes back to queued after a backoff (or fails).
            attempts = row.attempts + 1
            failed = attempts >= settings.OUTBOX_MAX_ATTEMPTS
            OutgoingEmail.objects.filter(pk=row.pk).update(
                status=OutgoingStatus.FAILED if failed else OutgoingStatus.QUEUED,
                sent_at=None,
                attempts=attempts,
                last_error=f"{error.smtp_code} {error.smtp_error!r}"[:2000],
                next_attempt_at=timezone.now() + timedelta(seconds=retry_delay(attempts)),
                updated_at=timezone.now(),
            )
            report.failed += int(failed)
            if error.smtp_code == 421:
                raise
            transport.reset()


def _deliver(
    transport: Transport, message: _Message, row: BatchRow, copy: dict, mark: marks.SentMark
) -> bool:
    """Send one copy and mark it sent; returns False if it had been sent already."""
    if not transport.smtp:
        # Console or in-memory email (development and tests): mark, then send.
        mark.send()
        if not mark.confirm():
            return False
        transport.start(message.as_message(row.to, copy))
        transport.finish()
        return True
    transport.start(None, to=row.to, data=message.as_bytes(row.to, copy))
    # The server holds the whole message but delivers nothing until the final ".".
    mark.send()
    try:
        transport.finish()
    except NotDelivered:
        mark.confirm()
        mark.undo("connection lost before the end of the message")
        raise
    except BaseException:
        # A refusal, or no answer (``Unconfirmed``: it may have arrived, so it stays marked
        # sent). Read the mark's result either way, so the database connection stays usable.
        mark.confirm()
        raise
    if not mark.confirm():
        log.error("outgoing email %s was already marked sent", row.pk)
        return False
    return True
