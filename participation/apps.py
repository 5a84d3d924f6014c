from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Have your say")
    # ``manage.py load_demo`` calls this (see core/management/commands/load_demo.py).
    demo = "participation.demo.load"

    def ready(self):
        from . import emails, moderation

        emails.register()
        moderation.register()
