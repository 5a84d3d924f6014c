"""What communities puts in the staff's moderation queue (core.moderation_queue)."""

from django.utils.translation import gettext_lazy as _

from core import moderation_queue
from core.models import ModerationStatus
from core.moderation import listing_moderate

from .models import ClaimStatus, Group, GroupClaim
from .services import CommunityError, claim_decide


def register() -> None:
    moderation_queue.register(
        "communities.group",
        model=Group,
        pending=lambda: Group.objects.pending().select_related("submitted_by"),
        approve=lambda group, by, note: listing_moderate(
            listing=group, decision=ModerationStatus.APPROVED, by=by, note=note
        ),
        reject=lambda group, by, note: listing_moderate(
            listing=group, decision=ModerationStatus.REJECTED, by=by, note=note
        ),
        submitter=lambda group: group.submitted_by,
    )
    moderation_queue.register(
        "communities.groupclaim",
        model=GroupClaim,
        pending=lambda: GroupClaim.objects.filter(status=ClaimStatus.PENDING).select_related(
            "group", "user"
        ),
        submitted_at="created_at",
        approve=lambda claim, by, note: claim_decide(claim=claim, confirm=True, by=by, note=note),
        reject=lambda claim, by, note: claim_decide(claim=claim, confirm=False, by=by, note=note),
        approve_label=_("Confirm the claim"),
        reject_label=_("Decline"),
        describe=lambda claim: f"{claim.group}: {claim.message[:120]}",
        submitter=lambda claim: claim.user,
        refusals=(CommunityError,),
    )
