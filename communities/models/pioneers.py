"""Member Pioneers: members staff trust to help others in an area, and messages to them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from postcodes.geo import NearQuerySet, Point
from postcodes.models import Located


class PioneerQuerySet(NearQuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)

    def reaching(self, point: Point, km: float):
        """Active pioneers whose area comes within ``km`` of ``point``, nearest first."""
        from .groups import MAX_RADIUS_KM

        return (
            self.active()
            .within_box(point, km + MAX_RADIUS_KM)
            .with_distance(point)
            .filter(distance_km__lte=Value(float(km)) + Coalesce(F("radius_km"), Value(0.0)))
            .order_by("distance_km", "name")
        )


class Pioneer(Located):
    """A member that staff marked as a pioneer for an area.

    Their card shows a name, a photo and what they help with; never an address. People
    reach them through the site's relayed messages.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="pioneer",
    )
    name = models.CharField(_("name on the card"), max_length=60)
    area_name = models.CharField(
        _("area"),
        max_length=120,
        help_text=_("The area they help in, in words, like “North Cardiff”."),
    )
    radius_km = models.FloatField(
        _("radius (km)"), default=10, help_text=_("How far from the postcode they help.")
    )
    helps_with = models.CharField(
        _("what they help with"),
        max_length=300,
        help_text=_("Short and concrete, like “Starting an action group, street parties”."),
    )
    bio = models.TextField(_("bio"), blank=True, max_length=1000)
    photo = models.ImageField(_("photo"), upload_to="pioneers/", blank=True)
    is_active = models.BooleanField(_("is active"), default=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("appointed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    appointed_at = models.DateTimeField(_("appointed at"), default=timezone.now, editable=False)

    objects = PioneerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="pioneer_lat_lon")]

    def __str__(self):
        return f"{self.name} ({self.area_name})"

    def get_contact_url(self):
        return reverse("communities:pioneer-contact", kwargs={"pk": self.pk})

    @property
    def initials(self) -> str:
        return "".join(part[:1] for part in self.name.split()[:2]).upper() or "?"


class PioneerMessage(models.Model):
    """A message between a member and a pioneer, relayed by email.

    Neither side sees the other's address: the email links back to the site, where the
    recipient reads the conversation and replies (another relayed message).
    """

    pioneer = models.ForeignKey(
        Pioneer, verbose_name=_("pioneer"), on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The first message of the conversation (empty on the first message itself).
    thread = models.ForeignKey(
        "self",
        verbose_name=_("thread"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    body = models.TextField(_("body"), max_length=2000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Message to {self.pioneer.name} ({self.created_at:%d %b %Y})"

    def get_absolute_url(self):
        return reverse("communities:message-detail", kwargs={"pk": self.pk})

    def is_party(self, user) -> bool:
        return user.is_authenticated and user.pk in (self.sender_id, self.recipient_id)

    @property
    def thread_id_or_own(self) -> int:
        return self.thread_id or self.pk

    def other_party(self, user):
        return self.recipient if user.pk == self.sender_id else self.sender
