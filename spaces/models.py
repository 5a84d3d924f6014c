"""Community spaces: the places where neighbours meet, their status, and the people saving them."""

import re
import unicodedata
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from core.models import Moderated, ModeratedQuerySet
from postcodes.geo import NearQuerySet
from postcodes.models import Located

from .expressions import GreatCircleKm


class Kind(models.TextChoices):
    PARK = "park", "Park or green space"
    LIBRARY = "library", "Library"
    COMMUNITY_CENTRE = "community_centre", "Community centre or hall"
    YOUTH_CENTRE = "youth_centre", "Youth centre"
    SPORTS = "sports", "Sports facility"
    WORSHIP = "worship", "Place of worship open to the community"
    PUB = "pub", "Pub"
    OTHER = "other", "Other"


class OwnerType(models.TextChoices):
    COUNCIL = "council", "Council"
    COMMUNITY_GROUP = "community_group", "Community group"
    COOPERATIVE = "cooperative", "Co-operative"
    CHARITY = "charity", "Charity"
    PRIVATE = "private", "Private owner"
    UNKNOWN = "unknown", "Not known"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    THREATENED = "threatened", "Under threat"
    TRANSFER = "transfer", "In community asset transfer"
    SAVED = "saved", "Saved"
    CLOSED = "closed", "Closed"


class TransferStage(models.TextChoices):
    """The usual steps of a Community Asset Transfer from a council to a community group."""

    INTEREST = "interest", "Expression of interest sent"
    BUSINESS_PLAN = "business_plan", "Writing the business plan"
    APPLICATION = "application", "Full application submitted"
    DECISION = "decision", "Waiting for the council's decision"
    AGREED = "agreed", "Transfer agreed: legal work under way"


# The facilities a person can filter on: (model field, label).
FACILITIES = [
    ("step_free", "Step-free access"),
    ("toilets", "Toilets"),
    ("kitchen", "Kitchen"),
    ("wifi", "Wi-Fi"),
]

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

    def accepting_pledges(self):
        return self.filter(status__in=Space.PLEDGE_STATUSES)

    def with_distance(self, point):
        """Annotate ``distance_km`` (great-circle) with the cheap-to-compile expression."""
        return self.annotate(distance_km=GreatCircleKm(point, self.lat_field, self.lon_field))

    def for_listing(self, *extra: str):
        """Only the columns a list or a map shows (and ``extra``).

        Lists that need more read ``selectors.card_rows`` instead.
        """
        return self.only(
            *extra,
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
            "step_free",
            "toilets",
            "kitchen",
            "wifi",
            "capacity",
            "cover_thumbnail",
            "cover_alt",
        )


