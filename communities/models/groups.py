"""Groups, their members and the claims people make on existing listings."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core.models import Moderated, ModeratedQuerySet
from postcodes.geo import NearQuerySet, Point
from postcodes.models import Located

# The largest area a group can cover (a region); also how far beyond a search circle the
# bounding-box prefilter must look for groups whose area reaches into it.
MAX_RADIUS_KM = 80


class GroupKind(models.TextChoices):
    COMMUNITY_GROUP = "community_group", _("Community group")
    COOPERATIVE = "cooperative", _("Co-operative")
    CHARITY = "charity", _("Charity")
    RESIDENTS_ASSOCIATION = "residents_association", _("Residents' association")
    ACTION_GROUP = "action_group", _("Action group")


class AreaType(models.TextChoices):
    PLACE = "place", _("A place and the area around it")
    DISTRICTS = "districts", _("Postcode districts")
    INTEREST = "interest", _("A community of interest, with no place")


class Role(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    MEMBER = "member", _("Member")


class GroupQuerySet(NearQuerySet, ModeratedQuerySet):
    def located(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def of_interest(self):
        """Communities of interest: no place, found by their tags."""
        return self.filter(area_type=AreaType.INTEREST)

    def cooperative_communities(self):
        return self.filter(registered_at__isnull=False)

    def reaching(self, point: Point, km: float):
        """Groups whose area comes within ``km`` of ``point``, nearest centre first.

        A group's area is a circle (its place and radius, or the circle around its
        districts), so a city-wide group shows up in a search in any of its streets.
        Each row gets ``distance_km`` (to the centre of its area).
        """
        return (
            self.within_box(point, km + MAX_RADIUS_KM)
            .with_distance(point)
            .filter(distance_km__lte=Value(float(km)) + Coalesce(F("radius_km"), Value(0.0)))
            .order_by("distance_km", "name")
        )

    def tagged(self, names):
        """Groups with any of the tag ``names`` (case-insensitive), without duplicates."""
        names = [n for n in names if n]
        if not names:
            return self
        match = reduce(or_, (Q(tags__name__iexact=n) for n in names))
        return self.filter(pk__in=Group.objects.filter(match).values("pk"))

    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text) | Q(description__icontains=text) | Q(place_name__icontains=text)
        )

    def with_member_count(self):
        members = (
            Membership.objects.filter(group=OuterRef("pk"))
            .order_by()
            .values("group")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(member_count=Coalesce(Subquery(members), 0))

    def for_cards(self):
        """What a card in a list shows: tags and member counts, in a constant number of queries."""
        return self.with_member_count().prefetch_related("tags")


class Group(Moderated, Located):
    """A community group, co-operative, charity, residents' association or action group.

    Its area is a place with a radius, a set of postcode districts (stored too as the circle
    around them, so "near me" searches treat both alike), or nothing at all for a community
    of interest. A group that registers as a co-operative community has ``registered_at``
    set and makes commitments.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=GroupKind.choices,
        default=GroupKind.COMMUNITY_GROUP,
        db_index=True,
    )
    description = models.TextField(_("description"), blank=True, max_length=10_000)
    tags = TaggableManager(blank=True, help_text=_("Interests, separated by commas."))
    area_type = models.CharField(
        _("area"), max_length=20, choices=AreaType.choices, default=AreaType.PLACE, db_index=True
    )
    place_name = models.CharField(
        _("place"), max_length=120, blank=True, help_text=_("The place in words, like Ancoats.")
    )
    radius_km = models.FloatField(_("radius (km)"), null=True, blank=True)
    districts = models.ManyToManyField(
        "postcodes.District",
        verbose_name=_("districts"),
        blank=True,
        related_name="community_groups",
    )
    website = models.URLField(_("website"), blank=True, max_length=300)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        through="Membership",
        related_name="community_groups",
    )
    spaces = models.ManyToManyField(
        "spaces.Space",
        verbose_name=_("spaces"),
        blank=True,
        related_name="community_groups",
        help_text=_("Community spaces where the group meets."),
    )
    registered_at = models.DateTimeField(
        _("registered as a co-operative community"), null=True, blank=True, db_index=True
    )
    last_reviewed_at = models.DateTimeField(_("last reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="group_lat_lon")]
        constraints = [
            models.CheckConstraint(
                condition=Q(radius_km__isnull=True) | Q(radius_km__gt=0, radius_km__lte=100),
                name="group_radius_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("communities:group-detail", kwargs={"slug": self.slug})

    def area_summary(self, districts=None) -> str:
        """The group's area in words, for cards and the page."""
        if self.area_type == AreaType.INTEREST:
            return "A community of interest, anywhere"
        if self.area_type == AreaType.DISTRICTS:
            outcodes = districts if districts is not None else self.district_codes()
            return "Postcode districts " + ", ".join(outcodes) if outcodes else "No area yet"
        where = self.place_name or self.postcode
        if self.radius_km:
            return f"Within {self.radius_km:g} km of {where}"
        return where

    def district_codes(self) -> list[str]:
        return sorted(d.outcode for d in self.districts.all())

    def role_of(self, user) -> str | None:
        """The user's role in this group, or None if they are not a member."""
        if not user.is_authenticated:
            return None
        return (
            self.memberships.filter(user=user).values_list("role", flat=True).first()
            if self.pk
            else None
        )

    def is_organiser(self, user) -> bool:
        return self.role_of(user) == Role.ORGANISER

    def organisers(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(
            group_memberships__group=self, group_memberships__role=Role.ORGANISER
        )

    def next_checkin_due(self):
        """When the next yearly check-in is due, or None for a group that has not registered."""
        if not self.registered_at:
            return None
        years = checkin_years_elapsed(self.registered_at, timezone.now())
        return anniversary(self.registered_at, years + 1)


def anniversary(start, years: int):
    """``start`` moved forward ``years`` years (29 February becomes 28 February)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def checkin_years_elapsed(start, now) -> int:
    """Whole years from ``start`` to ``now`` (0 before the first anniversary)."""
    years = now.year - start.year
    if years > 0 and anniversary(start, years) > now:
        years -= 1
    return max(years, 0)


class MembershipQuerySet(models.QuerySet):
    def organisers(self):
        return self.filter(role=Role.ORGANISER)


class Membership(models.Model):
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-role", "joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group"),
        ]

    def __str__(self):
        return f"{self.user} in {self.group} ({self.get_role_display()})"


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for staff")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class GroupClaim(models.Model):
    """A member's claim to run a listing someone else put on the site; staff decide."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="claims"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="group_claims",
    )
    message = models.TextField(
        _("how you are connected to the group"),
        max_length=2000,
        help_text=_("Your role in the group, and anything that helps us check, like its website."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ClaimStatus.choices,
        default=ClaimStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note to the claimant"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(status="pending"),
                name="one_pending_claim_per_member",
            ),
        ]

    def __str__(self):
        return f"{self.user} claims {self.group}"
