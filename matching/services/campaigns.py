"""Campaigns: one email to every member who opted in, in chunks, exactly once.

Starting a campaign snapshots its recipients into ``CampaignRecipient`` rows (one
``INSERT … SELECT``, numbered 0, 1, 2… in ``seq``). Workers then take whole chunks of
``seq`` under a PostgreSQL advisory lock, which the database drops by itself if the worker
dies, so a restarted or second worker carries on with exactly the chunks nobody holds.

Each copy goes over SMTP in two steps around the database. The envelope and the whole
message go first; then the UPDATE that marks the row sent is written to PostgreSQL and,
without waiting for its answer, the final "." that tells the SMTP server to deliver.
Killed before the UPDATE leaves, the server never gets the "." and discards the message,
and the row is still pending: it is sent again later, once. Killed after the "." leaves,
both the delivery and the mark happen. Only a kill in the few microseconds between those
two writes loses a copy (marked sent, never delivered). Every copy also carries a stable
Message-ID, so a mail system that sees one twice can tell.
"""

import logging
import select
import smtplib
import socket
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from psycopg.pq import ExecStatus

from core import emails
from matching.models import Campaign, CampaignRecipient, CampaignStatus, RecipientStatus

log = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "matching.campaign-unsubscribe"
UNSUBSCRIBE_PLACEHOLDER = "@@UNSUBSCRIBE_URL@@"
MAX_ATTEMPTS = 5


# ---------------------------------------------------------------------------------------
# Unsubscribing


def unsubscribe_token_make(*, user_id: int) -> str:
    return signing.dumps(user_id, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_read(*, token: str):
    """The member a campaign's unsubscribe link is for, or None if the link is not valid."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=user_id).first()


def campaign_unsubscribe(*, user) -> None:
    """Stop campaign emails to ``user`` (this campaign's remaining copies included)."""
    type(user).objects.filter(pk=user.pk).update(campaign_opt_in=False)


# ---------------------------------------------------------------------------------------
# Starting, pausing, resuming


def campaign_start(*, campaign: Campaign, by=None) -> bool:
    """Start a draft campaign: its recipient list is made, then sending begins (background).

    Returns False if the campaign was not a draft.
    """
    from matching.tasks import prepare_campaign

    with transaction.atomic():
        updated = Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.DRAFT).update(
            status=CampaignStatus.PREPARING, started_at=timezone.now(), heartbeat_at=timezone.now()
        )
        if updated:
            transaction.on_commit(lambda: prepare_campaign.delay(campaign.pk))
    return bool(updated)


def campaign_prepare(*, campaign_id: int) -> int:
    """Snapshot the recipients (members opted in, active, with a verified address), once.

    Returns the number of recipients; sets the campaign sending.
    """
    User = get_user_model()  # noqa: N806
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
        if campaign.status != CampaignStatus.PREPARING:
            return campaign.recipients_total
        if not CampaignRecipient.objects.filter(campaign=campaign).exists():
            from allauth.account.models import EmailAddress

            recipients = CampaignRecipient._meta.db_table
            users = User._meta.db_table
            addresses = EmailAddress._meta.db_table
            # One statement, in the database: bounded memory whatever the member count.
            sql = f"""
                INSERT INTO {recipients} (campaign_id, user_id, seq, email, status, attempts, error)
                SELECT %s, u.id, ROW_NUMBER() OVER (ORDER BY u.id) - 1, u.email, %s, 0, ''
                FROM {users} u
                WHERE u.campaign_opt_in = %s AND u.is_active = %s
                  AND EXISTS (
                    SELECT 1 FROM {addresses} e WHERE e.user_id = u.id AND e.verified = %s
                  )
            """  # noqa: S608 (table names from the models; values are parameters)
            with connection.cursor() as cursor:
                cursor.execute(sql, [campaign.pk, RecipientStatus.PENDING, True, True, True])
        campaign.recipients_total = CampaignRecipient.objects.filter(campaign=campaign).count()
        campaign.status = CampaignStatus.SENDING
        campaign.heartbeat_at = timezone.now()
        campaign.save(update_fields=["recipients_total", "status", "heartbeat_at"])
        transaction.on_commit(lambda: _queue_senders(campaign_id))
    return campaign.recipients_total


def _queue_senders(campaign_id: int) -> None:
    from matching.tasks import send_campaign

    for _ in range(max(1, settings.CAMPAIGN_PARALLEL)):
        send_campaign.delay(campaign_id)


def campaign_pause(*, campaign: Campaign) -> bool:
    """Pause sending; workers stop at the end of their current chunk."""
    return bool(
        Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.SENDING).update(
            status=CampaignStatus.PAUSED
        )
    )


