"""What opendata puts in the staff's moderation queue: harvested listings still to review
(withdrawn ones wait for nobody; an opportunity that became a site event waits as that
event, in events' own part of the queue)."""

from core import moderation_queue
from core.models import ModerationStatus
from core.moderation import listing_moderate

from .models import HarvestedListing


def register() -> None:
    moderation_queue.register(
        "opendata.harvestedlisting",
        model=HarvestedListing,
        pending=lambda: HarvestedListing.objects.pending().filter(
            withdrawn_at__isnull=True, event__isnull=True
        ),
        submitted_at="harvested_at",
        describe=lambda listing: f"{listing} ({listing.kind}, from {listing.source_url})",
        approve=lambda listing, by, note: listing_moderate(
            listing=listing, decision=ModerationStatus.APPROVED, by=by, note=note, notify=False
        ),
        reject=lambda listing, by, note: listing_moderate(
            listing=listing, decision=ModerationStatus.REJECTED, by=by, note=note, notify=False
        ),
    )
