from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Moderation and site"

    def ready(self):
        from .signals import site_from_settings

        post_migrate.connect(
            site_from_settings, sender=self, dispatch_uid="core-site-from-settings"
        )