def campaign_resume(*, campaign: Campaign) -> bool:
    """Resume a paused campaign where it stopped; nobody gets a second copy."""
    with transaction.atomic():
        updated = Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.PAUSED).update(
            status=CampaignStatus.SENDING, heartbeat_at=timezone.now()
        )
        if updated:
            transaction.on_commit(lambda: _queue_senders(campaign.pk))
    return bool(updated)


def campaign_cancel(*, campaign: Campaign) -> bool:
    """Stop a campaign for good; copies not yet sent never go."""
    return bool(
        Campaign.objects.filter(
            pk=campaign.pk,
            status__in=[
                CampaignStatus.DRAFT,
                CampaignStatus.PREPARING,
                CampaignStatus.SENDING,
                CampaignStatus.PAUSED,
            ],
        ).update(status=CampaignStatus.CANCELLED, finished_at=timezone.now())
    )


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    failed: int
    skipped: int
    remaining: int

    @property
    def done(self) -> int:
        return self.total - self.remaining

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def campaign_progress(*, campaign: Campaign) -> Progress:
    """Sent, failed, skipped and remaining copies, counted in one query."""
    counts = CampaignRecipient.objects.filter(campaign=campaign).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=RecipientStatus.SENT)),
        failed=Count("pk", filter=Q(status=RecipientStatus.FAILED)),
        skipped=Count("pk", filter=Q(status=RecipientStatus.SKIPPED)),
        remaining=Count("pk", filter=Q(status=RecipientStatus.PENDING)),
    )
    return Progress(**counts)


def campaigns_resume_stalled(*, stale_after: timedelta = timedelta(minutes=2)) -> int:
    """Queue workers again for campaigns nobody has made progress on lately.

    Called by beat every couple of minutes and when a worker starts, so a campaign whose
    worker was killed carries on. Extra workers are harmless: chunks are locked.
    """
    from matching.tasks import prepare_campaign

    cutoff = timezone.now() - stale_after
    count = 0
    stalled = Campaign.objects.filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True),
        status__in=[CampaignStatus.PREPARING, CampaignStatus.SENDING],
    )
    for campaign in stalled:
        if campaign.status == CampaignStatus.PREPARING:
            prepare_campaign.delay(campaign.pk)
        else:
            _queue_senders(campaign.pk)
        count += 1
    return count


# ---------------------------------------------------------------------------------------
# Sending


