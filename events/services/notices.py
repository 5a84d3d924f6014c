"""Emails to the people coming: recorded once, sent once, in the background.

Every email about an event to a person is first an ``EventNotice`` row, written in the
transaction that made the news (an RSVP, a change, a cancellation); the send is queued
only after that transaction commits, and the task marks the row sent inside the
transaction of the send. A unique constraint on (kind, event, person, key) means a
retried request or a re-run of the reminder job can never email anyone twice.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .. import emails
from ..models import (
    EVENT_TZ,
    EventNotice,
    NoticeKind,
    Rsvp,
    RsvpStatus,
)

# Reminders for tomorrow's dates go out from this hour (UK time) the day before.
REMINDER_HOUR = 9


def _queue_send(notice_id: int) -> None:
    from ..tasks import send_event_notice

    transaction.on_commit(lambda: send_event_notice.delay(notice_id))


def notice_record(
    *, kind: str, event, user, key: str = "", occurrence=None, rsvp=None, details: str = ""
) -> EventNotice | None:
    """Record one piece of news for one person and queue its email after commit.

    Returns the new notice, or None when the same news (kind, event, person, key) was
    already recorded: then nothing more is sent.
    """
    notice, created = EventNotice.objects.get_or_create(
        kind=kind,
        event=event,
        user=user,
        key=key,
        defaults={"occurrence": occurrence, "rsvp": rsvp, "details": details},
    )
    if not created:
        return None
    _queue_send(notice.pk)
    return notice


def people_coming(*, event, occurrence=None):
    """Members going to, or waiting for, a date of ``event`` not yet over."""
    rsvps = Rsvp.objects.active().filter(occurrence__ends_at__gte=timezone.now())
    if occurrence is not None:
        rsvps = rsvps.filter(occurrence=occurrence)
    else:
        rsvps = rsvps.filter(occurrence__event=event, occurrence__is_cancelled=False)
    return get_user_model().objects.filter(pk__in=rsvps.values("user_id")).order_by("pk")


def attendees_notify(*, event, kind: str, key: str, details: str = "", occurrence=None) -> int:
    """Tell everyone going or waiting (for one date, or any date still to come).

    Returns how many people will be emailed.
    """
    count = 0
    for user in people_coming(event=event, occurrence=occurrence):
        if notice_record(
            kind=kind, event=event, user=user, key=key, occurrence=occurrence, details=details
        ):
            count += 1
    return count


def reminders_queue(*, now: datetime | None = None) -> int:
    """Record and queue a reminder for everyone going to a date that is tomorrow (UK time).

    Runs every hour from the beat schedule; reminders go out from ``REMINDER_HOUR`` the
    day before. Re-running it is harmless: each reminder is recorded once per person and
    date (and again only if the date moves). Returns how many reminders were queued.
    """
    now = timezone.localtime(now or timezone.now(), EVENT_TZ)
    if now.hour < REMINDER_HOUR:
        return 0
    tomorrow = now.date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time.min, tzinfo=EVENT_TZ)
    end = datetime.combine(tomorrow + timedelta(days=1), time.min, tzinfo=EVENT_TZ)
    rows = (
        Rsvp.objects.going()
        .filter(
            occurrence__starts_at__gte=start,
            occurrence__starts_at__lt=end,
            occurrence__is_cancelled=False,
            occurrence__event__cancelled_at__isnull=True,
            occurrence__event__moderation_status="approved",
        )
        .values_list(
            "pk", "user_id", "occurrence_id", "occurrence__event_id", "occurrence__starts_at"
        )
    )
    with transaction.atomic():
        EventNotice.objects.bulk_create(
            [
                EventNotice(
                    kind=NoticeKind.REMINDER,
                    event_id=event_id,
                    occurrence_id=occurrence_id,
                    user_id=user_id,
                    rsvp_id=rsvp_id,
                    key=reminder_key(occurrence_id, starts_at),
                )
                for rsvp_id, user_id, occurrence_id, event_id, starts_at in rows
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
        pending = list(
            EventNotice.objects.filter(
                kind=NoticeKind.REMINDER,
                sent_at__isnull=True,
                occurrence__starts_at__gte=start,
                occurrence__starts_at__lt=end,
            ).values_list("pk", flat=True)
        )
        for notice_id in pending:
            _queue_send(notice_id)
    return len(pending)


def reminder_key(occurrence_id: int, starts_at: datetime) -> str:
    # A date that moves gets a new reminder; the same date never gets two.
    return f"occ:{occurrence_id}:{starts_at.astimezone(EVENT_TZ):%Y%m%dT%H%M}"


def _is_stale(notice: EventNotice) -> bool:
    """News that stopped being true before its email went (it is then skipped)."""
    event, rsvp = notice.event, notice.rsvp
    if notice.kind == NoticeKind.CANCELLED:
        return False
    if notice.kind == NoticeKind.CHANGED:
        return event.is_cancelled
    if rsvp is None:
        return True
    if notice.kind == NoticeKind.WAITING:
        return rsvp.status != RsvpStatus.WAITING or notice.key != rsvp_key(rsvp)
    if notice.kind == NoticeKind.CONFIRMATION:
        return rsvp.status != RsvpStatus.GOING or notice.key != rsvp_key(rsvp)
    if notice.kind == NoticeKind.PROMOTED:
        return rsvp.status != RsvpStatus.GOING
    if notice.kind == NoticeKind.REMINDER:
        occurrence = rsvp.occurrence
        return (
            rsvp.status != RsvpStatus.GOING
            or event.is_cancelled
            or occurrence.is_cancelled
            or occurrence.starts_at < timezone.now()
            or notice.key != reminder_key(occurrence.pk, occurrence.starts_at)
        )
    return False


def rsvp_key(rsvp: Rsvp) -> str:
    return f"rsvp:{rsvp.pk}:{rsvp.joined_at:%Y%m%dT%H%M%S.%f}"


SENDERS = {
    NoticeKind.CONFIRMATION: emails.rsvp_confirmed,
    NoticeKind.WAITING: emails.rsvp_waiting,
    NoticeKind.PROMOTED: emails.place_freed,
    NoticeKind.REMINDER: emails.event_reminder,
    NoticeKind.CHANGED: emails.event_changed,
    NoticeKind.CANCELLED: emails.event_cancelled,
}


def notice_send(*, notice_id: int) -> bool:
    """Send one notice's email unless it was sent already or went stale.

    The row is locked and marked sent in the transaction of the send: if the SMTP
    server fails, the transaction rolls back, the row stays unsent and the task's retry
    sends it; two workers can never both send it. Returns True if an email went.
    """
    with transaction.atomic():
        notice = (
            EventNotice.objects.select_for_update(of=("self",))
            .select_related(
                "event__space", "event__group", "occurrence", "user", "rsvp__occurrence"
            )
            .filter(pk=notice_id, sent_at__isnull=True)
            .first()
        )
        if notice is None:
            return False
        stale = _is_stale(notice) or not notice.user.is_active
        if not stale:
            SENDERS[notice.kind](notice)
        notice.sent_at = timezone.now()
        notice.skipped = stale
        notice.save(update_fields=["sent_at", "skipped"])
    return not stale
