"""UK geography: nations, local authorities, postcode districts and (optionally) every postcode."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .geo import NearQuerySet


class Nation(models.TextChoices):
    ENGLAND = "England", _("England")
    SCOTLAND = "Scotland", _("Scotland")
    WALES = "Wales", _("Wales")
    NORTHERN_IRELAND = "Northern Ireland", _("Northern Ireland")

    @classmethod
    def from_gss(cls, code: str) -> "Nation":
        """The nation of a GSS area code (E…, S…, W…, N…)."""
        return {"E": cls.ENGLAND, "S": cls.SCOTLAND, "W": cls.WALES, "N": cls.NORTHERN_IRELAND}[
            code[:1]
        ]


class LocalAuthority(models.Model):
    code = models.CharField(_("code"), max_length=9, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("local authorities")

    def __str__(self):
        return self.name


class District(models.Model):
    """A postcode district (outward code) with the centroid of its live postcodes."""

    outcode = models.CharField(_("outcode"), max_length=4, primary_key=True)
    area = models.CharField(_("area"), max_length=2, db_index=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices, db_index=True)
    local_authority = models.ForeignKey(
        LocalAuthority,
        verbose_name=_("local authority"),
        on_delete=models.PROTECT,
        related_name="districts",
    )
    live_postcodes = models.PositiveIntegerField(_("live postcodes"), default=0)

    objects = NearQuerySet.as_manager()

    class Meta:
        ordering = ["outcode"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="district_lat_lon")]

    def __str__(self):
        return self.outcode


class Postcode(models.Model):
    """One live postcode, loaded by ``manage.py import_postcodes`` (optional, 1.79M rows)."""

    postcode = models.CharField(_("postcode"), max_length=8, primary_key=True)
    outcode = models.CharField(_("outcode"), max_length=4, db_index=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    lad_code = models.CharField(_("lad code"), max_length=9, blank=True)
    small_area_code = models.CharField(_("small area code"), max_length=9, blank=True)
    positional_quality = models.PositiveSmallIntegerField(
        _("positional quality"), null=True, blank=True
    )

    class Meta:
        ordering = ["postcode"]

    def __str__(self):
        return self.postcode


class Located(models.Model):
    """Abstract: a row with a place, located through its postcode.

    Subclasses use ``NearQuerySet`` (postcodes.geo) for "near me" queries; the
    (latitude, longitude) index makes the bounding-box prefilter cheap.
    """

    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    # No index of its own: each subclass declares a (latitude, longitude) index, whose
    # leading column serves every latitude range; a second index would only slow writes.
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    outcode = models.CharField(_("outcode"), max_length=4, blank=True, db_index=True)
    lad_code = models.CharField(_("local authority code"), max_length=9, blank=True, db_index=True)
    nation = models.CharField(
        _("nation"), max_length=20, choices=Nation.choices, blank=True, db_index=True
    )

    class Meta:
        abstract = True

    def set_location(self, location) -> None:
        """Copy a ``postcodes.services.Location`` onto this row's place fields."""
        self.postcode = location.postcode
        self.latitude = location.point.lat
        self.longitude = location.point.lon
        self.outcode = location.outcode
        self.lad_code = location.lad_code
        self.nation = location.nation

    @property
    def point(self):
        from .geo import Point

        if self.latitude is None or self.longitude is None:
            return None
        return Point(self.latitude, self.longitude)