class _Template:
    """The campaign email rendered once; each copy only swaps in its address and links.

    Over SMTP the whole MIME message is built once with placeholders and each copy is a
    bytes substitution (about a hundred times cheaper than building it again); an address
    that is not plain ASCII gets a message built the usual way.
    """

    TO = "to-placeholder@placeholder.invalid"
    SEQ = "SEQPLACEHOLDER0"

    def __init__(self, campaign: Campaign):
        self.campaign_id = campaign.pk
        self.subject, self.text, self.html = emails.render(
            "matching-campaign",
            {"campaign": campaign, "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER},
        )
        self.domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">")
        raw = self._build(self.TO, self.SEQ, UNSUBSCRIBE_PLACEHOLDER).message()
        self.raw = raw.as_bytes(linesep="\r\n")
        counts = (
            self.raw.count(self.TO.encode()),
            self.raw.count(self.SEQ.encode()),
            self.raw.count(UNSUBSCRIBE_PLACEHOLDER.encode()),
        )
        # Each placeholder exactly where expected (headers, both bodies), or no shortcut.
        self.substitutable = counts == (1, 1, 3)

    def _build(self, email: str, seq, url: str) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text.replace(UNSUBSCRIBE_PLACEHOLDER, url),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email],
            headers={
                "Message-ID": f"<campaign-{self.campaign_id}-{seq}@{self.domain}>",
                "List-Unsubscribe": f"<{url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(self.html.replace(UNSUBSCRIBE_PLACEHOLDER, url), "text/html")
        return message

    @staticmethod
    def _url(user_id: int | None) -> str:
        return settings.SITE_URL + reverse(
            "matching:unsubscribe", kwargs={"token": unsubscribe_token_make(user_id=user_id or 0)}
        )

    def message(self, seq: int, user_id: int | None, email: str) -> EmailMultiAlternatives:
        return self._build(email, seq, self._url(user_id))

    def as_bytes(self, seq: int, user_id: int | None, email: str) -> bytes:
        url = self._url(user_id)
        if self.substitutable and email.isascii():
            return (
                self.raw.replace(self.TO.encode(), email.encode())
                .replace(self.SEQ.encode(), str(seq).encode())
                .replace(UNSUBSCRIBE_PLACEHOLDER.encode(), url.encode())
            )
        return self._build(email, seq, url).message().as_bytes(linesep="\r\n")


class PermanentFailure(Exception):
    """The server refused this address for good (a 5xx reply)."""


class NotDelivered(OSError):
    """The connection failed before the server was told to deliver: the copy is unsent."""


class _Mark:
    """Marks one copy sent: ``send()`` starts it, ``confirm()`` waits for it.

    On PostgreSQL ``send()`` writes the UPDATE to the database's socket and returns without
    waiting, so the SMTP "." follows within microseconds; once the UPDATE has left, the
    database commits it (autocommit) even if this process dies the next instant.
    Elsewhere (SQLite in development) ``send()`` simply runs the UPDATE.
    """

    def __init__(self, pk: int):
        self.pk = pk
        self.rows = 0
        self.pending_result = False

    def send(self) -> None:
        if connection.vendor != "postgresql":
            self.rows = CampaignRecipient.objects.filter(
                pk=self.pk, status=RecipientStatus.PENDING
            ).update(
                status=RecipientStatus.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1
            )
            return
        connection.ensure_connection()
        pgconn = connection.connection.pgconn
        pgconn.send_query_params(_MARK_SQL, [str(self.pk).encode()])
        while pgconn.flush():
            select.select([], [pgconn.socket], [], 1.0)
        self.pending_result = True

    def confirm(self) -> bool:
        if self.pending_result:
            self.pending_result = False
            pgconn = connection.connection.pgconn
            error = None
            while (result := pgconn.get_result()) is not None:
                if result.status == ExecStatus.COMMAND_OK:
                    self.rows = result.command_tuples or 0
                else:
                    error = (result.error_message or b"").decode(errors="replace")
            if error:
                raise DatabaseError(f"marking campaign copy {self.pk} sent failed: {error}")
        return self.rows == 1

    def undo(self, error: str = "") -> None:
        """The copy did not go after all: back to pending."""
        CampaignRecipient.objects.filter(pk=self.pk).update(
            status=RecipientStatus.PENDING, sent_at=None, error=error[:300]
        )


_MARK_SQL = (
    f"UPDATE {CampaignRecipient._meta.db_table} "  # noqa: S608 (the model's table name)
    "SET status = 'sent', sent_at = now(), attempts = attempts + 1 "
    "WHERE id = $1 AND status = 'pending'"
).encode()


class _Transport:
    """Delivers one copy; the copy's ``_Mark`` is sent at the last safe moment."""

    def __init__(self):
        self.backend = get_connection()
        self.smtp = isinstance(self.backend, SMTPBackend)
        self.sender = sanitize_address(settings.DEFAULT_FROM_EMAIL, settings.DEFAULT_CHARSET)

    def close(self):
        try:
            self.backend.close()
        except Exception:  # noqa: BLE001 (closing a broken connection)
            log.debug("closing the SMTP connection failed", exc_info=True)

    def _connection(self) -> smtplib.SMTP:
        if self.backend.connection is None:
            self.backend.open()
            # The message and its final "." go in two writes: without this, Nagle's
            # algorithm holds the "." back for the server's delayed ACK (40 ms a message).
            self.backend.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.backend.connection.ehlo_or_helo_if_needed()
        return self.backend.connection

    def deliver(self, template: _Template, seq: int, user_id, email: str, mark: _Mark) -> bool:
        """Send one copy and mark it sent; returns False if it had been sent already.

        Raises ``PermanentFailure`` for a 5xx refusal of the address, ``NotDelivered`` when
        the connection broke before the final ".", and ``smtplib.SMTPException`` or
        ``OSError`` for anything else worth retrying.
        """
        if not self.smtp:
            # Console or in-memory email (development and tests): send, then mark.
            message = template.message(seq, user_id, email)
            message.connection = self.backend
            message.send()
            mark.send()
            return mark.confirm()
        smtp = self._connection()
        data = template.as_bytes(seq, user_id, email)
        code, reply = smtp.mail(self.sender)
        if code != 250:
            # Our sender refused: a setup problem, not this recipient's. Retry later.
            smtp.rset()
            raise smtplib.SMTPSenderRefused(code, reply, self.sender)
        # Addresses were validated when members signed up; only non-ASCII ones need work.
        recipient = email if email.isascii() else sanitize_address(email, "utf-8")
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            smtp.rset()
            self._refused(code, reply)
        code, reply = smtp.docmd("data")
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        body = smtplib._quote_periods(data)
        if body[-2:] != b"\r\n":
            body += b"\r\n"
        smtp.send(body)
        # The server holds the whole message but delivers nothing until the final ".".
        # Killed before the mark leaves, the server discards the message and the row stays
        # pending; killed after the "." leaves, both happen. The gap between the two
        # writes is a few microseconds.
        mark.send()
        try:
            smtp.send(b".\r\n")
        except (OSError, smtplib.SMTPException):
            mark.confirm()
            mark.undo("connection lost before the end of the message")
            self.backend.connection = None
            raise NotDelivered from None
        if not mark.confirm():
            log.error("campaign copy %s was already marked sent", mark.pk)
        code, reply = smtp.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)
        return True

    def reset(self):
        """After a refusal, get the SMTP session ready for the next message (or reconnect)."""
        if self.smtp and self.backend.connection is not None:
            try:
                self.backend.connection.rset()
            except (OSError, smtplib.SMTPException):
                self.close()
                self.backend.connection = None

    @staticmethod
    def _refused(code: int, reply: bytes):
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        if 500 <= code < 600:
            raise PermanentFailure(f"{code} {text}"[:300])
        raise smtplib.SMTPResponseException(code, reply)


