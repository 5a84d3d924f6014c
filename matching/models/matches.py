"""Matches: the runs that propose them, each match and its history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .requests import Need, Offer
from .schemes import SupportScheme


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Scheme suggested")
    REVIEW = "review", _("Awaiting staff review")
    PROPOSED = "proposed", _("Waiting for both to accept")
    INTRODUCED = "introduced", _("Introduced")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


# Matches that count against a volunteer's cap and cover a need's categories.
ACTIVE_PERSON_STATUSES = (MatchStatus.REVIEW, MatchStatus.PROPOSED, MatchStatus.INTRODUCED)
CLOSED_STATUSES = (MatchStatus.DECLINED, MatchStatus.CANCELLED, MatchStatus.EXPIRED)


class Response(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Side(models.TextChoices):
    NEED = "need", _("Person needing help")
    OFFER = "offer", _("Person offering help")


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
        SAVE = "save", _("A need or offer was saved")
        NIGHTLY = "nightly", _("Nightly run")
        STAFF = "staff", _("Staff re-run")
        RESPONSE = "response", _("An introduction was declined")

    trigger = models.CharField(_("trigger"), max_length=10, choices=Trigger.choices)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    seconds = models.FloatField(_("seconds"), default=0)
    needs_considered = models.PositiveIntegerField(_("needs considered"), default=0)
    offers_considered = models.PositiveIntegerField(_("offers considered"), default=0)
    introductions = models.PositiveIntegerField(_("introductions"), default=0)
    scheme_suggestions = models.PositiveIntegerField(_("scheme suggestions"), default=0)
    flagged = models.PositiveIntegerField(_("needs flagged"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"{self.get_trigger_display()} at {self.started_at:%d %b %Y %H:%M}"


class Match(models.Model):
    """A need matched with a support scheme or with another member's offer."""

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="matches"
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="matches",
    )
    scheme = models.ForeignKey(
        SupportScheme,
        verbose_name=_("scheme"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="matches",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MatchStatus.choices, db_index=True
    )
    distance_km = models.FloatField(_("distance km"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    # Category keys ("k3", "t7") of the need that this match covers.
    covers = models.JSONField(_("covers"), default=list, blank=True)
    need_response = models.CharField(
        _("need response"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    offer_response = models.CharField(
        _("offer response"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    need_responded_at = models.DateTimeField(_("need responded at"), null=True, blank=True)
    offer_responded_at = models.DateTimeField(_("offer responded at"), null=True, blank=True)
    run = models.ForeignKey(
        MatchRun,
        verbose_name=_("run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matches",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    introduced_at = models.DateTimeField(_("introduced at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("matches")
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
    def reason_text(self) -> str:
        """Why the match was made, as the person in need reads it, in the active language
        (``reason`` is the staff's record, in the site's language)."""
        from ..reasons import match_reason

        return match_reason(self)

    @property
    def reason_for_volunteer(self) -> str:
        """The reason as the volunteer reads it: what the other person asks for ("needs
        collecting medication", where the person in need reads "offers …")."""
        from ..reasons import match_reason

        return match_reason(self, for_volunteer=True)

    @property
    def status_text(self) -> str:
        """The status in words, saying who we still wait for once one side has accepted
        ("Waiting for the volunteer to accept"), not "Waiting for both" after one said yes."""
        if self.status != MatchStatus.PROPOSED:
            return self.get_status_display()
        need_yes = self.need_response == Response.ACCEPTED
        offer_yes = self.offer_response == Response.ACCEPTED
        if need_yes and not offer_yes:
            return gettext("Waiting for the volunteer to accept")
        if offer_yes and not need_yes:
            return gettext("Waiting for the person asking for help to accept")
        return self.get_status_display()

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
        CREATED = "created", _("Proposed by the matching engine")
        APPROVED = "approved", _("Approved by staff")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        INTRODUCED = "introduced", _("Both accepted: details exchanged")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired unanswered")
        REPORTED = "reported", _("Problem reported")
        HELD = "held", _("Put on hold for staff review")
        RERUN = "rerun", _("Matching re-run by staff")

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    side = models.CharField(_("side"), max_length=5, choices=Side.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%d %b %Y %H:%M})"
