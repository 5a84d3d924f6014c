from django.apps import AppConfig
from django.db.models.signals import post_delete


def _event_deleted(sender, **kwargs):
    from core.page_cache import listings_changed

    listings_changed("events")


class EventsConfig(AppConfig):
    name = "events"
    # ``manage.py load_demo`` calls this (see core/management/commands/load_demo.py).
    demo = "events.demo.load"

    def ready(self):
        from core import panels

        from . import emails, moderation
        from .panels import group_events_panel, space_events_panel

        emails.register()
        moderation.register()
        panels.register("space-detail", space_events_panel, order=10)
        panels.register("group-detail", group_events_panel, order=10)
        # Deleting events (one, or many from the admin) changes what listings show.
        post_delete.connect(_event_deleted, sender="events.Event", dispatch_uid="events-deleted")
