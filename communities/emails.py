"""The communities app's emails: their purposes in the outbox, and how each row is rendered.

Services ask for an email with ``core.outbox.services.enqueue``; the outbox sends it once.
Each builder below turns a row's stored ids into the template context at send time, or
returns ``None`` when the email went stale (the row is then skipped, nothing is sent).
Templates: ``communities/templates/communities/emails/<name>-{subject,body}.txt`` and
``-body.html``.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.outbox import registry

from .models import CheckIn, ClaimStatus, CommitmentStatus, GroupClaim, PioneerMessage

CHECKIN = "communities.checkin"
CLAIM_DECISION = "communities.claim-decision"
MESSAGE = "communities.message"


def checkin_key(*, checkin_id: int, email: str) -> str:
    # One email per check-in and organiser's address.
    return f"{checkin_id}:{email}"


def checkin_context(row) -> dict | None:
    """The yearly check-in: commitments to review and new ones to add."""
    checkin = CheckIn.objects.select_related("group").filter(pk=row.context["checkin"]).first()
    if checkin is None:
        return None
    group = checkin.group
    user = get_user_model().objects.filter(pk=row.context.get("user")).first()
    return {
        "name": user.public_name if user else "",
        "group": group,
        "checkin": checkin,
        "commitments": list(group.commitments.exclude(status=CommitmentStatus.DROPPED)),
        "group_url": group.get_absolute_url(),
        "review_url": reverse("communities:group-review", kwargs={"slug": group.slug}),
    }


def claim_decision_context(row) -> dict | None:
    """Whether staff confirmed a member's claim to organise a listed group."""
    claim = (
        GroupClaim.objects.select_related("group", "user")
        .filter(pk=row.context["claim"])
        .exclude(status=ClaimStatus.PENDING)
        .first()
    )
    if claim is None:
        return None
    return {
        "claim": claim,
        "name": claim.user.public_name,
        "group": claim.group,
        "group_url": claim.group.get_absolute_url(),
        "confirmed": claim.status == ClaimStatus.CONFIRMED,
    }


def message_context(row) -> dict | None:
    """A message to or from a Member Pioneer, relayed with nobody's address shown."""
    message = (
        PioneerMessage.objects.select_related("pioneer", "sender", "recipient")
        .filter(pk=row.context["message"])
        .first()
    )
    if message is None:
        return None
    to_pioneer = message.recipient_id == message.pioneer.user_id
    return {
        "message": message,
        "sender_name": message.sender.public_name if to_pioneer else message.pioneer.name,
        "to_pioneer": to_pioneer,
        "message_url": message.get_absolute_url(),
    }


def register() -> None:
    registry.register(
        CHECKIN,
        template="communities/emails/checkin",
        context=checkin_context,
        label=_("Yearly check-in (to each organiser)"),
    )
    registry.register(
        CLAIM_DECISION,
        template="communities/emails/claim-decision",
        context=claim_decision_context,
        label=_("Claim to organise a group decided (to the claimant)"),
    )
    registry.register(
        MESSAGE,
        template="communities/emails/message",
        context=message_context,
        label=_("Message to or from a Member Pioneer"),
    )
