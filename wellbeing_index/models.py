"""The wellbeing index: areas, the 3 pillars and 9 domains, indicators, values and scores.

Raw data (``Indicator`` and ``IndicatorValue``) is imported by ``manage.py import_indicators``;
scores (``AreaScore`` and ``Benchmark``) are derived from it by ``manage.py compute_index``
in one pass and never edited by hand. Everything that changes from year to year hangs off an
``Edition`` (the data year), so a new year's figures sit beside the old ones.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from postcodes.models import Nation

from .welsh_indicators import InTheReadersLanguage


class Level(models.TextChoices):
    """Geographic levels an indicator can be measured at. Scores rank areas within a level."""

    LOCAL_AUTHORITY = "local_authority", _("council area")
    NEIGHBOURHOOD = "neighbourhood", _("neighbourhood")
    WARD = "ward", _("ward")
    REGION = "region", _("region")


# A level's name for many areas ("UK average for council areas"), a whole word in Welsh too.
LEVEL_PLURALS = {
    Level.LOCAL_AUTHORITY: _("council areas"),
    Level.NEIGHBOURHOOD: _("neighbourhoods"),
    Level.WARD: _("wards"),
    Level.REGION: _("regions"),
}

AREA_URL_NAMES = {
    Level.LOCAL_AUTHORITY: "wellbeing_index:council-detail",
    Level.NEIGHBOURHOOD: "wellbeing_index:neighbourhood-detail",
}


class AreaQuerySet(models.QuerySet):
    def councils(self):
        return self.filter(level=Level.LOCAL_AUTHORITY)

    def neighbourhoods(self):
        return self.filter(level=Level.NEIGHBOURHOOD)


class PopulationBasis(models.TextChoices):
    """Where a neighbourhood's number of residents comes from."""

    ONS_MID2020 = "ons_mid2020", _("ONS mid-2020 small-area population estimate")
    NRS_MID2020 = "nrs_mid2020", _("NRS mid-2020 small-area population estimate")
    PROXY_POSTCODES = (
        "proxy_postcodes",
        _("estimate: Northern Ireland's mid-2020 population spread by the number of postcodes"),
    )


class Area(models.Model):
    """A place the index scores: a council area, a neighbourhood (small area), any level."""

    code = models.CharField(_("code"), max_length=12, help_text=_("GSS code, e.g. E08000003."))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    name = models.CharField(_("name"), max_length=200)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        help_text=_("Centre (mean position of its postcodes), WGS84."),
    )
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("Residents (neighbourhoods; see population basis)."),
    )
    population_basis = models.CharField(
        _("population basis"),
        max_length=20,
        choices=PopulationBasis.choices,
        blank=True,
        default="",
    )
    deprivation_decile = models.PositiveSmallIntegerField(
        _("deprivation decile"),
        null=True,
        blank=True,
        help_text=_("Its nation's index of multiple deprivation decile (1 = most deprived 10%)."),
    )
    left_behind = models.BooleanField(
        _("left behind"),
        default=False,
        help_text=(
            "In its nation's most deprived 10% and in the lowest fifth for social "
            "infrastructure (set nightly from this site's listings)."
        ),
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["level", "name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="wellbeing_area_level_code")
        ]
        indexes = [models.Index(fields=["code"], name="wellbeing_area_code")]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        name = AREA_URL_NAMES.get(self.level)
        return reverse(name, kwargs={"code": self.code}) if name else ""


class Pillar(models.Model):
    """People, Place, Relationships: each the mean of its three domains."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name


class Domain(models.Model):
    """One of the nine areas of life, scored as the mean of its indicators."""

    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.PROTECT, related_name="domains"
    )
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What this domain is about.")
    )
    help_tags = models.CharField(
        _("help tags"),
        max_length=500,
        blank=True,
        help_text=(
            _(
                "Tags (comma-separated) of spaces, events and groups that help with this domain; "
                "shown under “What's near you that helps” when the domain is one of an area's "
                "weakest."
            )
        ),
    )

    class Meta:
        ordering = ["pillar__order", "order"]

    def __str__(self):
        return self.name

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.help_tags.split(",") if t.strip()]


class EditionQuerySet(models.QuerySet):
    def computed(self):
        return self.filter(computed_at__isnull=False, is_published=True)


class Edition(models.Model):
    """A data year of the index. Scores are computed per edition and kept side by side."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=120, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_published = models.BooleanField(
        _("is published"),
        default=True,
        help_text=_("Unpublished editions are computed but not shown on the site."),
    )
    source_digest = models.CharField(
        _("source digest"),
        max_length=64,
        blank=True,
        help_text=_("Checksum of the default data set last loaded."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return self.title or f"{self.year} edition"


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class Ranking(models.TextChoices):
    UK = "uk", _("across the UK")
    NATION = "nation", _("within each nation")


class Indicator(InTheReadersLanguage, models.Model):
    """A measure, its meaning and its provenance. ``domain`` empty: shown beside the index."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("domain"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text=_("Empty: shown beside the domains (personal wellbeing) but not scored in them."),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    unit = models.CharField(_("unit"), max_length=80)
    direction = models.CharField(_("direction"), max_length=6, choices=Direction.choices)
    ranking = models.CharField(
        _("ranking"),
        max_length=6,
        choices=Ranking.choices,
        default=Ranking.UK,
        help_text=_("Within each nation for measures each nation takes on its own scale."),
    )
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source url"), max_length=300, blank=True)
    licence = models.CharField(_("licence"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the data describes."))
    period = models.CharField(
        _("period"), max_length=60, blank=True, help_text=_("e.g. April 2020 to March 2021")
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    loaded_at = models.DateTimeField(
        _("loaded at"), null=True, blank=True, help_text=_("When its values were last imported.")
    )

    class Meta:
        ordering = ["edition", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="wellbeing_indicator_code")
        ]

    def __str__(self):
        return self.name


class IndicatorValue(models.Model):
    """A raw value of one indicator for one area (long format, as imported)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="indicator_values"
    )
    value = models.FloatField(_("value"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area"], name="wellbeing_value_unique")
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.area_id} = {self.value}"


class AreaScore(models.Model):
    """Every score of one area in one edition, computed once by ``compute_index``.

    ``scores`` holds ``{"o": overall, "p": {pillar: score}, "d": {domain: score},
    "i": {indicator code: [raw value, score]}}``; a missing key means "no data".
    """

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="area_scores"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="scores"
    )
    overall = models.FloatField(_("overall"), null=True, blank=True)
    scores = models.JSONField(_("scores"), default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "area"], name="wellbeing_areascore_unique")
        ]
        indexes = [models.Index(fields=["edition", "overall"], name="wellbeing_score_overall")]

    def __str__(self):
        return f"{self.area} {self.edition.year if self.edition_id else ''}"


class Benchmark(models.Model):
    """Average scores of all areas of one level, UK-wide (``nation`` empty) or in one nation.

    ``averages`` has the shape of ``AreaScore.scores`` (indicators: ``[raw mean, score mean]``;
    a raw mean is left out where the nations' scales differ).
    """

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="benchmarks"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices, blank=True)
    area_count = models.PositiveIntegerField(_("area count"), default=0)
    averages = models.JSONField(_("averages"), default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "level", "nation"], name="wellbeing_benchmark_unique"
            )
        ]

    def __str__(self):
        return f"{self.edition_id} {self.level} {self.nation or 'UK'}"
