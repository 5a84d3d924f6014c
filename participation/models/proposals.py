"""Proposals for the strategy: members propose, others support (one each), and staff or
the panel give one official answer."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .processes import Process


class AnswerStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    CONSIDERING = "considering", _("Being considered")
    NOT_TAKEN = "not_taken", _("Not taken forward")


class ProposalQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False, process__is_published=True)

    def for_listing(self):
        """What a proposal card shows: author, answer and the number of supporters."""
        return self.select_related("author", "answer", "process").annotate(
            support_count=models.Count("supports")
        )


class Proposal(models.Model):
    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="proposals"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("your proposal"), max_length=5_000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_hidden = models.BooleanField(_("hidden by staff"), default=False)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "participation:proposal-detail", kwargs={"slug": self.process.slug, "pk": self.pk}
        )


class Support(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_member")
        ]

    def __str__(self):
        return f"{self.user} supports {self.proposal}"


class OfficialAnswer(models.Model):
    """The one official answer to a proposal (it may be revised; a new status notifies)."""

    proposal = models.OneToOneField(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="answer"
    )
    status = models.CharField(_("answer"), max_length=12, choices=AnswerStatus.choices)
    reason = models.TextField(_("reason"), max_length=5_000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"))

    class Meta:
        verbose_name = _("official answer")
        verbose_name_plural = _("official answers")

    def __str__(self):
        return f"{self.get_status_display()}: {self.proposal}"
