"""The process blog: posting updates, submitting pieces, and the comment threads."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import ModerationStatus

from ..models import Comment, CommentReport, NoticeKind, Post, PostKind, Process
from .notifications import notify


class ParticipationError(Exception):
    """A member action that cannot be done, in words the member can read."""


def post_create(*, process: Process, by, title: str, body: str, lead: bool) -> Post:
    """A blog post by ``by``. Leads (staff, the panel) publish an update at once; a
    member's piece waits for a moderator (in the shared moderation, which emails them)."""
    return Post.objects.create(
        process=process,
        kind=PostKind.UPDATE if lead else PostKind.PIECE,
        title=title,
        body=body,
        submitted_by=by,
        moderation_status=ModerationStatus.APPROVED if lead else ModerationStatus.PENDING,
        reviewed_by=by if lead else None,
        reviewed_at=timezone.now() if lead else None,
    )


def comment_add(*, post: Post, author, body: str, parent: Comment | None = None) -> Comment:
    """A comment on a published post, or a reply to one of its comments.

    A reply to a reply joins its thread (threads are two levels deep). The post's author
    hears of it (``comments`` notices), unless they wrote the comment.
    """
    if not post.is_approved:
        raise ParticipationError(_("Comments open once this piece is published."))
    if parent is not None:
        if parent.post_id != post.pk:
            raise ParticipationError(_("That comment is not on this piece."))
        if parent.is_hidden:
            raise ParticipationError(_("That comment was hidden, so it takes no replies."))
        parent = parent.parent or parent
    with transaction.atomic():
        comment = Comment.objects.create(post=post, author=author, body=body, parent=parent)
        if post.submitted_by_id and post.submitted_by_id != author.pk:
            notify(
                users=[post.submitted_by_id],
                kind=NoticeKind.COMMENTS,
                key=f"comment:{comment.pk}",
                subject=(
                    gettext_lazy("%(name)s commented on “%(title)s”"),
                    {"name": author.public_name, "title": post.title},
                ),
                text=body[:1000],
                url=comment.get_absolute_url(),
            )
    return comment


def comment_edit(*, comment: Comment, by, body: str) -> Comment:
    """The author's edit, within the edit window."""
    if not comment.editable_by(by):
        raise ParticipationError(
            _("Comments can be changed for 15 minutes after they are written.")
        )
    comment.body = body
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    return comment


def comment_report(*, comment: Comment, by, reason: str) -> bool:
    """A member's report (one each); it puts the comment in the staff's moderation list.
    Returns False when they had reported it already."""
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, user=by, reason=reason)
    except IntegrityError:
        return False
    return True


def comment_hide(*, comment: Comment, by, reason: str) -> Comment:
    """Staff hide a comment, saying why (the reason is shown in its place); its open
    reports are resolved."""
    now = timezone.now()
    with transaction.atomic():
        comment.hidden_at = now
        comment.hidden_by = by
        comment.hidden_reason = reason
        comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=now)
    return comment


def comment_reports_dismiss(*, comment: Comment) -> int:
    """Staff looked and the comment stays: its open reports are resolved."""
    return comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())


def comment_thread(*, post: Post) -> list[Comment]:
    """The post's top-level comments, each with ``thread_replies`` (two queries)."""
    comments = list(post.comments.select_related("author").order_by("created_at", "pk"))
    by_parent: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id:
            by_parent.setdefault(comment.parent_id, []).append(comment)
    tops = [c for c in comments if c.parent_id is None]
    for top in tops:
        top.thread_replies = by_parent.get(top.pk, [])
    return tops
