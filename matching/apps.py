from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"

    def ready(self):
        from . import emails
        from .services.campaigns import register_campaign_email

        emails.register()
        register_campaign_email()
