"""What a member hears about, and how: immediately or in a weekly digest, each kind
stoppable with one click."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    COMMENTS = "comments", _("Comments on your pieces")
    ANSWERS = "answers", _("Official answers to proposals you made or support")
    PHASES = "phases", _("New phases of processes you follow")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("As it happens")
    WEEKLY = "weekly", _("In one weekly digest")


class NoticeSettings(models.Model):
    """A member's choices; a member without a row hears of everything, as it happens."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="participation_settings",
    )
    delivery = models.CharField(
        _("how to tell you"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    comments = models.BooleanField(NoticeKind.COMMENTS.label, default=True)
    answers = models.BooleanField(NoticeKind.ANSWERS.label, default=True)
    phases = models.BooleanField(NoticeKind.PHASES.label, default=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user}: {self.delivery}"

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind))


class Notice(models.Model):
    """One thing to tell one member. Immediate ones are emailed at once (one outbox row
    keyed by the notice); weekly ones wait for the digest, which sets ``digested_at``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NoticeKind.choices)
    # What happened, once, so "a second answer to the same proposal" is one notice.
    key = models.CharField(_("key"), max_length=120)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    url = models.CharField(_("url"), max_length=300)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    for_digest = models.BooleanField(_("for digest"), default=False)
    digested_at = models.DateTimeField(_("digested at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_notice_per_event")]
        indexes = [models.Index(fields=["for_digest", "digested_at"])]

    def __str__(self):
        return self.subject
