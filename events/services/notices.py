"""Emails to the people coming: asked of the outbox once, sent once, in the background.

Every email about an event to a person is an outbox row (``core.outbox``), written in the
transaction that made the news (an RSVP, a change, a cancellation) and sent by the
outbox's task after that transaction commits. Its key is (event, person, news), unique
with its purpose, so a retried request or a re-run of the reminder job never emails
anyone twice. Whether the news is still true is checked when the email goes
(``events.emails``): a reminder for a date they cancelled is skipped.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.outbox.services import enqueue, enqueue_many

from .. import emails
from ..models import EVENT_TZ, Rsvp

# Reminders for tomorrow's dates go out from this hour (UK time) the day before.
REMINDER_HOUR = 9


def _notice(*, event_id: int, user_id: int, email: str, news: str, **context) -> dict:
    return {
        "key": emails.notice_key(event_id=event_id, user_id=user_id, news=news),
        "to": email,
        "context": {"event": event_id, "user": user_id, **context},
    }


def notice_record(
    *, purpose: str, event, user, news: str, occurrence=None, rsvp=None, details: str = ""
) -> bool:
    """Ask the outbox to tell one person one piece of news, sent after commit.

    Returns False when the same news (purpose, event, person, ``news``) was already
    asked for: then nothing more is sent.
    """
    notice = _notice(
        event_id=event.pk,
        user_id=user.pk,
        email=user.email,
        news=news,
        occurrence=occurrence.pk if occurrence else None,
        rsvp=rsvp.pk if rsvp else None,
        details=details,
    )
    return enqueue(purpose, notice["key"], to=notice["to"], context=notice["context"]).just_queued


def people_coming(*, event, occurrence=None):
    """Members going to, or waiting for, a date of ``event`` not yet over."""
    rsvps = Rsvp.objects.active().filter(occurrence__ends_at__gte=timezone.now())
    if occurrence is not None:
        rsvps = rsvps.filter(occurrence=occurrence)
    else:
        rsvps = rsvps.filter(occurrence__event=event, occurrence__is_cancelled=False)
    return get_user_model().objects.filter(pk__in=rsvps.values("user_id")).order_by("pk")


def attendees_notify(
    *, event, purpose: str, news: str, details: str = "", occurrence=None, **context
) -> int:
    """Tell everyone going or waiting (for one date, or any date still to come).

    ``context``: more the email needs, kept in each outbox row (``changed``: the kinds of
    change, ``events.changes``; ``publisher``: the change or the withdrawal came from the
    publisher the event was harvested from). Returns how many people will be emailed
    (those not told this news already).
    """
    people = people_coming(event=event, occurrence=occurrence).values_list("pk", "email")
    return enqueue_many(
        purpose,
        [
            _notice(
                event_id=event.pk,
                user_id=user_id,
                email=email,
                news=news,
                occurrence=occurrence.pk if occurrence else None,
                details=details,
                **context,
            )
            for user_id, email in people
        ],
    )


def reminders_queue(*, now: datetime | None = None) -> int:
    """Ask the outbox for a reminder to everyone going to a date that is tomorrow (UK time).

    Runs every hour from the beat schedule; reminders go out from ``REMINDER_HOUR`` the
    day before. Re-running it is harmless: each reminder is keyed by person, date and
    start time (so a date that moves is reminded again). Returns how many were new.
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
            "pk",
            "user_id",
            "user__email",
            "occurrence_id",
            "occurrence__event_id",
            "occurrence__starts_at",
        )
    )
    with transaction.atomic():
        return enqueue_many(
            emails.REMINDER,
            [
                _notice(
                    event_id=event_id,
                    user_id=user_id,
                    email=email,
                    news=emails.reminder_news(occurrence_id, starts_at),
                    occurrence=occurrence_id,
                    rsvp=rsvp_id,
                )
                for rsvp_id, user_id, email, occurrence_id, event_id, starts_at in rows
            ],
        )
