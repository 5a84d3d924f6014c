"""Campaigns: emails staff send to members of the matching service."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PREPARING = "preparing", _("Preparing the recipient list")
    SENDING = "sending", _("Sending")
    PAUSED = "paused", _("Paused")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


class Campaign(models.Model):
    """An email to every member who opted in: "Do you need help, or can you help?"."""

    subject = models.CharField(
        _("subject"), max_length=150, default="Do you need help, or can you help?"
    )
    message = models.TextField(
        _("message"),
        max_length=5000,
        help_text=_(
            "Plain text. Links to say you need help or can help, and to stop these "
            "emails, are added below it."
        ),
    )
    # Members who chose Welsh get these when they are filled in (docs/i18n.md); the links
    # and the footer around the message are translated either way.
    subject_cy = models.CharField(
        _("subject in Welsh"),
        max_length=150,
        blank=True,
        default="Oes angen help arnoch chi, neu allwch chi helpu?",
    )
    message_cy = models.TextField(
        _("message in Welsh"),
        max_length=5000,
        blank=True,
        help_text=_("Optional. Without it, members who chose Welsh get the English message."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    chunk_size = models.PositiveIntegerField(
        _("chunk size"), default=500, validators=[MinValueValidator(10), MaxValueValidator(5000)]
    )
    recipients_total = models.PositiveIntegerField(_("recipients total"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        _("heartbeat at"), null=True, blank=True, help_text=_("Last time a worker made progress.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.subject} ({self.created_at:%d %b %Y})"
