"""Getting a group the way each kind of page may see it (404 for everyone else)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Group, Role


def visible_group_or_404(request, slug: str) -> Group:
    """Approved groups for everyone; others for their submitter, organisers and staff."""
    group = get_object_or_404(Group, slug=slug)
    user = request.user
    if group.is_visible_to(user) or group.is_organiser(user):
        return group
    raise Http404("No such group")


def organised_group_or_404(request, slug: str) -> Group:
    """A group that the logged-in user organises (staff may manage any group)."""
    group = get_object_or_404(Group, slug=slug)
    user = request.user
    if user.is_authenticated and (user.is_staff or group.role_of(user) == Role.ORGANISER):
        return group
    raise Http404("No such group")
