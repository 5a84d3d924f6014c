from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data (OpenActive, Open Referral UK)")
    # ``manage.py load_demo`` calls this (see core/management/commands/load_demo.py).
    demo = "opendata.demo.load"

    def ready(self):
        from . import moderation, signals

        signals.connect()
        moderation.register()
