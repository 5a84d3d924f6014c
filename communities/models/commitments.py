"""A co-operative community's commitments, their progress and the yearly check-in."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .groups import Group

# Nobody counts a million of anything in a neighbourhood in a year: a typo, not a target.
MAX_TARGET = 1_000_000


class CommitmentArea(models.TextChoices):
    ACTION = "action", _("Co-operative action")
    ENTERPRISE = "enterprise", _("Co-operative enterprise")


class CommitmentStatus(models.TextChoices):
    ACTIVE = "active", _("Under way")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class CommitmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=CommitmentStatus.ACTIVE)

    def met(self):
        """Commitments whose progress has reached their target."""
        return self.filter(progress_total__gte=F("target"))

    def public(self):
        """Commitments of approved, registered co-operative communities."""
        return self.filter(
            group__moderation_status="approved", group__registered_at__isnull=False
        ).exclude(status=CommitmentStatus.DROPPED)


class Commitment(models.Model):
    """One SMART commitment: what, how many (target and unit), by when."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="commitments"
    )
    area = models.CharField(_("area"), max_length=12, choices=CommitmentArea.choices, db_index=True)
    what = models.CharField(
        _("what you will do"),
        max_length=200,
        help_text=_("Specific and doable, like “Hold street parties on our estate”."),
    )
    how = models.TextField(
        _("how you will do it"),
        blank=True,
        max_length=2000,
        help_text=_("Optional: who is involved, what you need."),
    )
    target = models.PositiveIntegerField(
        _("target"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TARGET)],
        help_text=_("The number you are aiming for, like 4."),
    )
    unit = models.CharField(
        _("counted in"),
        max_length=60,
        help_text=_("What the number counts, like “street parties” or “people taking part”."),
    )
    due_date = models.DateField(_("by when"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.ACTIVE,
        db_index=True,
    )
    # The sum of the progress updates, kept up to date by ``progress_post`` so that lists
    # can sort and filter on progress without adding up every update.
    progress_total = models.PositiveIntegerField(_("progress total"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["area", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__gte=1) & Q(target__lte=MAX_TARGET),
                name="commitment_target_positive",
            ),
        ]

    def __str__(self):
        return f"{self.what} ({self.target} {self.unit})"

    def get_absolute_url(self):
        return reverse(
            "communities:commitment-detail", kwargs={"slug": self.group.slug, "pk": self.pk}
        )

    @property
    def percent(self) -> int:
        """Progress towards the target, 0 to 100."""
        if not self.target:
            return 0
        return min(100, round(100 * self.progress_total / self.target))

    @property
    def is_met(self) -> bool:
        return self.progress_total >= self.target

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == CommitmentStatus.ACTIVE
            and not self.is_met
            and self.due_date < timezone.localdate()
        )

    def recount(self) -> None:
        """Recompute ``progress_total`` from the updates (after staff delete one)."""
        total = self.updates.aggregate(total=models.Sum("number"))["total"] or 0
        Commitment.objects.filter(pk=self.pk).update(progress_total=total)
        self.progress_total = total


class ProgressUpdate(models.Model):
    """A number done since the last update, and the story behind it."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="updates"
    )
    number = models.PositiveIntegerField(
        _("how many since your last update"),
        validators=[MaxValueValidator(MAX_TARGET)],
    )
    story = models.TextField(
        _("the story"),
        max_length=1000,
        help_text=_("A few sentences: what happened, who took part, what you learnt."),
    )
    # Set when the organiser confirmed a number larger than we expected.
    confirmed_large = models.BooleanField(_("confirmed large"), default=False, editable=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-posted_at", "-pk"]

    def __str__(self):
        return f"+{self.number} {self.commitment.unit}"


class CheckIn(models.Model):
    """The yearly check-in of one co-operative community: one row per community per year.

    This row's unique constraint, and the outbox's key per check-in and address, are what
    make each organiser's email go exactly once, however often the scheduled task runs or
    a worker restarts.
    """

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="checkins"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("1 for the first anniversary, and so on.")
    )
    due_at = models.DateTimeField(_("due at"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "year"], name="one_checkin_per_year"),
        ]
        verbose_name = _("yearly check-in")

    def __str__(self):
        return f"{self.group}: year {self.year} check-in"
