"""Categories a request is filed under: kinds of help and skill topics; availability."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    needs_proximity = models.BooleanField(
        _("people must be near each other"),
        help_text=_(
            "Tick when the helper has to go somewhere (shopping); leave unticked when it "
            "can happen by phone or online (a friendly chat)."
        ),
    )
    is_active = models.BooleanField(_("offered on the forms"), default=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=100, help_text=_("Lower comes first.")
    )

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def phrase(self) -> str:
        """The name as it reads inside a sentence ("offers collecting medication")."""
        return self.name[:1].lower() + self.name[1:]


class CategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class HelpKind(Category):
    """A kind of practical help: collecting shopping, collecting medication, a phone chat."""

    needs_proximity = models.BooleanField(
        _("people must be near each other"),
        default=True,
        help_text=Category._meta.get_field("needs_proximity").help_text,
    )

    objects = CategoryQuerySet.as_manager()

    class Meta(Category.Meta):
        verbose_name = _("help kind")

    @property
    def key(self) -> str:
        return f"k{self.pk}"


class SkillTopic(Category):
    """Something members want to learn or can teach: mental wellbeing, cooking, getting online."""

    needs_proximity = models.BooleanField(
        _("people must be near each other"),
        default=False,
        help_text=Category._meta.get_field("needs_proximity").help_text,
    )

    objects = CategoryQuerySet.as_manager()

    class Meta(Category.Meta):
        verbose_name = _("skill topic")

    @property
    def key(self) -> str:
        return f"t{self.pk}"


class Availability(models.IntegerChoices):
    WEEKDAY_MORNINGS = 1, _("weekday mornings")
    WEEKDAY_AFTERNOONS = 2, _("weekday afternoons")
    WEEKDAY_EVENINGS = 4, _("weekday evenings")
    WEEKENDS = 8, _("weekends")
