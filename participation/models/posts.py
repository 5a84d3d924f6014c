"""The process blog: updates from staff and the panel, pieces members submit (moderated),
and threaded comments (two levels) that can be reported and hidden by staff."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Moderated, ModeratedQuerySet

from .processes import Process

# How long an author may edit a comment after writing it.
COMMENT_EDIT_WINDOW = timedelta(minutes=15)
BODY_MAX = 20_000
COMMENT_MAX = 5_000


class PostKind(models.TextChoices):
    UPDATE = "update", _("Update from the panel")
    PIECE = "piece", _("Piece by a member")


class PostQuerySet(ModeratedQuerySet):
    def published(self):
        return self.approved().filter(process__is_published=True)

    def for_listing(self):
        """What a blog card shows: the author's name and the number of visible comments."""
        return self.select_related("submitted_by", "process").annotate(
            comment_count=models.Count(
                "comments", filter=models.Q(comments__hidden_at__isnull=True)
            )
        )


class Post(Moderated):
    """One blog post of a process. Updates (staff, panel) are published at once; members'
    pieces wait for a moderator (core's moderation fields and decision email)."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="posts"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PostKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=BODY_MAX)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "participation:post-detail", kwargs={"slug": self.process.slug, "pk": self.pk}
        )

    @property
    def author_name(self) -> str:
        return self.submitted_by.public_name if self.submitted_by else str(_("coopcentre staff"))


class CommentQuerySet(models.QuerySet):
    def reported(self):
        """Comments with a report staff have not dealt with yet."""
        return self.filter(reports__resolved_at__isnull=True, hidden_at__isnull=True).distinct()


class Comment(models.Model):
    """A comment on a post, or a reply to one (replies are never nested deeper)."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return f"{self.post.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def editable_by(self, user, *, now=None) -> bool:
        now = now or timezone.now()
        return (
            user.is_authenticated
            and user.pk == self.author_id
            and not self.is_hidden
            and now - self.created_at <= COMMENT_EDIT_WINDOW
        )


class CommentReport(models.Model):
    """A member telling staff a comment breaks the rules (one report per member)."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("what is wrong"), max_length=500)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_report_per_member")
        ]

    def __str__(self):
        return self.reason[:60]
