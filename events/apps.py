from django.apps import AppConfig
from django.db.models.signals import post_delete


def _event_deleted(sender, **kwargs):
    from .listing_cache import listing_changed

    listing_changed()


class EventsConfig(AppConfig):
    name = "events"

    def ready(self):
        from . import emails

        emails.register()
        # Deleting events (one, or many from the admin) changes what listings show.
        post_delete.connect(_event_deleted, sender="events.Event", dispatch_uid="events-deleted")
