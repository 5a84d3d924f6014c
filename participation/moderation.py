"""What participation puts in the staff's moderation queue (core.moderation_queue):
members' pieces for the blog, and comments members reported."""

from django.utils.translation import gettext_lazy as _

from core import moderation_queue

from .models import Comment, Post
from .services import comment_hide, comment_reports_dismiss


def register() -> None:
    moderation_queue.register_listing(
        "participation.post",
        Post,
        related=("submitted_by", "process"),
        approve_label=_("Publish"),
    )
    moderation_queue.register(
        "participation.comment",
        model=Comment,
        pending=lambda: Comment.objects.reported().select_related("author"),
        submitted_at="created_at",
        approve=lambda comment, by, note: comment_reports_dismiss(comment=comment),
        reject=lambda comment, by, note: comment_hide(comment=comment, by=by, reason=note),
        approve_label=_("Keep it"),
        reject_label=_("Hide it"),
        describe=lambda comment: str(_("Reported comment: %s")) % comment.body[:80],
        submitter=lambda comment: comment.author,
    )
