"""Asking for an email, sending it once, and trying again when the mail server fails.

An app asks; it never sends::

    from core.outbox import enqueue

    enqueue(
        "events.rsvp-confirmed",
        key=f"{rsvp.pk}",
        to=rsvp.user.email,
        context={"rsvp": rsvp.pk},
    )

The row is written now (in the caller's transaction) and its send task is queued when that
transaction commits. See docs/outbox.md for the states and the retry policy.
"""

import logging
import random
import smtplib
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from core.queueing import queue

from . import registry
from .models import OutgoingEmail, OutgoingStatus
from .rendering import language_code, render
from .transport import PermanentFailure, Transport, Unconfirmed

log = logging.getLogger(__name__)

# A queued single email whose task has not run this long after it was due is re-queued.
LOST_AFTER = timedelta(minutes=5)
# A single email still ``sending`` after this was being handed over when its worker died.
SENDING_TIMEOUT = timedelta(minutes=10)
STUCK_SENDING_ERROR = (
    "The worker stopped while handing this email to the mail server, so it may have "
    "arrived. It was not sent again by itself: check before you send it again."
)


def _queue_send(pk: int, countdown: float = 0) -> None:
    from .tasks import send_email

    # With the broker down the row stays queued: the sweep queues it when it is back.
    queue(send_email, pk, countdown=countdown)


def recipient_languages(addresses: Iterable[str]) -> dict[str, str]:
    """The language each address's member chose (``User.language``), by address; an
    address with no member, or a member with no language stored, is left out (English)."""
    model = get_user_model()
    addresses = {address.lower() for address in addresses if address}
    if not addresses or not hasattr(model, "language"):
        return {}
    rows = model.objects.filter(email__in=addresses).exclude(language="")
    return dict(rows.values_list("email", "language"))


def recipient_language(address: str) -> str:
    """The language to write to ``address`` in: its member's choice, else English."""
    return recipient_languages([address]).get(address.lower(), settings.LANGUAGE_CODE)


def enqueue(
    purpose: str,
    key,
    *,
    to: str,
    context: dict,
    template: str | None = None,
    language: str | None = None,
    reply_to: str = "",
    send_after: datetime | None = None,
) -> OutgoingEmail:
    """Ask for the email ``purpose`` with ``key`` to be sent to ``to`` (one address).

    ``context`` holds JSON-safe values only (ids, strings); the purpose's registered context
    hook turns it into the template's context at send time. ``template`` defaults to the
    purpose's. It is written in ``language``, by default the language the member at ``to``
    chose (English for an address with none). Nothing is sent before ``send_after``.

    Idempotent: a second call with the same (purpose, key) returns the existing row and
    queues nothing. The send task is queued when the caller's transaction commits. The
    returned row's ``just_queued`` says whether this call created it.
    """
    spec = registry.get(purpose)
    if not to:
        raise ValueError(f"{purpose} {key}: no address to send to")
    row, created = OutgoingEmail.objects.get_or_create(
        purpose=purpose,
        key=str(key),
        defaults={
            "to": to,
            "template": template or spec.template,
            "context": context,
            "language": language or recipient_language(to),
            "reply_to": reply_to,
            "next_attempt_at": send_after or timezone.now(),
        },
    )
    row.just_queued = created
    if created:
        countdown = (send_after - timezone.now()).total_seconds() if send_after else 0
        transaction.on_commit(lambda: _queue_send(row.pk, countdown))
    return row


def enqueue_many(
    purpose: str,
    emails: Iterable[Mapping],
    *,
    template: str | None = None,
    language: str | None = None,
    batch: str = "",
    send_after: datetime | None = None,
    chunk_size: int = 1000,
) -> int:
    """Ask for many emails of one purpose at once; returns how many rows were new.

    Each item of ``emails`` has ``key``, ``to`` and ``context`` (and may have ``language``
    and ``reply_to``); an item without a language is written in ``language``, or by default
    in the one its recipient chose (as ``enqueue``). Keys already in the outbox are left
    alone (idempotent, as ``enqueue``). Without ``batch`` each new row gets its own send
    task after commit; rows with a ``batch`` (named ``<purpose>:<name>``, the purpose
    registered with a ``BatchSpec``) wait for ``core.outbox.tasks.send_batch``.
    """
    spec = registry.get(purpose)
    if batch and (spec.batch is None or not batch.startswith(f"{purpose}:")):
        raise ValueError(f"batch {batch!r}: name it '{purpose}:<name>' and register a BatchSpec")
    template = template or spec.template
    when = send_after or timezone.now()
    created = 0
    chunk: list[OutgoingEmail] = []
    for item in emails:
        if not item["to"]:
            continue
        chunk.append(
            OutgoingEmail(
                purpose=purpose,
                key=str(item["key"]),
                to=item["to"],
                template=template,
                context=item["context"],
                language=item.get("language") or language or "",
                reply_to=item.get("reply_to", ""),
                batch=batch,
                next_attempt_at=when,
            )
        )
        if len(chunk) >= chunk_size:
            created += _insert_new(_with_languages(chunk), queue=not batch)
            chunk = []
    if chunk:
        created += _insert_new(_with_languages(chunk), queue=not batch)
    return created


