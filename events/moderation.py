"""What events puts in the staff's moderation queue (core.moderation_queue)."""

from core import moderation_queue

from .models import Event


def register() -> None:
    moderation_queue.register_listing("events.event", Event)
