"""The database side of sending a batch exactly once: the sent mark pipelined ahead of
SMTP's final ".", the advisory locks on chunks of rows, and commits that do not wait for
the disk. See ``core.outbox.batch`` for how they fit together."""

import select
import zlib

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F
from django.utils import timezone
from psycopg.pq import ExecStatus

from . import registry
from .models import OutgoingEmail, OutgoingStatus

_MARK_SQL = (
    f"UPDATE {OutgoingEmail._meta.db_table} "  # noqa: S608 (the model's table name)
    "SET status = 'sent', sent_at = now(), updated_at = now(), attempts = attempts + 1 "
    "WHERE id = $1 AND status = 'queued'"
).encode()


class SentMark:
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
            now = timezone.now()
            self.rows = OutgoingEmail.objects.filter(
                pk=self.pk, status=OutgoingStatus.QUEUED
            ).update(
                status=OutgoingStatus.SENT,
                sent_at=now,
                updated_at=now,
                attempts=F("attempts") + 1,
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
                raise DatabaseError(f"marking outgoing email {self.pk} sent failed: {error}")
        return self.rows == 1

    def undo(self, error: str = "") -> None:
        """The copy did not go after all: back to queued."""
        OutgoingEmail.objects.filter(pk=self.pk).update(
            status=OutgoingStatus.QUEUED, sent_at=None, last_error=error[:2000]
        )


def lock_key(batch: str) -> int:
    return zlib.crc32(batch.encode()) & 0x7FFFFFFF


def try_lock(key: int, chunk: int) -> bool:
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [key, chunk])
        return cursor.fetchone()[0]


def unlock(key: int, chunk: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [key, chunk])


def chunk_free(row: OutgoingEmail) -> bool:
    """For the one-by-one sender, inside its transaction: True if no batch sender holds the
    chunk of this batch row, and keeps it so until that transaction ends.

    A failed campaign copy that staff send again is sent by ``send_email`` or, if its
    campaign is still sending, by a batch sender, never by both: the batch sender marks a
    copy sent without waiting for the database's answer, so the two must not overlap.
    """
    if connection.vendor != "postgresql":
        return True
    purpose = registry.get(row.purpose)
    size = purpose.batch.chunk_size(row.batch)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)", [lock_key(row.batch), row.pk // size]
        )
        return cursor.fetchone()[0]


def fast_commits(on: bool) -> None:
    """Commit the sent marks without waiting for the disk (see docs/outbox.md): a crash
    of the worker loses nothing; a crash of PostgreSQL itself may forget the last fraction
    of a second of marks, so those few copies would go again."""
    if connection.vendor == "postgresql" and not settings.OUTBOX_BATCH_SYNCHRONOUS_COMMIT:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO " + ("off" if on else "DEFAULT"))
