"""Shared building blocks: moderation of member-submitted listings.

Every listing that members submit (spaces, events, communities, schemes) inherits
``Moderated``; each decision staff take is also kept as a ``ModerationDecision`` row, the
listing's moderation history. The email to its submitter is an outbox row (purpose
``core.moderation-decision``, keyed by the decision's id).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .outbox.models import OutgoingEmail, OutgoingStatus  # noqa: F401 (the outbox's table)


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ModeratedQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(moderation_status=ModerationStatus.APPROVED)

    def pending(self):
        return self.filter(moderation_status=ModerationStatus.PENDING)

    def featured(self):
        return self.approved().filter(is_featured=True)


class Moderated(models.Model):
    """Fields and behaviour shared by every moderated listing."""

    moderation_status = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
        db_index=True,
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    review_note = models.TextField(_("reason"), blank=True, max_length=2000)

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_approved(self) -> bool:
        return self.moderation_status == ModerationStatus.APPROVED

    def is_visible_to(self, user) -> bool:
        """Approved listings are public; others only to their submitter and staff."""
        if self.is_approved:
            return True
        return bool(user.is_authenticated and (user.is_staff or user.pk == self.submitted_by_id))


class ModerationDecision(models.Model):
    """One staff decision on one listing (its email is in the outbox, keyed by this id)."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    listing = GenericForeignKey("content_type", "object_id")
    listing_name = models.CharField(_("listing name"), max_length=300)
    decision = models.CharField(_("decision"), max_length=10, choices=ModerationStatus.choices)
    featured = models.BooleanField(_("featured"), default=False)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    recipient_email = models.EmailField(_("recipient email"), blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.listing_name}"
