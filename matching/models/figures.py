"""The admin's "Figures" page hangs off a proxy model."""

from django.utils.translation import gettext_lazy as _

from .requests import Need


class Figures(Need):
    """Not a table: the admin's "Figures" page hangs off this proxy."""

    class Meta:
        proxy = True
        verbose_name = _("figures")
        verbose_name_plural = _("figures")