class Space(Moderated, Located):
    """A place where a community meets: a hall, a park, a library."""

    # Pledges ("Help save this space") are open while a space is fighting for its future.
    PLEDGE_STATUSES = (Status.THREATENED, Status.TRANSFER)

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    name_key = models.CharField(max_length=200, editable=False, db_index=True, default="")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    address = models.CharField(
        max_length=300, blank=True, help_text="Street address, without the postcode."
    )
    description = models.TextField(blank=True, max_length=10_000)
    tags = TaggableManager(blank=True, help_text="Interests, separated by commas.")

    step_free = models.BooleanField("step-free access", default=False)
    toilets = models.BooleanField(default=False)
    kitchen = models.BooleanField(default=False)
    wifi = models.BooleanField("Wi-Fi", default=False)
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text="How many people it holds, if it is a building.",
    )
    # A list of {"day": 0-6 (Monday first), "opens": "HH:MM", "closes": "HH:MM"}.
    opening_hours = models.JSONField(default=list, blank=True)
    opening_notes = models.CharField(
        max_length=300, blank=True, help_text="Anything else, like “closed on bank holidays”."
    )

    owner_type = models.CharField(
        "owned by", max_length=20, choices=OwnerType.choices, default=OwnerType.UNKNOWN
    )
    run_by = models.CharField("run by", max_length=200, blank=True)
    website = models.URLField(blank=True, max_length=500)

    # A contact is kept for staff; it is shown to the public only with consent.
    contact_name = models.CharField(max_length=100, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    contact_consent = models.BooleanField(
        "show the contact publicly",
        default=False,
        help_text="The person named agreed to have these details shown on the site.",
    )

    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    threat_summary = models.TextField("what threatens it", blank=True, max_length=2000)
    threat_deadline = models.DateField("threat deadline", null=True, blank=True)
    transfer_stage = models.CharField(
        "asset transfer stage", max_length=20, choices=TransferStage.choices, blank=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The newest approved photo, copied here (by a signal on SpacePhoto) so that lists
    # show a thumbnail without a query per page.
    cover_thumbnail = models.CharField(max_length=200, blank=True, editable=False)
    cover_alt = models.CharField(max_length=200, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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

    def is_threatened(self) -> bool:
        return self.status == Status.THREATENED

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


class StatusChange(models.Model):
    """One step in a space's story: opened, threatened, in transfer, saved or closed."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=12, choices=Status.choices)
    previous_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    transfer_stage = models.CharField(max_length=20, choices=TransferStage.choices, blank=True)
    threat_summary = models.TextField(blank=True)
    threat_deadline = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        get_latest_by = "changed_at"

    def __str__(self):
        return f"{self.space_id}: {self.get_status_display()} on {self.changed_at:%d %b %Y}"

    def headline(self) -> str:
        if self.status == Status.TRANSFER and self.transfer_stage:
            return f"{self.get_status_display()}: {self.get_transfer_stage_display()}"
        return self.get_status_display()


class ThreatState(models.TextChoices):
    PENDING = "pending", "Awaiting review"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Not confirmed"


class ThreatReport(models.Model):
    """A member's report that a space is under threat; staff confirm or dismiss it."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threat_reports")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    what = models.TextField("what threatens it", max_length=2000)
    evidence = models.TextField(blank=True, max_length=4000)
    evidence_url = models.URLField("link to evidence", blank=True, max_length=500)
    deadline = models.DateField("by when", null=True, blank=True)
    state = models.CharField(
        max_length=10, choices=ThreatState.choices, default=ThreatState.PENDING, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_note = models.TextField("reason", blank=True, max_length=2000)
    reporter_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Threat to {self.space}"


class Pledge(models.Model):
    """A member's promise to help save a space: time, skills, money and/or a voice."""

    GIFTS = [
        ("time", "Time", "volunteer hours"),
        ("skills", "Skills", "legal, finance, building, campaigning…"),
        ("money", "Money", "a donation or a community share"),
        ("voice", "A voice", "sign, write to councillors, turn up to meetings"),
    ]

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="pledges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    time = models.BooleanField(default=False)
    skills = models.BooleanField(default=False)
    money = models.BooleanField(default=False)
    voice = models.BooleanField(default=False)
    message = models.CharField(
        "anything to add", max_length=500, blank=True, help_text="For example, what skills."
    )
    show_name = models.BooleanField(
        "show my name as a supporter", default=False, help_text="Only your display name is shown."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="pledge_once_per_space"),
            models.CheckConstraint(
                condition=Q(time=True) | Q(skills=True) | Q(money=True) | Q(voice=True),
                name="pledge_gives_something",
            ),
        ]

    def __str__(self):
        return f"Pledge to {self.space_id} by {self.user_id}"

    @property
    def gifts(self) -> list[str]:
        return [label for field, label, _help in self.GIFTS if getattr(self, field)]


class PledgeNotice(models.Model):
    """The record that one pledger was emailed about one status change: at most once."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="notices")
    change = models.ForeignKey(StatusChange, on_delete=models.CASCADE, related_name="notices")
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pledge", "change"], name="pledge_notice_once"),
        ]

    def __str__(self):
        return f"Notice of change {self.change_id} to pledge {self.pledge_id}"


class SpaceEdit(Moderated):
    """A member's proposed edit to a space; applied when staff approve it."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="edits")
    # Field name -> proposed value, JSON-ready (see spaces.services.submissions).
    changes = models.JSONField(default=dict)
    reason = models.TextField("why", blank=True, max_length=1000)
    applied_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "proposed edit"

    def __str__(self):
        return f"Edit to {self.space.name}"

    def get_absolute_url(self):
        return self.space.get_absolute_url()


def photo_path(instance, filename):
    return f"spaces/{timezone.now():%Y/%m}/{filename}"


class SpacePhoto(Moderated):
    """A photo of a space, re-encoded without its metadata; public once approved."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=photo_path, width_field="width", height_field="height")
    thumbnail = models.ImageField(upload_to=photo_path)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    alt_text = models.CharField(
        "describe the photo",
        max_length=200,
        help_text="For people who can't see it, like “The main hall set out for a meeting”.",
    )

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = "photo of a space"

    def __str__(self):
        return f"Photo of {self.space.name}"

    def get_absolute_url(self):
        return self.space.get_absolute_url()
