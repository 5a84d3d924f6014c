"""An event: what the organiser describes (the first date, how it repeats, where, how
to join, cost, places, access)."""

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core.models import Moderated, ModeratedQuerySet
from core.page_cache import listings_changed
from postcodes.geo import NearQuerySet
from postcodes.models import Located

# Every event on coopcentre happens on UK time; datetimes are stored in UTC.
EVENT_TZ = ZoneInfo(settings.TIME_ZONE)

https_only = URLValidator(
    schemes=["https"], message=_("The join link must start with https://."), code="not_https"
)


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


class Recurrence(models.TextChoices):
    NONE = "", _("Just once")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month, on the same weekday")


class EventQuerySet(NearQuerySet, ModeratedQuerySet):
    def live(self):
        """Approved and not cancelled: what the public may find."""
        return self.approved().filter(cancelled_at__isnull=True)

    def upcoming(self):
        """Events with a date still to come or under way (whatever their first date)."""
        from .occurrences import Occurrence

        return self.filter(
            Exists(
                Occurrence.objects.filter(
                    event=OuterRef("pk"), ends_at__gte=timezone.now(), is_cancelled=False
                )
            )
        )

    def with_next_date(self):
        """Annotate ``next_starts_at``: the start of the next date not yet over."""
        from .occurrences import Occurrence

        return self.annotate(
            next_starts_at=models.Subquery(
                Occurrence.objects.filter(
                    event=OuterRef("pk"), ends_at__gte=timezone.now(), is_cancelled=False
                )
                .order_by("starts_at")
                .values("starts_at")[:1]
            )
        )


