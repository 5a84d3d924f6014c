from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"

    def ready(self):
        from .services.campaigns import register_campaign_email

        register_campaign_email()
