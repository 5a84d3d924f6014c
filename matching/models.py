"""Help matching: what members need and offer, support schemes, and the matches between them.

A ``Need`` or an ``Offer`` is one member's request, located by postcode. The matching
engine (``matching.services.engine``) proposes ``Match`` rows: a need with a support scheme
(contacts to pass on) or with an offer (an introduction both people must accept before
either sees the other's contact details). Every email about a match is an outbox row
(``core.outbox``; purposes in ``matching.emails``), so it goes at most once.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from postcodes.geo import NearQuerySet
from postcodes.models import District, LocalAuthority, Located, Nation

from .wording import ANY_TIME, availability_phrase, join_words

MAX_TRAVEL_KM = 50
NOTE_MAX_LENGTH = 1000


# ---------------------------------------------------------------------------------------
# Categories


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)
    needs_proximity = models.BooleanField(
        "people must be near each other",
        help_text="Tick when the helper has to go somewhere (shopping); leave unticked when it "
        "can happen by phone or online (a friendly chat).",
    )
    is_active = models.BooleanField("offered on the forms", default=True)
    position = models.PositiveSmallIntegerField(default=100, help_text="Lower comes first.")

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def phrase(self) -> str:
        """The name as it reads inside a sentence ("offers collecting medication")."""
        return self.name[:1].lower() + self.name[1:]


class CategoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class HelpKind(Category):
    """A kind of practical help: collecting shopping, collecting medication, a phone chat."""

    needs_proximity = models.BooleanField(
        "people must be near each other",
        default=True,
        help_text=Category._meta.get_field("needs_proximity").help_text,
    )

    objects = CategoryQuerySet.as_manager()

    class Meta(Category.Meta):
        verbose_name = "help kind"

    @property
    def key(self) -> str:
        return f"k{self.pk}"


class SkillTopic(Category):
    """Something members want to learn or can teach: mental wellbeing, cooking, getting online."""

    needs_proximity = models.BooleanField(
        "people must be near each other",
        default=False,
        help_text=Category._meta.get_field("needs_proximity").help_text,
    )

    objects = CategoryQuerySet.as_manager()

    class Meta(Category.Meta):
        verbose_name = "skill topic"

    @property
    def key(self) -> str:
        return f"t{self.pk}"


class Availability(models.IntegerChoices):
    WEEKDAY_MORNINGS = 1, "weekday mornings"
    WEEKDAY_AFTERNOONS = 2, "weekday afternoons"
    WEEKDAY_EVENINGS = 4, "weekday evenings"
    WEEKENDS = 8, "weekends"


# ---------------------------------------------------------------------------------------
# Needs and offers


class RequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    PAUSED = "paused", "Paused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class HelpRequestQuerySet(NearQuerySet):
    def open(self):
        return self.filter(status=RequestStatus.OPEN)

    def of(self, user):
        return self.filter(person=user)

    def current(self):
        """What a member still sees as theirs: open or paused."""
        return self.exclude(status=RequestStatus.WITHDRAWN)


class HelpRequest(Located):
    """Fields shared by needs and offers."""

    availability = models.PositiveSmallIntegerField(
        default=ANY_TIME, validators=[MinValueValidator(1), MaxValueValidator(ANY_TIME)]
    )
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    contact_phone = models.CharField("phone number", max_length=20, blank=True)
    consent_given_at = models.DateTimeField(
        null=True,
        help_text="When the member agreed to share their contact details with a matched "
        "person or scheme.",
    )
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN, db_index=True
    )
    # The hidden token of the form that created it: a double-submitted form creates one row.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    last_matched_at = models.DateTimeField(null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN

    @property
    def has_consent(self) -> bool:
        return self.consent_given_at is not None

    @property
    def availability_phrase(self) -> str:
        return availability_phrase(self.availability)

    def category_names(self) -> list[str]:
        return [k.name for k in self.kinds.all()] + [t.name for t in self.topics.all()]


class Need(HelpRequest):
    """A member needs help (practical help, or to learn something)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_needs"
    )
    kinds = models.ManyToManyField(HelpKind, blank=True, related_name="needs")
    topics = models.ManyToManyField(
        SkillTopic, blank=True, related_name="learners", verbose_name="topics to learn"
    )
    max_distance_km = models.PositiveSmallIntegerField(
        "how far away a helper may live (km)",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TRAVEL_KM)],
    )
    needs_attention = models.BooleanField(
        default=False, db_index=True, help_text="Nothing suitable was found: staff should look."
    )
    attention_since = models.DateTimeField(null=True, blank=True)

    class Meta(HelpRequest.Meta):
        indexes = [models.Index(fields=["latitude", "longitude"], name="need_lat_lon")]

    def __str__(self):
        return f"Need #{self.pk} ({self.postcode})"

    def get_absolute_url(self):
        return reverse("matching:need-detail", kwargs={"pk": self.pk})

    @property
    def role(self) -> str:
        return "need"


