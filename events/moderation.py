"""What events puts in the staff's moderation queue (core.moderation_queue)."""

from core import moderation_queue
from core.models import ModerationStatus
from core.moderation import listing_moderate

from .models import Event


def register() -> None:
    moderation_queue.register(
        "events.event",
        model=Event,
        pending=lambda: Event.objects.pending().select_related("submitted_by"),
        approve=lambda event, by, note: listing_moderate(
            listing=event, decision=ModerationStatus.APPROVED, by=by, note=note
        ),
        reject=lambda event, by, note: listing_moderate(
            listing=event, decision=ModerationStatus.REJECTED, by=by, note=note
        ),
        submitter=lambda event: event.submitted_by,
    )