def _with_languages(rows: list[OutgoingEmail]) -> list[OutgoingEmail]:
    """Give each row without a language its recipient's (one query for the chunk)."""
    unset = [row for row in rows if not row.language]
    chosen = recipient_languages(row.to for row in unset)
    for row in unset:
        row.language = chosen.get(row.to.lower(), settings.LANGUAGE_CODE)
    return rows


def _insert_new(rows: list[OutgoingEmail], *, queue: bool) -> int:
    """Insert the rows (all of one purpose) whose key is new; queue their tasks after
    commit if ``queue``. Returns how many were new."""
    purpose = rows[0].purpose
    existing = set(
        OutgoingEmail.objects.filter(
            purpose=purpose, key__in=[row.key for row in rows]
        ).values_list("key", flat=True)
    )
    new = [row for row in rows if row.key not in existing]
    OutgoingEmail.objects.bulk_create(new, ignore_conflicts=True)
    if queue and new:
        pks = list(
            OutgoingEmail.objects.filter(
                purpose=purpose, key__in=[row.key for row in new], status=OutgoingStatus.QUEUED
            ).values_list("pk", flat=True)
        )
        countdown = (new[0].next_attempt_at - timezone.now()).total_seconds()
        transaction.on_commit(lambda: [_queue_send(pk, countdown) for pk in pks])
    return len(new)


def message_build(row: OutgoingEmail) -> EmailMultiAlternatives | None:
    """The email for ``row``, rendered now; None if its purpose's hook says it went stale."""
    spec = registry.get(row.purpose)
    # The hook builds links (get_absolute_url) too: in the recipient's language, /cy/… for Welsh.
    with translation.override(language_code(row.language)):
        context = spec.render_context(row)
        if context is None:
            return None
        subject, text, html = render(row.template or spec.template, context, row.language)
        headers = {"Message-ID": row.message_id}
        if spec.headers:
            headers.update(spec.headers(context))
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to],
        reply_to=[row.reply_to] if row.reply_to else None,
        headers=headers,
    )
    # An email whose HTML template renders nothing (allauth's text-only ones) goes as text.
    if html.strip():
        message.attach_alternative(html, "text/html")
    if spec.attachments:
        for filename, content, mimetype in spec.attachments(row, context):
            message.attach(filename, content, mimetype)
    return message


def retry_delay(attempts: int) -> float:
    """Seconds to wait after failed attempt number ``attempts`` (1, 2, …): exponential
    backoff with full jitter, a random wait between 1 s and base·2^(attempts-1), capped."""
    ceiling = min(
        settings.OUTBOX_RETRY_MAX_SECONDS, settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
    )
    return max(1.0, random.uniform(0, ceiling))  # noqa: S311 (jitter, not a secret)


def outgoing_send(*, pk: int) -> str:
    """Send the queued email ``pk`` if it is due; return its status afterwards.

    Exactly once: the row is locked (``SELECT … FOR UPDATE SKIP LOCKED``) and only a
    ``queued`` row is sent, so a task delivered twice, or retried, finds nothing to do. The
    message goes to the mail server while the row is locked; the row becomes ``sending``
    and commits before the final "." (see ``transport``), then ``sent`` once the server
    answers. A temporary failure puts it back to ``queued`` with a backoff; a permanent
    one, or the last attempt, leaves it ``failed`` with the error, and so does a server that
    took the message but never answered (it may have arrived: not sent again by itself).
    Returns "" when the row was not this call's to send (sent already, being sent, or not
    yet due).
    """
    transport = Transport()
    claimed = False
    try:
        with transaction.atomic():
            row, outcome = _claim_and_start(pk, transport)
            if row is None:
                return outcome
        claimed = True
        transport.finish()
    except PermanentFailure as error:
        return _after_failure(pk, str(error), claimed=claimed, permanent=True)
    except Unconfirmed as error:
        # It may have arrived: never sent again by itself (no duplicate); staff decide.
        OutgoingEmail.objects.filter(pk=pk, status=OutgoingStatus.SENDING).update(
            status=OutgoingStatus.FAILED,
            last_error=f"{error} It may have arrived: check before you send it again.",
            updated_at=timezone.now(),
        )
        return OutgoingStatus.FAILED
    except (smtplib.SMTPException, OSError) as error:
        return _after_failure(pk, _describe(error), claimed=claimed, permanent=False)
    except BaseException:
        transport.abandon()
        raise
    finally:
        transport.close()
    done = {"status": OutgoingStatus.SENT, "sent_at": timezone.now(), "updated_at": timezone.now()}
    if registry.get(row.purpose).private:
        # Its secrets (a password link) are not kept once they went.
        done["context"] = {}
    OutgoingEmail.objects.filter(pk=pk, status=OutgoingStatus.SENDING).update(**done)
    return OutgoingStatus.SENT


