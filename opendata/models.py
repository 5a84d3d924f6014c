"""Open data: the tag → OpenActive activity mapping, the feeds' change stamps, and the
listings harvested from other publishers (pending until staff approve them)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Moderated


class ActivityMapping(models.Model):
    """One site tag (an event's interest) and the OpenActive activity it means.

    Events carrying a mapped tag are published in the OpenActive feeds; events with no
    mapped tag are not. Staff keep this table in the admin.
    """

    tag = models.CharField(
        _("site tag"),
        max_length=100,
        unique=True,
        help_text=_("An interest as members type it on events (any case): walking, yoga."),
    )
    activity_id = models.URLField(
        _("OpenActive activity"),
        max_length=200,
        help_text=_(
            "The activity's id in the OpenActive Activity List "
            "(https://openactive.io/activity-list#…)."
        ),
    )
    activity_label = models.CharField(_("activity name"), max_length=200, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["tag"]
        verbose_name = _("OpenActive activity mapping")

    def __str__(self):
        return f"{self.tag} → {self.activity_label}"

    def save(self, *args, **kwargs):
        from .activities import activity_label

        self.tag = self.tag.strip().lower()
        self.activity_label = activity_label(self.activity_id) or ""
        super().save(*args, **kwargs)


class FeedKind(models.TextChoices):
    SESSION_SERIES = "SessionSeries", _("Session series (events)")
    SCHEDULED_SESSION = "ScheduledSession", _("Scheduled sessions (dates of events)")


class FeedStamp(models.Model):
    """When an item of an RPDE feed last changed: the feed pages by (modified, item_id).

    A row is written (after the commit) whenever the item or something it is built from
    changes, deleted items included, so the feed reads the items themselves at request
    time and publishes gone or unpublishable ones as tombstones.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=FeedKind.choices)
    item_id = models.PositiveBigIntegerField(_("item id"))
    # Microseconds since the epoch when the change was recorded: RPDE's integer "modified".
    modified = models.BigIntegerField(_("modified"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "item_id"], name="one_stamp_per_feed_item")
        ]
        indexes = [models.Index(fields=["kind", "modified", "item_id"], name="feed_page_order")]

    def __str__(self):
        return f"{self.kind} {self.item_id} @ {self.modified}"


class HarvestedListing(Moderated):
    """An opportunity or service read from another publisher's feed or API.

    Keyed by the source (the feed's or API's address) and the item's id there, so a second
    harvest updates the row; a tombstone (or a service gone from the API) withdraws it.
    New rows wait for staff (moderation status "pending").
    """

    source_url = models.URLField(_("source url"), max_length=500)
    item_id = models.CharField(_("item id"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40)
    name = models.CharField(_("name"), max_length=300, blank=True)
    url = models.URLField(_("url"), max_length=500, blank=True)
    data = models.JSONField(_("data"), default=dict)
    modified = models.CharField(_("modified at the source"), max_length=40, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    harvested_at = models.DateTimeField(_("harvested at"), default=timezone.now)
    # The site event an OpenActive opportunity became (``services.harvest_events``).
    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="harvested_from",
    )

    class Meta:
        ordering = ["-harvested_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source_url", "item_id"], name="one_listing_per_item")
        ]

    def __str__(self):
        return self.name or f"{self.kind} {self.item_id}"

    def get_absolute_url(self):
        return self.url or self.source_url

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