def _try_lock(campaign_id: int, chunk: int) -> bool:
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [campaign_id, chunk])
        return cursor.fetchone()[0]


def _unlock(campaign_id: int, chunk: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [campaign_id, chunk])


def _fast_commits(on: bool) -> None:
    """Commit the sent marks without waiting for the disk (see docs/matching.md): a crash
    of the worker loses nothing; a crash of PostgreSQL itself may forget the last fraction
    of a second of marks, so those few copies would go again."""
    if connection.vendor == "postgresql" and not settings.CAMPAIGN_SYNCHRONOUS_COMMIT:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO " + ("off" if on else "DEFAULT"))


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    more: bool = False  # stopped on its time budget with chunks left


class _Pacer:
    """At most ``CAMPAIGN_MAX_PER_SECOND`` emails a second from this process."""

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


def _still_sending(campaign_id: int) -> bool:
    return Campaign.objects.filter(pk=campaign_id, status=CampaignStatus.SENDING).exists()


def campaign_send(*, campaign_id: int, time_budget: float = 30.0) -> SendReport:
    """Send pending copies of a campaign, chunk by chunk, for up to ``time_budget`` seconds.

    Safe to run in several workers at once and to kill at any moment: see the module
    docstring. Stops when the campaign is paused or cancelled; marks it finished when no
    copy is left. SMTP connection errors propagate (the task retries with backoff); the
    copy being sent stays pending.
    """
    report = SendReport()
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None or campaign.status != CampaignStatus.SENDING:
        return report
    deadline = time.monotonic() + time_budget
    size = campaign.chunk_size
    template = _Template(campaign)
    transport = _Transport()
    pacer = _Pacer(settings.CAMPAIGN_MAX_PER_SECOND)
    start = 0
    _fast_commits(True)
    try:
        while True:
            if time.monotonic() > deadline:
                report.more = True
                break
            if not _still_sending(campaign_id):
                break
            first = (
                CampaignRecipient.objects.filter(
                    campaign_id=campaign_id, status=RecipientStatus.PENDING, seq__gte=start
                )
                .order_by("seq")
                .values_list("seq", flat=True)
                .first()
            )
            if first is None:
                break
            chunk = first // size
            start = (chunk + 1) * size
            if not _try_lock(campaign_id, chunk):
                continue  # another worker has it
            try:
                _send_chunk(campaign_id, chunk, size, template, transport, pacer, report)
            finally:
                _unlock(campaign_id, chunk)
            Campaign.objects.filter(pk=campaign_id).update(heartbeat_at=timezone.now())
    finally:
        transport.close()
        _fast_commits(False)
    if not report.more:
        _finish_if_done(campaign_id)
    return report


