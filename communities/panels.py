"""Panels the communities app puts on other apps' pages (see core/panels.py)."""

from django.template.loader import render_to_string

from .selectors import groups_at_space

SPACE_GROUPS = 20


def space_groups_panel(*, request, space) -> str:
    """Slot "space-detail": groups that say they meet at the space (none shown while it
    awaits review)."""
    groups = groups_at_space(space_id=space.pk, limit=SPACE_GROUPS) if space.is_approved else []
    return render_to_string("communities/includes/space_panel.html", {"groups": groups}, request)
