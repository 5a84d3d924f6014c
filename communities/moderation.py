"""What communities puts in the staff's moderation queue (core.moderation_queue)."""

from django.utils.translation import gettext_lazy as _

from core import moderation_queue

from .models import ClaimStatus, Group, GroupClaim
from .services import CommunityError, claim_decide


def register() -> None:
    moderation_queue.register_listing("communities.group", Group)
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
