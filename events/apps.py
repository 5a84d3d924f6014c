from django.apps import AppConfig
from django.db.models.signals import post_delete


def _event_deleted(sender, **kwargs):
    from core.page_cache import listings_changed

    listings_changed("events")


class EventsConfig(AppConfig):
    name = "events"

    def ready(self):
        # Deleting events (one, or many from the admin) changes what listings show.
        post_delete.connect(_event_deleted, sender="events.Event", dispatch_uid="events-deleted")
