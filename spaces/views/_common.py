"""Helpers shared by the spaces views."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Space

RATE_LIMITED = "You have sent a lot of these in the last hour. Please try again later."


def visible_space(request, slug, queryset=None) -> Space:
    """The space, if this person may see it (public, or theirs, or they are staff); else 404."""
    space = get_object_or_404(queryset if queryset is not None else Space.objects, slug=slug)
    if not space.is_visible_to(request.user):
        raise Http404("No such space")
    return space
