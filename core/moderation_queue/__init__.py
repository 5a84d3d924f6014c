"""One moderation queue for staff: everything awaiting a decision, across apps.

Each app registers the kinds of thing it moderates in its ``AppConfig.ready()``::

    from core import moderation_queue

    moderation_queue.register(
        "spaces.space",
        model=Space,
        pending=lambda: Space.objects.pending().select_related("submitted_by"),
        approve=lambda item, by, note: space_moderate(space=item, decision="approved", by=by),
        reject=lambda item, by, note: space_moderate(
            space=item, decision="rejected", by=by, note=note
        ),
    )

Core's moderated listings (``core.models.Moderated``: pending, decided through
``core.moderation.listing_moderate``, sent by ``submitted_by``) take one line::

    moderation_queue.register_listing("events.event", Event)

The queue page (``/admin/moderation/``), the counts on the admin index and the daily digest
email read every registered kind; approving or rejecting from the queue calls the kind's own
functions, so the author's email goes exactly as from the kind's admin list. See
docs/moderation.md.
"""

from .registry import Kind, Refused, get, kinds, kinds_for, register, register_listing

__all__ = ["Kind", "Refused", "get", "kinds", "kinds_for", "register", "register_listing"]
