from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "spaces"
    verbose_name = _("Community spaces")
    # ``manage.py load_demo`` calls this (see core/management/commands/load_demo.py).
    demo = "spaces.demo.load"

    def ready(self):
        from . import emails, moderation, signals

        signals.connect()
        emails.register()
        moderation.register()
