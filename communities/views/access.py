"""Getting a group the way each kind of page may see it (404 for everyone else)."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.ownership import owned_or_404

from ..models import Group, PioneerMessage, Role


def visible_group_or_404(request, slug: str) -> Group:
    """Approved groups for everyone; others for their submitter, organisers and staff."""
    group = get_object_or_404(Group, slug=slug)
    user = request.user
    if group.is_visible_to(user) or group.is_organiser(user):
        return group
    raise Http404("No such group")


def group_for_owner_or_404(request, slug: str) -> Group:
    """A group that the logged-in user organises (staff may manage any group), else 404."""
    return owned_or_404(
        request,
        Group.objects.all(),
        owner=lambda user: Q(memberships__user=user, memberships__role=Role.ORGANISER),
        staff=True,
        slug=slug,
    )


def message_for_owner_or_404(request, pk: int) -> PioneerMessage:
    """A message to or from a pioneer, for its two people only (not even staff), else 404."""
    return owned_or_404(
        request,
        PioneerMessage.objects.select_related("pioneer"),
        owner=("sender", "recipient"),
        pk=pk,
    )
