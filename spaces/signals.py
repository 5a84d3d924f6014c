from django.db.models.signals import post_delete, post_save


def _refresh_cover(sender, instance, **kwargs):
    # Whatever path approved, rejected or deleted a photo (moderation, admin, shell),
    # the space's cover follows; lists read the cover from the space row alone.
    from .models import Space

    space = Space.objects.filter(pk=instance.space_id).first()
    if space is not None:
        space.cover_refresh()


def _space_changed(sender, instance, **kwargs):
    from core.page_cache import listings_changed

    listings_changed("spaces")


def _tag_changed(sender, instance, **kwargs):
    from django.contrib.contenttypes.models import ContentType

    from .models import Space

    if instance.content_type_id == ContentType.objects.get_for_model(Space).pk:
        _space_changed(sender, instance)


def connect():
    from taggit.models import TaggedItem

    from .models import Space, SpacePhoto

    post_save.connect(_refresh_cover, sender=SpacePhoto, dispatch_uid="spaces-photo-cover-save")
    post_delete.connect(_refresh_cover, sender=SpacePhoto, dispatch_uid="spaces-photo-cover-delete")
    # Any change a search page could show retires the cached search pages.
    for model in (Space, SpacePhoto):
        post_save.connect(
            _space_changed, sender=model, dispatch_uid=f"spaces-search-{model.__name__}-save"
        )
        post_delete.connect(
            _space_changed, sender=model, dispatch_uid=f"spaces-search-{model.__name__}-delete"
        )
    post_save.connect(_tag_changed, sender=TaggedItem, dispatch_uid="spaces-search-tag-save")
    post_delete.connect(_tag_changed, sender=TaggedItem, dispatch_uid="spaces-search-tag-delete")
