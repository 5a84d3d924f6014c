from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "spaces"
    verbose_name = "Community spaces"

    def ready(self):
        from . import emails, signals

        signals.connect()
        emails.register()
