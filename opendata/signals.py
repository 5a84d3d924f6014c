"""What changes the OpenActive feeds: connected in ``OpendataConfig.ready`` by model label,
so this app imports no other app's models."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .services import stamps


def _event_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        stamps.events_changed([instance.pk])


def _event_deleted(sender, instance, **kwargs):
    stamps.events_changed([instance.pk])


def _occurrence_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        stamps.events_changed([], occurrence_ids=[instance.pk])


def _occurrence_deleted(sender, instance, **kwargs):
    stamps.events_changed([], occurrence_ids=[instance.pk])


def _tags_changed(sender, instance, action, **kwargs):
    # taggit sends m2m_changed from its own manager; only events' interests matter here.
    if action.startswith("post_") and instance._meta.label == "events.Event":
        stamps.events_changed([instance.pk])


def _mapping_changed(sender, instance, **kwargs):
    stamps.tags_remapped([instance.tag])


def connect() -> None:
    from taggit.models import TaggedItem

    uid = "opendata-feeds-"
    post_save.connect(_event_saved, sender="events.Event", dispatch_uid=uid + "event-save")
    post_delete.connect(_event_deleted, sender="events.Event", dispatch_uid=uid + "event-del")
    post_save.connect(_occurrence_saved, sender="events.Occurrence", dispatch_uid=uid + "occ-save")
    post_delete.connect(
        _occurrence_deleted, sender="events.Occurrence", dispatch_uid=uid + "occ-del"
    )
    m2m_changed.connect(_tags_changed, sender=TaggedItem, dispatch_uid=uid + "tags")
    post_save.connect(_mapping_changed, sender="opendata.ActivityMapping", dispatch_uid=uid + "map")
    post_delete.connect(
        _mapping_changed, sender="opendata.ActivityMapping", dispatch_uid=uid + "map-del"
    )