class Offer(HelpRequest):
    """A member can help (practical help, or teaching something)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_offers"
    )
    kinds = models.ManyToManyField(HelpKind, blank=True, related_name="offers")
    topics = models.ManyToManyField(
        SkillTopic, blank=True, related_name="teachers", verbose_name="topics to teach"
    )
    travel_km = models.PositiveSmallIntegerField(
        "how far you can travel (km)",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TRAVEL_KM)],
    )

    class Meta(HelpRequest.Meta):
        indexes = [models.Index(fields=["latitude", "longitude"], name="offer_lat_lon")]

    def __str__(self):
        return f"Offer #{self.pk} ({self.postcode})"

    def get_absolute_url(self):
        return reverse("matching:offer-detail", kwargs={"pk": self.pk})

    @property
    def role(self) -> str:
        return "offer"


# ---------------------------------------------------------------------------------------
# Support schemes


class Coverage(models.TextChoices):
    UK = "uk", "The whole UK"
    NATION = "nation", "One nation"
    LOCAL_AUTHORITIES = "local_authorities", "Local authorities"
    DISTRICTS = "districts", "Postcode districts"


# Local schemes come before national ones: the lower the rank, the more local.
COVERAGE_RANK = {
    Coverage.DISTRICTS: 0,
    Coverage.LOCAL_AUTHORITIES: 1,
    Coverage.NATION: 2,
    Coverage.UK: 3,
}


class SupportSchemeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def by_locality(self):
        """Most local first (district, local authority, nation, whole UK), then by name."""
        rank = models.Case(
            *[models.When(coverage=c, then=models.Value(r)) for c, r in COVERAGE_RANK.items()],
            output_field=models.IntegerField(),
        )
        return self.annotate(locality=rank).order_by("locality", "name", "pk")

    def covering(self, location):
        """Active schemes covering a ``postcodes.services.Location`` (any kind)."""
        return self.active().filter(
            Q(coverage=Coverage.UK)
            | Q(coverage=Coverage.NATION, nation=location.nation)
            | Q(coverage=Coverage.LOCAL_AUTHORITIES, local_authorities=location.lad_code)
            | Q(coverage=Coverage.DISTRICTS, districts=location.outcode)
        )


class SupportScheme(models.Model):
    """A national or local scheme that helps people: its contacts are public."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    summary = models.CharField(max_length=300, help_text="One sentence: who it helps and how.")
    kinds = models.ManyToManyField(HelpKind, blank=True, related_name="schemes")
    topics = models.ManyToManyField(SkillTopic, blank=True, related_name="schemes")
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    opening_hours = models.CharField(max_length=150, blank=True)
    coverage = models.CharField(max_length=20, choices=Coverage.choices, default=Coverage.UK)
    nation = models.CharField(
        max_length=20, choices=Nation.choices, blank=True, help_text="For one-nation schemes."
    )
    local_authorities = models.ManyToManyField(
        LocalAuthority, blank=True, related_name="support_schemes"
    )
    districts = models.ManyToManyField(
        District, blank=True, related_name="support_schemes", verbose_name="postcode districts"
    )
    is_active = models.BooleanField("shown and matched", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupportSchemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("matching:scheme-detail", kwargs={"slug": self.slug})

    @property
    def rank(self) -> int:
        return COVERAGE_RANK[self.coverage]

    def coverage_phrase(self) -> str:
        """Where it works, in words: "the whole UK", "Scotland", "Manchester and Salford"."""
        if self.coverage == Coverage.UK:
            return "the whole UK"
        if self.coverage == Coverage.NATION:
            return self.nation
        if self.coverage == Coverage.LOCAL_AUTHORITIES:
            names = [la.name for la in self.local_authorities.all()]
        else:
            names = [d.outcode for d in self.districts.all()]
        return join_words(names, limit=4)


# ---------------------------------------------------------------------------------------
# Matches


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", "Scheme suggested"
    REVIEW = "review", "Awaiting staff review"
    PROPOSED = "proposed", "Waiting for both to accept"
    INTRODUCED = "introduced", "Introduced"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"
    EXPIRED = "expired", "Expired"


# Matches that count against a volunteer's cap and cover a need's categories.
ACTIVE_PERSON_STATUSES = (MatchStatus.REVIEW, MatchStatus.PROPOSED, MatchStatus.INTRODUCED)
CLOSED_STATUSES = (MatchStatus.DECLINED, MatchStatus.CANCELLED, MatchStatus.EXPIRED)


class Response(models.TextChoices):
    PENDING = "pending", "Not answered yet"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Side(models.TextChoices):
    NEED = "need", "Person needing help"
    OFFER = "offer", "Person offering help"


class MatchQuerySet(models.QuerySet):
    def people(self):
        return self.filter(offer__isnull=False)

    def schemes(self):
        return self.filter(scheme__isnull=False)

    def active(self):
        return self.filter(status__in=ACTIVE_PERSON_STATUSES + (MatchStatus.SUGGESTED,))

    def involving(self, user):
        """Matches where ``user`` is the person in need or the volunteer."""
        return self.filter(Q(need__person=user) | Q(offer__person=user))


class MatchRun(models.Model):
    """One run of the matching engine: what it looked at and what it found."""

    class Trigger(models.TextChoices):
        SAVE = "save", "A need or offer was saved"
        NIGHTLY = "nightly", "Nightly run"
        STAFF = "staff", "Staff re-run"
        RESPONSE = "response", "An introduction was declined"

    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    started_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0)
    needs_considered = models.PositiveIntegerField(default=0)
    offers_considered = models.PositiveIntegerField(default=0)
    introductions = models.PositiveIntegerField(default=0)
    scheme_suggestions = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField("needs flagged", default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"{self.get_trigger_display()} at {self.started_at:%d %b %Y %H:%M}"


class Match(models.Model):
    """A need matched with a support scheme or with another member's offer."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.CASCADE, related_name="matches"
    )
    scheme = models.ForeignKey(
        SupportScheme, null=True, blank=True, on_delete=models.CASCADE, related_name="matches"
    )
    status = models.CharField(max_length=10, choices=MatchStatus.choices, db_index=True)
    distance_km = models.FloatField(null=True, blank=True)
    reason = models.CharField(max_length=300)
    # Category keys ("k3", "t7") of the need that this match covers.
    covers = models.JSONField(default=list, blank=True)
    need_response = models.CharField(
        max_length=10, choices=Response.choices, default=Response.PENDING
    )
    offer_response = models.CharField(
        max_length=10, choices=Response.choices, default=Response.PENDING
    )
    need_responded_at = models.DateTimeField(null=True, blank=True)
    offer_responded_at = models.DateTimeField(null=True, blank=True)
    run = models.ForeignKey(
        MatchRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="matches"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    introduced_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "matches"
        constraints = [
            models.CheckConstraint(
                condition=(Q(offer__isnull=False) & Q(scheme__isnull=True))
                | (Q(offer__isnull=True) & Q(scheme__isnull=False)),
                name="match_offer_xor_scheme",
            ),
            # A pair is proposed once, ever: a declined introduction is never proposed again.
            models.UniqueConstraint(
                fields=["need", "offer"], condition=Q(offer__isnull=False), name="match_need_offer"
            ),
            models.UniqueConstraint(
                fields=["need", "scheme"],
                condition=Q(scheme__isnull=False),
                name="match_need_scheme",
            ),
        ]

    def __str__(self):
        other = f"offer #{self.offer_id}" if self.offer_id else f"scheme “{self.scheme}”"
        return f"Match #{self.pk}: need #{self.need_id} with {other}"

    def get_absolute_url(self):
        return reverse("matching:match-detail", kwargs={"pk": self.pk})

    @property
    def is_introduction(self) -> bool:
        return self.offer_id is not None

    @property
    def is_open(self) -> bool:
        return self.status in (MatchStatus.REVIEW, MatchStatus.PROPOSED)

    @property
    def is_introduced(self) -> bool:
        return self.status == MatchStatus.INTRODUCED

    def side_of(self, user) -> str | None:
        """Which side ``user`` is on (``Side.NEED`` or ``Side.OFFER``), or None."""
        if user is None or not user.is_authenticated:
            return None
        if self.need.person_id == user.pk:
            return Side.NEED
        if self.offer_id and self.offer.person_id == user.pk:
            return Side.OFFER
        return None

    def response_of(self, side: str) -> str:
        return self.need_response if side == Side.NEED else self.offer_response

    def person_on(self, side: str):
        return self.need.person if side == Side.NEED else self.offer.person

    def request_on(self, side: str):
        return self.need if side == Side.NEED else self.offer


class MatchEvent(models.Model):
    """The history of a match: who did what, when."""

    class Action(models.TextChoices):
        CREATED = "created", "Proposed by the matching engine"
        APPROVED = "approved", "Approved by staff"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        INTRODUCED = "introduced", "Both accepted: details exchanged"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Expired unanswered"
        REPORTED = "reported", "Problem reported"
        HELD = "held", "Put on hold for staff review"
        RERUN = "rerun", "Matching re-run by staff"

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=12, choices=Action.choices)
    side = models.CharField(max_length=5, choices=Side.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%d %b %Y %H:%M})"


class MatchReport(models.Model):
    """A member reports a problem with a match; staff look into it."""

    class Reason(models.TextChoices):
        UNSAFE = "unsafe", "I felt unsafe or uncomfortable"
        NO_SHOW = "no_show", "They didn't turn up or reply"
        WRONG = "wrong", "The match isn't right for me"
        MISUSE = "misuse", "Someone misused my details"
        OTHER = "other", "Something else"

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    side = models.CharField(max_length=5, choices=Side.choices)
    reason = models.CharField(max_length=10, choices=Reason.choices)
    details = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff_note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Report on match #{self.match_id}: {self.get_reason_display()}"


# ---------------------------------------------------------------------------------------
# Campaigns


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PREPARING = "preparing", "Preparing the recipient list"
    SENDING = "sending", "Sending"
    PAUSED = "paused", "Paused"
    FINISHED = "finished", "Finished"
    CANCELLED = "cancelled", "Cancelled"


class Campaign(models.Model):
    """An email to every member who opted in: "Do you need help, or can you help?"."""

    subject = models.CharField(max_length=150, default="Do you need help, or can you help?")
    message = models.TextField(
        max_length=5000,
        help_text="Plain text. Links to say you need help or can help, and to stop these "
        "emails, are added below it.",
    )
    status = models.CharField(
        max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    chunk_size = models.PositiveIntegerField(
        default=500, validators=[MinValueValidator(10), MaxValueValidator(5000)]
    )
    recipients_total = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last time a worker made progress."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.subject} ({self.created_at:%d %b %Y})"

    @property
    def is_sending(self) -> bool:
        return self.status == CampaignStatus.SENDING


class Figures(Need):
    """Not a table: the admin's "Figures" page hangs off this proxy."""

    class Meta:
        proxy = True
        verbose_name = "figures"
        verbose_name_plural = "figures"
