"""Moderation workflow: staff decide, the submitter is told by email (in the background)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from .models import Moderated, ModerationDecision, ModerationStatus
from .outbox import enqueue

# The kinds of listing a moderation email names, for the catalogue (rendered translated).
MODERATED_KINDS = [
    gettext_noop("event"),
    gettext_noop("space"),
    gettext_noop("group"),
    gettext_noop("listing"),
    gettext_noop("proposed edit"),
    gettext_noop("photo of a space"),
]

DECISION_EMAIL = "core.moderation-decision"


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
    listing, with the submitter's email in the outbox (purpose ``core.moderation-decision``,
    keyed by the decision), sent once after the transaction commits.
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
            enqueue(
                DECISION_EMAIL,
                key=record.pk,
                to=record.recipient_email,
                context={"decision": record.pk},
            )
    return record


def decision_email_context(row) -> dict | None:
    """The outbox's context for a decision email; None if the decision is gone."""
    decision = (
        ModerationDecision.objects.select_related("content_type")
        .filter(pk=row.context["decision"])
        .first()
    )
    if decision is None:
        return None
    listing = decision.listing
    model = decision.content_type.model_class()
    return {
        "decision": decision,
        "listing": listing,
        "listing_url": listing.get_absolute_url() if listing else "",
        # Translated as the email is rendered ({% translate kind %}): the names are marked
        # in MODERATED_KINDS.
        "kind": model._meta.verbose_name if model else "listing",
    }


def moderation_history(listing: Moderated):
    """Every decision on ``listing``, newest first."""
    return ModerationDecision.objects.filter(
        content_type=ContentType.objects.get_for_model(listing), object_id=listing.pk
    ).select_related("decided_by")
