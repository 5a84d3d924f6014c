"""A space: what it is, where, its facilities and opening times, who owns it, its status."""

import re
import unicodedata
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core.models import Moderated, ModeratedQuerySet
from postcodes.geo import NearQuerySet
from postcodes.models import Located


class Kind(models.TextChoices):
    PARK = "park", _("Park or green space")
    LIBRARY = "library", _("Library")
    COMMUNITY_CENTRE = "community_centre", _("Community centre or hall")
    YOUTH_CENTRE = "youth_centre", _("Youth centre")
    SPORTS = "sports", _("Sports facility")
    WORSHIP = "worship", _("Place of worship open to the community")
    PUB = "pub", _("Pub")
    OTHER = "other", _("Other")


class OwnerType(models.TextChoices):
    COUNCIL = "council", _("Council")
    COMMUNITY_GROUP = "community_group", _("Community group")
    COOPERATIVE = "cooperative", _("Co-operative")
    CHARITY = "charity", _("Charity")
    PRIVATE = "private", _("Private owner")
    UNKNOWN = "unknown", _("Not known")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    THREATENED = "threatened", _("Under threat")
    TRANSFER = "transfer", _("In community asset transfer")
    SAVED = "saved", _("Saved")
    CLOSED = "closed", _("Closed")


class TransferStage(models.TextChoices):
    """The usual steps of a Community Asset Transfer from a council to a community group."""

    INTEREST = "interest", _("Expression of interest sent")
    BUSINESS_PLAN = "business_plan", _("Writing the business plan")
    APPLICATION = "application", _("Full application submitted")
    DECISION = "decision", _("Waiting for the council's decision")
    AGREED = "agreed", _("Transfer agreed: legal work under way")


# The facilities a person can filter on: (model field, label).
FACILITIES = [
    ("step_free", "Step-free access"),
    ("toilets", "Toilets"),
    ("kitchen", "Kitchen"),
    ("wifi", "Wi-Fi"),
]

# The columns a list, a map or a result card shows (``for_listing``, ``selectors.card_rows``).
LISTING_FIELDS = (
    "name",
    "slug",
    "kind",
    "status",
    "address",
    "postcode",
    "latitude",
    "longitude",
    "threat_deadline",
    "transfer_stage",
    *(field for field, _label in FACILITIES),
    "capacity",
    "cover_thumbnail",
    "cover_alt",
)

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Words that are the same place whatever the submitter typed: "The Old Library" and
# "old library" are one place when they share a postcode.
_NAME_NOISE = re.compile(r"\b(the|and)\b|[^a-z0-9 ]")


