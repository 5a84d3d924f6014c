"""Reports members make about a match."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .matches import Match, Side


class MatchReport(models.Model):
    """A member reports a problem with a match; staff look into it."""

    class Reason(models.TextChoices):
        UNSAFE = "unsafe", _("I felt unsafe or uncomfortable")
        NO_SHOW = "no_show", _("They didn't turn up or reply")
        WRONG = "wrong", _("The match isn't right for me")
        MISUSE = "misuse", _("Someone misused my details")
        OTHER = "other", _("Something else")

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    side = models.CharField(_("side"), max_length=5, choices=Side.choices)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_note = models.TextField(_("staff note"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Report on match #{self.match_id}: {self.get_reason_display()}"
