"""Support schemes: organisations whose contacts a need can be passed on to."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from postcodes.models import District, LocalAuthority, Nation

from ..wording import join_words
from .categories import HelpKind, SkillTopic


class Coverage(models.TextChoices):
    UK = "uk", _("The whole UK")
    NATION = "nation", _("One nation")
    LOCAL_AUTHORITIES = "local_authorities", _("Local authorities")
    DISTRICTS = "districts", _("Postcode districts")


# Local schemes come before national ones: the lower the rank, the more local.
COVERAGE_RANK = {
    Coverage.DISTRICTS: 0,
    Coverage.LOCAL_AUTHORITIES: 1,
    Coverage.NATION: 2,
    Coverage.UK: 3,
}


class SupportSchemeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def by_locality(self):
        """Most local first (district, local authority, nation, whole UK), then by name."""
        rank = models.Case(
            *[models.When(coverage=c, then=models.Value(r)) for c, r in COVERAGE_RANK.items()],
            output_field=models.IntegerField(),
        )
        return self.annotate(locality=rank).order_by("locality", "name", "pk")

    def covering(self, location):
        """Active schemes covering a ``postcodes.services.Location`` (any kind)."""
        return self.active().filter(
            Q(coverage=Coverage.UK)
            | Q(coverage=Coverage.NATION, nation=location.nation)
            | Q(coverage=Coverage.LOCAL_AUTHORITIES, local_authorities=location.lad_code)
            | Q(coverage=Coverage.DISTRICTS, districts=location.outcode)
        )


class SupportScheme(models.Model):
    """A national or local scheme that helps people: its contacts are public."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One sentence: who it helps and how.")
    )
    kinds = models.ManyToManyField(
        HelpKind, verbose_name=_("kinds"), blank=True, related_name="schemes"
    )
    topics = models.ManyToManyField(
        SkillTopic, verbose_name=_("topics"), blank=True, related_name="schemes"
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=150, blank=True)
    coverage = models.CharField(
        _("coverage"), max_length=20, choices=Coverage.choices, default=Coverage.UK
    )
    nation = models.CharField(
        _("nation"),
        max_length=20,
        choices=Nation.choices,
        blank=True,
        help_text=_("For one-nation schemes."),
    )
    local_authorities = models.ManyToManyField(
        LocalAuthority,
        verbose_name=_("local authorities"),
        blank=True,
        related_name="support_schemes",
    )
    districts = models.ManyToManyField(
        District, blank=True, related_name="support_schemes", verbose_name=_("postcode districts")
    )
    is_active = models.BooleanField(_("shown and matched"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SupportSchemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("matching:scheme-detail", kwargs={"slug": self.slug})

    @property
    def rank(self) -> int:
        return COVERAGE_RANK[self.coverage]

    def coverage_phrase(self) -> str:
        """Where it works, in words: "the whole UK", "Scotland", "Manchester and Salford"."""
        if self.coverage == Coverage.UK:
            return "the whole UK"
        if self.coverage == Coverage.NATION:
            return self.nation
        if self.coverage == Coverage.LOCAL_AUTHORITIES:
            names = [la.name for la in self.local_authorities.all()]
        else:
            names = [d.outcode for d in self.districts.all()]
        return join_words(names, limit=4)
