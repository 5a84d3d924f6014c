"""The daily digest: each moderator is emailed what awaits a decision, once a day."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from core.outbox import enqueue

from .queue import waiting
from .registry import kinds_for

DIGEST_EMAIL = "core.moderation-digest"


def moderators():
    """Active staff with an email address: the people the digest goes to."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .exclude(email="")
        .order_by("pk")
    )


def digest_send(*, today: datetime.date | None = None) -> int:
    """Queue today's digest for every moderator with something to decide; returns how many.

    Keyed by (date, moderator) in the outbox, so running it again the same day (a second
    beat, a retried task) sends nothing more. Nobody is emailed on a day nothing waits.
    """
    today = today or timezone.localdate()
    queued = 0
    for user in moderators():
        if not sum(row.count for row in waiting(kinds_for(user))):
            continue
        row = enqueue(
            DIGEST_EMAIL,
            key=f"{today.isoformat()}:{user.pk}",
            to=user.email,
            context={"date": today.isoformat(), "user": user.pk},
        )
        queued += int(row.just_queued)
    return queued


def digest_context(row) -> dict | None:
    """The digest's context at send time; None (skipped) if nothing waits any more."""
    user = get_user_model().objects.filter(pk=row.context["user"], is_active=True).first()
    if user is None:
        return None
    counts = [entry for entry in waiting(kinds_for(user)) if entry.count]
    if not counts:
        return None
    return {
        "date": datetime.date.fromisoformat(row.context["date"]),
        "waiting": counts,
        "total": sum(entry.count for entry in counts),
        "queue_url": reverse("moderation-queue"),
    }