def _claim_and_start(pk: int, transport: Transport) -> tuple[OutgoingEmail | None, str]:
    """Inside the caller's transaction: lock the queued row ``pk``, render it and hand the
    message to the mail server (all but the final "."), then mark the row ``sending``.
    Returns (row, "") when started, or (None, the outcome) when there is nothing to send."""
    row = (
        OutgoingEmail.objects.select_for_update(skip_locked=True)
        .filter(pk=pk, status=OutgoingStatus.QUEUED, next_attempt_at__lte=timezone.now())
        .first()
    )
    if row is None or (row.batch and not _chunk_free(row)):
        # Not due, sent or being sent; or a batch row a batch sender is on.
        return None, ""
    try:
        with transaction.atomic():
            message = message_build(row)
    except Exception as error:
        # A missing template or a bug: trying again cannot help until it is fixed.
        log.exception("could not render outgoing email %s", pk)
        row.status = OutgoingStatus.FAILED
        row.last_error = f"Could not render: {error!r}"[:2000]
        row.save(update_fields=["status", "last_error", "updated_at"])
        return None, row.status
    if message is None:
        row.status = OutgoingStatus.SKIPPED
        if registry.get(row.purpose).private:
            row.context = {}
        row.save(update_fields=["status", "context", "updated_at"])
        return None, row.status
    transport.start(message)
    row.status = OutgoingStatus.SENDING
    row.attempts += 1
    row.save(update_fields=["status", "attempts", "updated_at"])
    return row, ""


def _chunk_free(row: OutgoingEmail) -> bool:
    from .marks import chunk_free

    return chunk_free(row)


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return f"{type(error).__name__}: {error.smtp_code} {text}"[:2000]
    return f"{type(error).__name__}: {error}"[:2000]


def _after_failure(pk: int, error: str, *, claimed: bool, permanent: bool) -> str:
    """Record a failed attempt: back to ``queued`` after a backoff, or ``failed``."""
    with transaction.atomic():
        row = OutgoingEmail.objects.select_for_update().get(pk=pk)
        expected = OutgoingStatus.SENDING if claimed else OutgoingStatus.QUEUED
        if row.status != expected:
            return row.status
        if not claimed:
            row.attempts += 1
        row.last_error = error
        if permanent or row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            row.status = OutgoingStatus.FAILED
            log.warning("outgoing email %s failed after %s attempts: %s", pk, row.attempts, error)
        else:
            delay = retry_delay(row.attempts)
            row.status = OutgoingStatus.QUEUED
            row.next_attempt_at = timezone.now() + timedelta(seconds=delay)
            transaction.on_commit(lambda: _queue_send(pk, delay))
        row.save(
            update_fields=["status", "attempts", "last_error", "next_attempt_at", "updated_at"]
        )
    return row.status


def outgoing_send_again(*, queryset: QuerySet) -> int:
    """Queue the failed rows of ``queryset`` again (the admin's "Send again").

    Only ``failed`` rows move (back to ``queued``, attempts from zero); a sent, queued or
    sending row is left alone, so nothing is ever sent twice by this. Returns how many.
    """
    with transaction.atomic():
        pks = list(
            queryset.filter(status=OutgoingStatus.FAILED)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        OutgoingEmail.objects.filter(pk__in=pks, status=OutgoingStatus.FAILED).update(
            status=OutgoingStatus.QUEUED,
            attempts=0,
            next_attempt_at=timezone.now(),
            updated_at=timezone.now(),
        )
        transaction.on_commit(lambda: [_queue_send(pk) for pk in pks])
    return len(pks)


def outbox_sweep(*, limit: int = 2000) -> dict:
    """Beat's periodic check (every minute, settings.CELERY_BEAT_SCHEDULE).

    Re-queues single emails left ``queued`` past their time (a lost task: harmless if the
    task was only late, the row lock sends it once). A single email left ``sending`` for
    ``SENDING_TIMEOUT`` had its worker killed between the row's commit and the server's
    answer, so it may have arrived: it becomes ``failed`` with an explanation, never sent
    again by itself. Campaign rows (with a batch) are their batch sender's business.
    """
    now = timezone.now()
    lost = list(
        OutgoingEmail.objects.filter(
            batch="", status=OutgoingStatus.QUEUED, next_attempt_at__lte=now - LOST_AFTER
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in lost:
        _queue_send(pk)
    stuck = OutgoingEmail.objects.filter(
        batch="", status=OutgoingStatus.SENDING, updated_at__lte=now - SENDING_TIMEOUT
    ).update(status=OutgoingStatus.FAILED, last_error=STUCK_SENDING_ERROR, updated_at=now)
    return {"requeued": len(lost), "stuck": stuck}
