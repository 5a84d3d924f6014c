"""Saving spaces: the status history, threat reports, pledges and the pledgers' emails."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .space import Space, Status, TransferStage


class StatusChangeQuerySet(models.QuerySet):
    def record(
        self, *, space, status, previous_status, transfer_stage, note, changed_by, changed_at
    ):
        """Save one step of ``space``'s story, with its threat when the step is a threat."""
        threatened = status == Status.THREATENED
        return self.create(
            space=space,
            status=status,
            previous_status=previous_status,
            transfer_stage=transfer_stage,
            threat_summary=space.threat_summary if threatened else "",
            threat_deadline=space.threat_deadline if threatened else None,
            note=note,
            changed_by=changed_by,
            changed_at=changed_at,
        )


class StatusChange(models.Model):
    """One step in a space's story: opened, threatened, in transfer, saved or closed."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    previous_status = models.CharField(
        _("previous status"), max_length=12, choices=Status.choices, blank=True
    )
    transfer_stage = models.CharField(
        _("transfer stage"), max_length=20, choices=TransferStage.choices, blank=True
    )
    threat_summary = models.TextField(_("threat summary"), blank=True)
    threat_deadline = models.DateField(_("threat deadline"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        get_latest_by = "changed_at"

    def __str__(self):
        return f"{self.space_id}: {self.get_status_display()} on {self.changed_at:%d %b %Y}"

    def headline(self) -> str:
        if self.status == Status.TRANSFER and self.transfer_stage:
            return f"{self.get_status_display()}: {self.get_transfer_stage_display()}"
        return self.get_status_display()


class ThreatState(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Not confirmed")


class ThreatReport(models.Model):
    """A member's report that a space is under threat; staff confirm or dismiss it."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="threat_reports"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    what = models.TextField(_("what threatens it"), max_length=2000)
    evidence = models.TextField(_("evidence"), blank=True, max_length=4000)
    evidence_url = models.URLField(_("link to evidence"), blank=True, max_length=500)
    deadline = models.DateField(_("by when"), null=True, blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=ThreatState.choices,
        default=ThreatState.PENDING,
        db_index=True,
    )
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
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Threat to {self.space}"


class Pledge(models.Model):
    """A member's promise to help save a space: time, skills, money and/or a voice."""

    GIFTS = [
        ("time", "Time", "volunteer hours"),
        ("skills", "Skills", "legal, finance, building, campaigning…"),
        ("money", "Money", "a donation or a community share"),
        ("voice", "A voice", "sign, write to councillors, turn up to meetings"),
    ]

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="pledges"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    time = models.BooleanField(_("time"), default=False)
    skills = models.BooleanField(_("skills"), default=False)
    money = models.BooleanField(_("money"), default=False)
    voice = models.BooleanField(_("voice"), default=False)
    message = models.CharField(
        _("anything to add"), max_length=500, blank=True, help_text=_("For example, what skills.")
    )
    show_name = models.BooleanField(
        _("show my name as a supporter"),
        default=False,
        help_text=_("Only your display name is shown."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="pledge_once_per_space"),
            models.CheckConstraint(
                condition=Q(time=True) | Q(skills=True) | Q(money=True) | Q(voice=True),
                name="pledge_gives_something",
            ),
        ]

    def __str__(self):
        return f"Pledge to {self.space_id} by {self.user_id}"

    @property
    def gifts(self) -> list[str]:
        return [label for field, label, _help in self.GIFTS if getattr(self, field)]
