"""Moderation workflow: staff decide, the submitter is told by email (in the background)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .models import Moderated, ModerationDecision, ModerationStatus


def listing_moderate(
    *,
    listing: Moderated,
    decision: str,
    by,
    note: str = "",
    featured: bool | None = None,
    notify: bool = True,
) -> ModerationDecision:
    """Record a staff decision on ``listing`` and queue the submitter's email.

    ``decision`` is a ``ModerationStatus`` value; ``featured`` (when given) sets the
    listing's featured flag. The decision row is written in the same transaction as the
    listing; the email task is queued only after it commits, and sends at most once.
    """
    if decision not in ModerationStatus.values:
        raise ValueError(f"Unknown moderation decision {decision!r}")
    now = timezone.now()
    with transaction.atomic():
        listing.moderation_status = decision
        listing.reviewed_by = by
        listing.reviewed_at = now
        listing.review_note = note
        fields = ["moderation_status", "reviewed_by", "reviewed_at", "review_note"]
        if featured is not None:
            listing.is_featured = featured and decision == ModerationStatus.APPROVED
            fields.append("is_featured")
        listing.save(update_fields=fields)
        submitter = listing.submitted_by
        record = ModerationDecision.objects.create(
            content_type=ContentType.objects.get_for_model(listing),
            object_id=listing.pk,
            listing_name=str(listing)[:300],
            decision=decision,
            featured=bool(listing.is_featured),
            note=note,
            decided_by=by,
            decided_at=now,
            recipient_email=submitter.email if (submitter and notify) else "",
        )
        if record.recipient_email:
            from .tasks import send_moderation_email

            transaction.on_commit(lambda: send_moderation_email.delay(record.pk))
    return record


def moderation_history(listing: Moderated):
    """Every decision on ``listing``, newest first."""
    return ModerationDecision.objects.filter(
        content_type=ContentType.objects.get_for_model(listing), object_id=listing.pk
    ).select_related("decided_by")
