"""A participative process: its phases (one active), its reference panel and its followers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Addresses the app's own pages use (``/have-your-say/surveys/``), so no process may take them.
RESERVED_SLUGS = {"settings", "stop", "surveys", "comments", "new"}


def not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(_("That address is used by the site; choose another."))


class ProcessQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Process(models.Model):
    """A process people take part in: "A strategy for the UK co-operative sector"."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True, validators=[not_reserved])
    summary = models.CharField(_("summary"), max_length=300)
    purpose = models.TextField(_("purpose"), max_length=10_000)
    run_by = models.CharField(_("who runs it"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    is_published = models.BooleanField(_("published"), default=False)
    # The congress and meetings, from the events app (shown with add-to-calendar links).
    events = models.ManyToManyField(
        "events.Event", blank=True, related_name="+", verbose_name=_("events")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("process")
        verbose_name_plural = _("processes")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:process-detail", kwargs={"slug": self.slug})


class Phase(models.Model):
    """One step of a process ("Listening", "Drafting", "Congress", "Publishing")."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="phases"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Set through ``services.phase_activate`` (it tells the followers), never by hand.
    is_active = models.BooleanField(_("active"), default=False, editable=False)

    class Meta:
        ordering = ["order", "starts_on", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(
                fields=["process"], condition=Q(is_active=True), name="one_active_phase"
            )
        ]

    def __str__(self):
        return f"{self.process}: {self.title}"


class PanelMember(models.Model):
    """A member of the strategic reference panel; one linked to an account may post updates
    and give official answers."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="panel"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("account"),
        help_text=_("Linked accounts may post updates and give official answers."),
    )
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name", "pk"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")

    def __str__(self):
        return f"{self.name} ({self.role})"


class Follow(models.Model):
    """A member following a process: they hear of its phase changes."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "user"], name="one_follow_per_member")
        ]

    def __str__(self):
        return f"{self.user} follows {self.process}"
