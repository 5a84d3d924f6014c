"""One date of an event, and what listing cards read of it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from postcodes.geo import NearQuerySet

from ..expressions import TAG_SEPARATOR, EventTagNames
from .events import EVENT_TZ, Event


class OccurrenceQuerySet(NearQuerySet):
    lat_field = "event__latitude"
    lon_field = "event__longitude"

    def listed(self):
        """Dates the public can find: of approved, not cancelled events, not yet over."""
        return self.filter(
            event__moderation_status="approved",
            event__cancelled_at__isnull=True,
            is_cancelled=False,
            ends_at__gte=timezone.now(),
        )

    def upcoming(self):
        return self.filter(is_cancelled=False, ends_at__gte=timezone.now())

    def for_cards(self):
        """What a listing card shows, in one query whatever the page size: the dates with
        their events and spaces, and each event's interest names."""
        return (
            self.select_related("event", "event__space")
            .only(*CARD_FIELDS)
            .annotate(tag_names_joined=_tag_names())
        )


def _tag_names():
    from django.contrib.contenttypes.models import ContentType

    return EventTagNames(ContentType.objects.get_for_model(Event).pk)


# The columns a listing card needs: never an event's long description.
CARD_FIELDS = (
    "id",
    "starts_at",
    "ends_at",
    "going_count",
    "is_cancelled",
    "event__id",
    "event__title",
    "event__slug",
    "event__attendance_mode",
    "event__venue_name",
    "event__address",
    "event__postcode",
    "event__latitude",
    "event__longitude",
    "event__price",
    "event__capacity",
    "event__recurrence",
    "event__repeat_until",
    "event__starts_at",
    "event__ends_at",
    "event__image",
    "event__image_alt",
    "event__is_featured",
    "event__cancelled_at",
    "event__moderation_status",
    "event__updated_at",
    "event__space__id",
    "event__space__name",
    "event__space__slug",
)


class Occurrence(models.Model):
    """One date of an event: what listings show and what members say they are going to."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="occurrences"
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), db_index=True)
    # Kept by the RSVP services under a row lock, so it is exact and listings need no COUNT.
    going_count = models.PositiveIntegerField(_("going count"), default=0)
    is_cancelled = models.BooleanField(_("is cancelled"), default=False)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["event", "starts_at"], name="occurrence_event_start")]

    def __str__(self):
        local = timezone.localtime(self.starts_at, EVENT_TZ)
        return f"{self.event.title} on {local:%a %d %b %Y %H:%M}"

    @property
    def places_left(self) -> int | None:
        """Places not yet taken, or None when there is no limit."""
        if self.event.capacity is None:
            return None
        return max(self.event.capacity - self.going_count, 0)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    @property
    def tag_names(self) -> list[str]:
        """The event's interests: from the listing query (``for_cards``) when it ran."""
        if hasattr(self, "tag_names_joined"):
            joined = self.tag_names_joined
            return sorted(joined.split(TAG_SEPARATOR)) if joined else []
        return sorted(tag.name for tag in self.event.tags.all())