def _send_chunk(campaign_id, chunk, size, template, transport, pacer, report) -> None:
    rows = list(
        CampaignRecipient.objects.filter(
            campaign_id=campaign_id,
            status=RecipientStatus.PENDING,
            seq__gte=chunk * size,
            seq__lt=(chunk + 1) * size,
        )
        .order_by("seq")
        .values_list("pk", "seq", "user_id", "email", "attempts")
    )
    if not rows:
        return
    # Members who opted out (or left) since the campaign started are skipped.
    still_in = set(
        get_user_model()
        .objects.filter(
            pk__in=[user_id for _pk, _seq, user_id, _email, _a in rows if user_id],
            campaign_opt_in=True,
            is_active=True,
        )
        .values_list("pk", flat=True)
    )
    for pk, seq, user_id, email, attempts in rows:
        if user_id not in still_in:
            report.skipped += CampaignRecipient.objects.filter(
                pk=pk, status=RecipientStatus.PENDING
            ).update(status=RecipientStatus.SKIPPED)
            continue
        pacer.wait()
        mark = _Mark(pk)
        try:
            if transport.deliver(template, seq, user_id, email, mark):
                report.sent += 1
        except PermanentFailure as error:
            report.failed += 1
            CampaignRecipient.objects.filter(pk=pk).update(
                status=RecipientStatus.FAILED, error=str(error), attempts=attempts + 1
            )
            transport.reset()
        except smtplib.SMTPSenderRefused:
            raise
        except smtplib.SMTPResponseException as error:
            # A temporary refusal (4xx), possibly after the copy was marked sent: the server
            # did not take it, so it goes back to pending (or fails after a few tries).
            failed = attempts + 1 >= MAX_ATTEMPTS
            CampaignRecipient.objects.filter(pk=pk).update(
                status=RecipientStatus.FAILED if failed else RecipientStatus.PENDING,
                sent_at=None,
                attempts=attempts + 1,
                error=f"{error.smtp_code} {error.smtp_error!r}"[:300],
            )
            report.failed += int(failed)
            if error.smtp_code == 421:
                raise
            transport.reset()


def _finish_if_done(campaign_id: int) -> None:
    left = CampaignRecipient.objects.filter(
        campaign_id=campaign_id, status=RecipientStatus.PENDING
    ).exists()
    if not left:
        Campaign.objects.filter(pk=campaign_id, status=CampaignStatus.SENDING).update(
            status=CampaignStatus.FINISHED, finished_at=timezone.now()
        )
