"""Replies to a date (going, waiting, not going) and the record of each email sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .occurrences import Occurrence


class RsvpStatus(models.TextChoices):
    GOING = "going", _("Going")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Not going")


class RsvpQuerySet(models.QuerySet):
    def going(self):
        return self.filter(status=RsvpStatus.GOING)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=RsvpStatus.WAITING).order_by("joined_at", "pk")

    def active(self):
        return self.filter(status__in=[RsvpStatus.GOING, RsvpStatus.WAITING])


class Rsvp(models.Model):
    """A member's answer for one date: going, waiting for a place, or no longer going."""

    occurrence = models.ForeignKey(
        Occurrence, verbose_name=_("occurrence"), on_delete=models.CASCADE, related_name="rsvps"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="event_rsvps",
    )
    status = models.CharField(_("status"), max_length=10, choices=RsvpStatus.choices)
    share_email = models.BooleanField(
        _("share my email address with the organiser"),
        default=False,
        help_text=_("So they can tell you about changes themselves."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # When they last said they were going: their place in the waiting-list queue.
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = RsvpQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "user"], name="rsvp_one_per_member")
        ]
        indexes = [
            models.Index(fields=["occurrence", "status", "joined_at"], name="rsvp_queue"),
        ]
        verbose_name = _("RSVP")

    def __str__(self):
        return f"{self.user} · {self.occurrence} · {self.get_status_display()}"

    @property
    def is_going(self) -> bool:
        return self.status == RsvpStatus.GOING

    @property
    def is_waiting(self) -> bool:
        return self.status == RsvpStatus.WAITING
