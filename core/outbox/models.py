"""The outbox: every email the site sends is one ``OutgoingEmail`` row.

A row is keyed by (purpose, key), unique, so asking twice for the same email queues it once.
Its status moves queued → sending → sent (or failed, or skipped when it went stale before
sending); see docs/outbox.md for what each state guarantees.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped (stale)")


class OutgoingEmail(models.Model):
    """One email to one address, sent at most once."""

    Status = OutgoingStatus

    purpose = models.CharField(
        max_length=80, help_text=_("What the email is for, e.g. events.rsvp-confirmed.")
    )
    key = models.CharField(
        max_length=200, help_text=_("Unique within the purpose: the same key is never sent twice.")
    )
    to = models.CharField("to", max_length=320)
    template = models.CharField(
        max_length=200, help_text=_("Template triple, e.g. events/emails/rsvp-confirmed.")
    )
    context = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=10, default="en")
    reply_to = models.CharField(max_length=320, blank=True)
    # Rows with a batch (a campaign) are sent in chunks by the batch sender, not one by one.
    batch = models.CharField(max_length=80, blank=True, default="")
    status = models.CharField(
        max_length=8, choices=OutgoingStatus.choices, default=OutgoingStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Not sent before this: the caller's send_after at first, then the retry backoff.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outgoing email")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "key"], name="outbox_once"),
        ]
        indexes = [
            # The sweep's query: single emails waiting or stuck, by when they are due.
            models.Index(
                fields=["status", "next_attempt_at"],
                condition=Q(status__in=["queued", "sending"], batch=""),
                name="outbox_due",
            ),
            # The batch sender's chunks and a campaign's progress counts.
            models.Index(
                fields=["batch", "status", "id"], condition=~Q(batch=""), name="outbox_batch"
            ),
            # The admin's filters and its newest-first list.
            models.Index(fields=["purpose", "status"], name="outbox_purpose"),
            models.Index(fields=["created_at"], name="outbox_created"),
        ]

    def __str__(self):
        return f"{self.purpose} to {self.to} ({self.get_status_display()})"

    @property
    def message_id(self) -> str:
        """Stable Message-ID: a copy sent again carries the same id, so mail systems can tell."""
        from django.conf import settings

        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">").strip()
        return f"<outbox-{self.pk}@{domain}>"
