from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_districts(sender, using="default", **kwargs):
    # The districts are reference data every page needs: make sure a migrated (or
    # flushed) database always has them.
    from .models import District
    from .services import districts_load

    if not District.objects.using(using).exists():
        districts_load()


class PostcodesConfig(AppConfig):
    name = "postcodes"
    verbose_name = _("UK postcodes")

    def ready(self):
        post_migrate.connect(_load_districts, sender=self, dispatch_uid="postcodes-load-districts")