class Event(Moderated, Located):
    """Something to do with neighbours: in a place, online, or both."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=10_000)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    group = models.ForeignKey(
        "communities.Group",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    space = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("space"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    # The first date; later dates follow the recurrence (see ``events.recurrence``).
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), db_index=True)
    recurrence = models.CharField(
        _("repeats"), max_length=12, choices=Recurrence.choices, blank=True, default=""
    )
    repeat_until = models.DateField(
        _("repeats until"),
        null=True,
        blank=True,
        help_text=_("The last day it may happen. Leave blank to keep repeating."),
    )
    attendance_mode = models.CharField(
        _("format"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
        db_index=True,
    )
    venue_name = models.CharField(_("place name"), max_length=200, blank=True)
    address = models.CharField(_("street address"), max_length=300, blank=True)
    join_url = models.URLField(
        _("join link"),
        max_length=500,
        blank=True,
        validators=[https_only],
        help_text=_("Only people going see it."),
    )
    join_details = models.TextField(
        _("joining instructions"),
        blank=True,
        max_length=1000,
        help_text=_("A passcode or dial-in number, say. Only people going see them."),
    )
    price = models.DecimalField(
        _("cost (£)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"), "The cost can't be below £0.")],
        help_text=_("0 for free."),
    )
    price_note = models.CharField(
        _("about the cost"),
        max_length=200,
        blank=True,
        help_text=_("Concessions, pay what you can, what the money pays for."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, "Give at least 1 place, or leave it blank for no limit.")],
        help_text=_("How many people can come to each date. Leave blank for no limit."),
    )
    accessibility_notes = models.TextField(
        _("accessibility"),
        blank=True,
        max_length=2000,
        help_text=_("Step-free access, hearing loop, toilets, quiet space, BSL, captions…"),
    )
    image = models.ImageField(_("image"), upload_to="events/%Y/%m/", blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who can't see it."),
    )
    tags = TaggableManager(blank=True, help_text=_("Interests, separated by commas."))
    # Imported from another publisher's open data feed (opendata's harvester): who
    # published it and its page there, credited on the event page. Blank for members' events.
    source_name = models.CharField(_("published by"), max_length=200, blank=True, editable=False)
    source_url = models.URLField(_("original page"), max_length=500, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(_("cancellation reason"), blank=True, max_length=2000)
    # RFC 5545 SEQUENCE: goes up with each change that attendees are told about.
    sequence = models.PositiveIntegerField(_("sequence"), default=0, editable=False)
    # Its first date not cancelled and not yet over, kept here so a search without dates
    # lists it without comparing every date of every event nearby (docs/events.md, "The
    # next date, kept on the event"). Set whenever its dates change, and moved on by the
    # ``events.tasks.move_next_dates`` task (every minute) once that date is over: until
    # then the listings' "not over" condition hides it. None when no date is to come.
    next_date = models.ForeignKey(
        "events.Occurrence",
        verbose_name=_("next date"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When that date ends: the task finds the events whose next date is over by it.
    next_date_ends_at = models.DateTimeField(
        _("next date ends at"), null=True, blank=True, editable=False, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="event_lat_lon")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    SCHEDULE_FIELDS = frozenset({"starts_at", "ends_at", "recurrence", "repeat_until"})

    def save(self, *args, **kwargs):
        """Save, keeping the event's place and dates (``Occurrence`` rows) in step with it.

        Wherever an event is saved (a form, the admin, a shell, another app's code), its
        place follows its space and format, and its dates follow its schedule, so it is
        listed and can be replied to.
        """
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.place_sync()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if update_fields is None or self.SCHEDULE_FIELDS & set(update_fields):
                from ..services.events import event_schedule_refresh

                event_schedule_refresh(event=self)
        listings_changed("events")

    def clean(self):
        """Rules every event keeps, whoever edits it (member form or admin)."""
        errors = {}
        if self.starts_at and self.ends_at:
            if self.ends_at <= self.starts_at:
                errors["ends_at"] = "The end must be after the start."
            elif self.recurrence and self.ends_at - self.starts_at > timezone.timedelta(days=1):
                errors["ends_at"] = "Each date of a regular activity can last at most a day."
            elif self.ends_at - self.starts_at > timezone.timedelta(days=14):
                errors["ends_at"] = "An event can last at most two weeks."
        if self.repeat_until and not self.recurrence:
            self.repeat_until = None
        first_day = timezone.localtime(self.starts_at, EVENT_TZ).date() if self.starts_at else None
        if self.recurrence and self.repeat_until and first_day and self.repeat_until < first_day:
            errors["repeat_until"] = "The last day must be on or after the first date."
        if self.is_online and not self.join_url:
            errors["join_url"] = "Give the https:// link people use to join online."
        if self.is_in_person and not self.space_id:
            # An event in a place needs one: a community space, or an address and postcode.
            if not self.address:
                errors["address"] = "Give the street address, or choose a community space."
            if not self.postcode:
                errors["postcode"] = "Give the postcode of the address, or choose a space."
        if self.image and not self.image_alt:
            errors["image_alt"] = "Describe the image in a few words, for people who can't see it."
        if errors:
            raise ValidationError(errors)

    # ---- format, place and cost

    LOCATION_FIELDS = ("postcode", "latitude", "longitude", "outcode", "lad_code", "nation")

    def place_sync(self) -> None:
        """Make the place fields agree with the format.

        A community space lends the event its place; an online-only event has no place
        (so it is never on a map or in a "near me" search), and an event with no online
        part keeps no join link.
        """
        if self.is_in_person and self.space_id and self.space.latitude is not None:
            for name in self.LOCATION_FIELDS:
                setattr(self, name, getattr(self.space, name))
            self.venue_name = self.venue_name or self.space.name
        if not self.is_in_person:
            self.space = None
            self.venue_name = self.address = ""
            for name in self.LOCATION_FIELDS:
                setattr(self, name, None if name in ("latitude", "longitude") else "")
        if not self.is_online:
            self.join_url = self.join_details = ""

    @property
    def is_online(self) -> bool:
        return self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED)

    @property
    def is_in_person(self) -> bool:
        return self.attendance_mode in (AttendanceMode.IN_PERSON, AttendanceMode.MIXED)

    @property
    def is_free(self) -> bool:
        return not self.price

    @property
    def is_recurring(self) -> bool:
        return bool(self.recurrence)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def place_name(self) -> str:
        """Where, in a line: the space or venue and its postcode ("" for online only)."""
        if not self.is_in_person:
            return ""
        name = self.venue_name or (self.space.name if self.space_id else "")
        parts = [p for p in (name, self.address, self.postcode) if p]
        return ", ".join(dict.fromkeys(parts))

    @property
    def organiser_name(self) -> str:
        if self.group_id:
            return self.group.name
        return self.organiser.public_name if self.organiser_id else "A coopcentre member"

    # ---- who may do what

    def can_manage(self, user) -> bool:
        """The organiser, whoever submitted it, and staff may edit it and see who's going."""
        if not user.is_authenticated:
            return False
        return user.is_staff or user.pk in (self.organiser_id, self.submitted_by_id)

    def is_visible_to(self, user) -> bool:
        """Approved events are public (cancelled and past ones too); others only to their
        organiser and staff."""
        return self.is_approved or self.can_manage(user)
