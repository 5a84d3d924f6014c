"""Needs and offers: one member's request for or offer of help, located by postcode."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from postcodes.geo import NearQuerySet
from postcodes.models import Located

from ..wording import ANY_TIME, availability_phrase
from .categories import HelpKind, SkillTopic

MAX_TRAVEL_KM = 50
NOTE_MAX_LENGTH = 1000


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PAUSED = "paused", _("Paused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class HelpRequestQuerySet(NearQuerySet):
    def open(self):
        return self.filter(status=RequestStatus.OPEN)

    def of(self, user):
        return self.filter(person=user)

    def current(self):
        """What a member still sees as theirs: open or paused."""
        return self.exclude(status=RequestStatus.WITHDRAWN)


class HelpRequest(Located):
    """Fields shared by needs and offers."""

    availability = models.PositiveSmallIntegerField(
        _("availability"),
        default=ANY_TIME,
        validators=[MinValueValidator(1), MaxValueValidator(ANY_TIME)],
    )
    note = models.TextField(_("note"), blank=True, max_length=NOTE_MAX_LENGTH)
    contact_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    consent_given_at = models.DateTimeField(
        _("consent given at"),
        null=True,
        help_text=_(
            "When the member agreed to share their contact details with a matched person or scheme."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RequestStatus.choices,
        default=RequestStatus.OPEN,
        db_index=True,
    )
    # The hidden token of the form that created it: a double-submitted form creates one row.
    submission_token = models.UUIDField(
        _("submission token"), null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    last_matched_at = models.DateTimeField(_("last matched at"), null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN

    @property
    def has_consent(self) -> bool:
        return self.consent_given_at is not None

    @property
    def availability_phrase(self) -> str:
        return availability_phrase(self.availability)

    def category_names(self) -> list[str]:
        return [k.name for k in self.kinds.all()] + [t.name for t in self.topics.all()]


class Need(HelpRequest):
    """A member needs help (practical help, or to learn something)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="help_needs",
    )
    kinds = models.ManyToManyField(
        HelpKind, verbose_name=_("kinds"), blank=True, related_name="needs"
    )
    topics = models.ManyToManyField(
        SkillTopic, blank=True, related_name="learners", verbose_name=_("topics to learn")
    )
    max_distance_km = models.PositiveSmallIntegerField(
        _("how far away a helper may live (km)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TRAVEL_KM)],
    )
    needs_attention = models.BooleanField(
        _("needs attention"),
        default=False,
        db_index=True,
        help_text=_("Nothing suitable was found: staff should look."),
    )
    attention_since = models.DateTimeField(_("attention since"), null=True, blank=True)

    class Meta(HelpRequest.Meta):
        indexes = [models.Index(fields=["latitude", "longitude"], name="need_lat_lon")]

    def __str__(self):
        return f"Need #{self.pk} ({self.postcode})"

    def get_absolute_url(self):
        return reverse("matching:need-detail", kwargs={"pk": self.pk})

    @property
    def role(self) -> str:
        return "need"


class Offer(HelpRequest):
    """A member can help (practical help, or teaching something)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="help_offers",
    )
    kinds = models.ManyToManyField(
        HelpKind, verbose_name=_("kinds"), blank=True, related_name="offers"
    )
    topics = models.ManyToManyField(
        SkillTopic, blank=True, related_name="teachers", verbose_name=_("topics to teach")
    )
    travel_km = models.PositiveSmallIntegerField(
        _("how far you can travel (km)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TRAVEL_KM)],
    )

    class Meta(HelpRequest.Meta):
        indexes = [models.Index(fields=["latitude", "longitude"], name="offer_lat_lon")]

    def __str__(self):
        return f"Offer #{self.pk} ({self.postcode})"

    def get_absolute_url(self):
        return reverse("matching:offer-detail", kwargs={"pk": self.pk})

    @property
    def role(self) -> str:
        return "offer"
