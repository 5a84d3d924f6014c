from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Open data (OpenActive, Open Referral UK)"
    # ``manage.py load_demo`` calls this (see core/management/commands/load_demo.py).
    demo = "opendata.demo.load"

    def ready(self):
        from . import moderation, signals

        signals.connect()
        moderation.register()
