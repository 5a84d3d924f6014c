from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "communities"
    # ``manage.py load_demo`` calls this (see core/management/commands/load_demo.py).
    demo = "communities.demo.load"

    def ready(self):
        from core import panels

        from . import emails, moderation
        from .panels import space_groups_panel

        emails.register()
        moderation.register()
        panels.register("space-detail", space_groups_panel, order=20)
