"""Glue every participation page shares: finding what the visitor may see."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Comment, Post, Process, Proposal


def process_or_404(request, slug: str) -> Process:
    """A published process (staff also see unpublished ones)."""
    qs = Process.objects.all() if request.user.is_staff else Process.objects.published()
    return get_object_or_404(qs, slug=slug)


def post_or_404(request, process: Process, pk: int) -> Post:
    """A post of ``process`` the visitor may see: published, or their own, or for staff."""
    post = get_object_or_404(
        Post.objects.select_related("submitted_by", "process"), process=process, pk=pk
    )
    if not post.is_visible_to(request.user):
        raise Http404("Not found")
    return post


def proposal_or_404(request, process: Process, pk: int) -> Proposal:
    qs = Proposal.objects.select_related("author", "process", "answer")
    if not request.user.is_staff:
        qs = qs.filter(is_hidden=False)
    return get_object_or_404(qs, process=process, pk=pk)


def comment_or_404(request, pk: int) -> Comment:
    """A comment on a post the visitor may see."""
    comment = get_object_or_404(
        Comment.objects.select_related("post__process", "post__submitted_by"), pk=pk
    )
    process = comment.post.process
    if not (process.is_published or request.user.is_staff):
        raise Http404("Not found")
    if not comment.post.is_visible_to(request.user):
        raise Http404("Not found")
    return comment