def name_key(name: str) -> str:
    """A spelling-insensitive key of a place's name, for duplicate detection."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ").replace("saint ", "st ")
    return " ".join(_NAME_NOISE.sub(" ", text).split())[:200]


class SpaceQuerySet(NearQuerySet, ModeratedQuerySet):
    def threatened(self):
        return self.filter(status=Status.THREATENED)

    def for_listing(self, *extra: str):
        """Only the columns a list or a map shows (and ``extra``).

        Lists that need more read ``selectors.card_rows`` instead.
        """
        return self.only(*extra, *LISTING_FIELDS)


class Space(Moderated, Located):
    """A place where a community meets: a hall, a park, a library."""

    # Pledges ("Help save this space") are open while a space is fighting for its future.
    PLEDGE_STATUSES = (Status.THREATENED, Status.TRANSFER)

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    name_key = models.CharField(
        _("name key"), max_length=200, editable=False, db_index=True, default=""
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER, db_index=True
    )
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("Street address, without the postcode."),
    )
    description = models.TextField(_("description"), blank=True, max_length=10_000)
    tags = TaggableManager(blank=True, help_text=_("Interests, separated by commas."))

    step_free = models.BooleanField(_("step-free access"), default=False)
    toilets = models.BooleanField(_("toilets"), default=False)
    kitchen = models.BooleanField(_("kitchen"), default=False)
    wifi = models.BooleanField(_("Wi-Fi"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("How many people it holds, if it is a building."),
    )
    # A list of {"day": 0-6 (Monday first), "opens": "HH:MM", "closes": "HH:MM"}.
    opening_hours = models.JSONField(_("opening hours"), default=list, blank=True)
    opening_notes = models.CharField(
        _("opening notes"),
        max_length=300,
        blank=True,
        help_text=_("Anything else, like “closed on bank holidays”."),
    )

    owner_type = models.CharField(
        _("owned by"), max_length=20, choices=OwnerType.choices, default=OwnerType.UNKNOWN
    )
    run_by = models.CharField(_("run by"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True, max_length=500)

    # A contact is kept for staff; it is shown to the public only with consent.
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_consent = models.BooleanField(
        _("show the contact publicly"),
        default=False,
        help_text=_("The person named agreed to have these details shown on the site."),
    )

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    threat_summary = models.TextField(_("what threatens it"), blank=True, max_length=2000)
    threat_deadline = models.DateField(_("threat deadline"), null=True, blank=True)
    transfer_stage = models.CharField(
        _("asset transfer stage"), max_length=20, choices=TransferStage.choices, blank=True
    )
    status_changed_at = models.DateTimeField(
        _("status changed at"), null=True, blank=True, editable=False
    )
    # The newest approved photo, copied here (by a signal on SpacePhoto) so that lists
    # show a thumbnail without a query per page.
    cover_thumbnail = models.CharField(
        _("cover thumbnail"), max_length=200, blank=True, editable=False
    )
    cover_alt = models.CharField(_("cover alt"), max_length=200, blank=True, editable=False)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="space_lat_lon"),
            models.Index(fields=["status", "threat_deadline"], name="space_status_deadline"),
        ]
        constraints = [
            # One listing per place: the same name at the same postcode is a duplicate,
            # unless the earlier one was rejected.
            models.UniqueConstraint(
                fields=["name_key", "postcode"],
                condition=~Q(moderation_status="rejected"),
                name="space_unique_place",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("spaces:space-detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def accepts_pledges(self) -> bool:
        return self.is_approved and self.status in self.PLEDGE_STATUSES

    def can_be_reported(self) -> bool:
        """A threat can be reported on an approved space that is not already fighting one."""
        return self.is_approved and self.status in (Status.OPEN, Status.SAVED)

    def days_to_deadline(self, today: date | None = None) -> int | None:
        if not self.threat_deadline:
            return None
        return (self.threat_deadline - (today or timezone.localdate())).days

    @property
    def facilities(self) -> list[str]:
        """Labels of the facilities this space has, for lists and badges."""
        found = [label for field, label in FACILITIES if getattr(self, field)]
        if self.capacity:
            found.append(f"Holds {self.capacity:,}")
        return found

    @property
    def public_contact(self) -> dict | None:
        """The contact details, only when the submitter had consent to publish them."""
        if not self.contact_consent:
            return None
        contact = {
            "name": self.contact_name,
            "email": self.contact_email,
            "phone": self.contact_phone,
        }
        return contact if any(contact.values()) else None

    def opening_hours_by_day(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """[(weekday name, [(opens, closes), ...]), ...] for the seven days, Monday first."""
        days = [(name, []) for name in WEEKDAYS]
        for slot in self.opening_hours or []:
            days[int(slot["day"])][1].append((slot["opens"], slot["closes"]))
        return days

    def cover_refresh(self) -> None:
        """Copy the newest approved photo's thumbnail onto the space (or clear it)."""
        photo = (
            self.photos.approved()
            .order_by("-submitted_at", "-pk")
            .values_list("thumbnail", "alt_text")
            .first()
        )
        self.cover_thumbnail, self.cover_alt = photo or ("", "")
        Space.objects.filter(pk=self.pk).update(
            cover_thumbnail=self.cover_thumbnail, cover_alt=self.cover_alt
        )

    @property
    def cover_url(self) -> str:
        from django.core.files.storage import default_storage

        return default_storage.url(self.cover_thumbnail) if self.cover_thumbnail else ""

    def summary(self) -> str:
        """One line for a map popup or a card: kind, and status when it is not just open."""
        text = self.get_kind_display()
        if self.status != Status.OPEN:
            text += f" · {self.get_status_display()}"
        return text
