from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    # ``manage.py load_demo`` calls this (see core/management/commands/load_demo.py).
    demo = "matching.demo.load"

    def ready(self):
        from . import emails, moderation
        from .services.campaigns import register_campaign_email

        emails.register()
        moderation.register()
        register_campaign_email()
