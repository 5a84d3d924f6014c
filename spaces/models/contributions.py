"""What members send about a space: proposed edits and photos."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Moderated

from .space import Space


class SpaceEdit(Moderated):
    """A member's proposed edit to a space; applied when staff approve it."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="edits"
    )
    # Field name -> proposed value, JSON-ready (see spaces.services.submissions).
    changes = models.JSONField(_("changes"), default=dict)
    reason = models.TextField(_("why"), blank=True, max_length=1000)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("proposed edit")

    def __str__(self):
        return f"Edit to {self.space.name}"

    def get_absolute_url(self):
        return self.space.get_absolute_url()


def photo_path(instance, filename):
    return f"spaces/{timezone.now():%Y/%m}/{filename}"


class SpacePhoto(Moderated):
    """A photo of a space, re-encoded without its metadata; public once approved."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("image"), upload_to=photo_path, width_field="width", height_field="height"
    )
    thumbnail = models.ImageField(_("thumbnail"), upload_to=photo_path)
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    alt_text = models.CharField(
        _("describe the photo"),
        max_length=200,
        help_text=_("For people who can't see it, like “The main hall set out for a meeting”."),
    )

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("photo of a space")
        verbose_name_plural = _("photos of spaces")

    def __str__(self):
        return f"Photo of {self.space.name}"

    def get_absolute_url(self):
        return self.space.get_absolute_url()
