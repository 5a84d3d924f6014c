"""Replies to a date (going, waiting, not going) and the record of each email sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .events import Event
from .occurrences import Occurrence


class RsvpStatus(models.TextChoices):
    GOING = "going", "Going"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Not going"


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

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_rsvps"
    )
    status = models.CharField(max_length=10, choices=RsvpStatus.choices)
    share_email = models.BooleanField(
        "share my email address with the organiser",
        default=False,
        help_text="So they can tell you about changes themselves.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When they last said they were going: their place in the waiting-list queue.
    joined_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = RsvpQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "user"], name="rsvp_one_per_member")
        ]
        indexes = [
            models.Index(fields=["occurrence", "status", "joined_at"], name="rsvp_queue"),
        ]
        verbose_name = "RSVP"

    def __str__(self):
        return f"{self.user} · {self.occurrence} · {self.get_status_display()}"

    @property
    def is_going(self) -> bool:
        return self.status == RsvpStatus.GOING

    @property
    def is_waiting(self) -> bool:
        return self.status == RsvpStatus.WAITING


class NoticeKind(models.TextChoices):
    CONFIRMATION = "confirmation", "You're going"
    WAITING = "waiting", "On the waiting list"
    PROMOTED = "promoted", "A place came up"
    REMINDER = "reminder", "Reminder: tomorrow"
    CHANGED = "changed", "The event changed"
    CANCELLED = "cancelled", "The event is cancelled"


class EventNotice(models.Model):
    """One email to one person about one event: the record that makes it exactly once.

    The row is written in the same transaction as the change it tells of; the task that
    sends it locks the row and marks it sent in the transaction of the send, and the
    unique constraint stops a second row for the same news (a re-run of the reminder job,
    a retried request).
    """

    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notices")
    occurrence = models.ForeignKey(
        Occurrence, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_notices"
    )
    rsvp = models.ForeignKey(
        Rsvp, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    # What makes this news distinct: an RSVP and its time, a date, an event version.
    key = models.CharField(max_length=80, blank=True)
    details = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Set when the news went stale before the send (they cancelled before the reminder).
    skipped = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "event", "user", "key"], name="event_notice_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.event} · {self.user}"
