"""Panels the events app puts on other apps' pages (see core/panels.py)."""

from django.template.loader import render_to_string

from .selectors import events_at_space, events_of_group

SPACE_EVENTS = 10
GROUP_EVENTS = 10


def space_events_panel(*, request, space) -> str:
    """Slot "space-detail": upcoming events held at the space (none shown while it awaits
    review)."""
    events = events_at_space(space_id=space.pk, limit=SPACE_EVENTS) if space.is_approved else []
    return render_to_string("events/includes/space_panel.html", {"events": events}, request)


def group_events_panel(*, request, group) -> str:
    """Slot "group-detail": upcoming events the group organises."""
    events = events_of_group(group_id=group.pk, limit=GROUP_EVENTS)
    return render_to_string("events/includes/group_panel.html", {"events": events}, request)
