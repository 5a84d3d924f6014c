"""Groups: creating and editing them, their area, members and claims."""

from collections import Counter
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.models import ModerationStatus
from core.outbox.services import enqueue
from postcodes.geo import Point, distance_km
from postcodes.models import District
from postcodes.services import Location

from .. import emails
from ..models import (
    MAX_RADIUS_KM,
    AreaType,
    ClaimStatus,
    Group,
    GroupClaim,
    Membership,
    Role,
)
from .errors import CommunityError

# Paths under /communities/ that a group's slug must not take.
RESERVED_SLUGS = {
    "new",
    "register",
    "worked",
    "audit",
    "deserts",
    "guides",
    "pioneers",
    "messages",
    "mine",
    "interest",
}
# A postcode district's centroid is a few kilometres from its edge in a town.
DISTRICT_MARGIN_KM = 3.0


def group_slug(*, name: str, exclude_pk: int | None = None) -> str:
    """A unique slug for a group called ``name`` that no fixed path uses."""
    base = slugify(name)[:200] or "group"
    if base in RESERVED_SLUGS:
        base = f"{base}-group"
    slug, n = base, 1
    taken = Group.objects.exclude(pk=exclude_pk).filter(slug__startswith=base)
    existing = set(taken.values_list("slug", flat=True))
    while slug in existing:
        n += 1
        slug = f"{base}-{n}"
    return slug


def group_area_apply(
    group: Group,
    *,
    area_type: str,
    location: Location | None,
    radius_km: float | None,
    districts: Sequence[District],
) -> None:
    """Set ``group``'s place fields from its area (not saved; the district links are set
    after saving). Raises ``CommunityError`` for a place without a postcode or no districts."""
    group.area_type = area_type
    if area_type == AreaType.PLACE:
        if location is None:
            raise CommunityError(_("A group with a place needs its postcode."))
        group.set_location(location)
        group.radius_km = min(float(radius_km or 1), MAX_RADIUS_KM)
    elif area_type == AreaType.DISTRICTS:
        if not districts:
            raise CommunityError(_("Choose at least one postcode district."))
        centre = Point(
            sum(d.latitude for d in districts) / len(districts),
            sum(d.longitude for d in districts) / len(districts),
        )
        reach = max(distance_km(centre, Point(d.latitude, d.longitude)) for d in districts)
        group.postcode = ""
        group.latitude, group.longitude = centre.lat, centre.lon
        group.outcode = sorted(d.outcode for d in districts)[0]
        group.lad_code = Counter(d.local_authority_id for d in districts).most_common(1)[0][0]
        group.nation = Counter(d.nation for d in districts).most_common(1)[0][0]
        group.radius_km = round(min(reach + DISTRICT_MARGIN_KM, MAX_RADIUS_KM), 1)
    else:
        group.postcode = group.outcode = group.lad_code = group.nation = ""
        group.latitude = group.longitude = group.radius_km = None


def group_create(
    *,
    by,
    name: str,
    kind: str,
    description: str = "",
    tags: Sequence[str] = (),
    area_type: str,
    location: Location | None = None,
    radius_km: float | None = None,
    districts: Sequence[District] = (),
    place_name: str = "",
    website: str = "",
) -> Group:
    """Create a group submitted by ``by``, who becomes its first organiser.

    The group waits for moderation (only its organisers and staff see it until approved).
    Its area is a place (``location`` and ``radius_km``), ``districts``, or none
    (``area_type`` interest, which needs ``tags``). Raises ``CommunityError``.
    """
    with transaction.atomic():
        group = Group(submitted_by=by, submitted_at=timezone.now())
        _group_save(
            group,
            name=name,
            kind=kind,
            description=description,
            tags=tags,
            area_type=area_type,
            location=location,
            radius_km=radius_km,
            districts=districts,
            place_name=place_name,
            website=website,
        )
        Membership.objects.create(group=group, user=by, role=Role.ORGANISER)
    return group


def group_update(
    *,
    group: Group,
    name: str,
    kind: str,
    description: str = "",
    tags: Sequence[str] = (),
    area_type: str,
    location: Location | None = None,
    radius_km: float | None = None,
    districts: Sequence[District] = (),
    place_name: str = "",
    website: str = "",
) -> Group:
    """Save an organiser's changes to ``group`` (its slug stays, so links keep working).

    A rejected group goes back to the moderators: editing it is how organisers fix it.
    """
    with transaction.atomic():
        _group_save(
            group,
            name=name,
            kind=kind,
            description=description,
            tags=tags,
            area_type=area_type,
            location=location,
            radius_km=radius_km,
            districts=districts,
            place_name=place_name,
            website=website,
        )
    return group


def _group_save(
    group: Group,
    *,
    name: str,
    kind: str,
    description: str,
    tags: Sequence[str],
    area_type: str,
    location: Location | None,
    radius_km: float | None,
    districts: Sequence[District],
    place_name: str,
    website: str,
) -> None:
    """Check and save what a member wrote about ``group`` (new or not), with its area,
    districts and tags; a new group gets its slug, a rejected one goes back to the
    moderators. Raises ``CommunityError``."""
    if area_type == AreaType.INTEREST and not tags:
        raise CommunityError(_("A community of interest needs at least one interest tag."))
    group.name = name.strip()
    group.kind = kind
    group.description = description
    group.place_name = place_name
    group.website = website
    if group.moderation_status == ModerationStatus.REJECTED:
        group.moderation_status = ModerationStatus.PENDING
    group_area_apply(
        group, area_type=area_type, location=location, radius_km=radius_km, districts=districts
    )
    if not group.slug:
        group.slug = group_slug(name=group.name)
    group.save()
    group.districts.set(districts if area_type == AreaType.DISTRICTS else [])
    group.tags.set(list(tags))


def group_area_refresh(*, group: Group) -> None:
    """Recompute the circle of a districts group after its districts changed (admin)."""
    if group.area_type != AreaType.DISTRICTS:
        return
    districts = list(group.districts.all())
    if not districts:
        return
    group_area_apply(
        group, area_type=AreaType.DISTRICTS, location=None, radius_km=None, districts=districts
    )
    group.save(
        update_fields=["postcode", "latitude", "longitude", "outcode", "lad_code", "nation"]
        + ["radius_km", "area_type"]
    )


def group_spaces_set(*, group: Group, space_ids: Sequence[int]) -> None:
    """Set the community spaces where ``group`` meets."""
    group.spaces.set(list(space_ids))


def membership_join(*, group: Group, user) -> Membership:
    """Make ``user`` a member of ``group``; raises ``CommunityError`` if they already are."""
    if not group.is_approved:
        raise CommunityError(_("This group is waiting for review: you can join once it is live."))
    try:
        with transaction.atomic():
            return Membership.objects.create(group=group, user=user, role=Role.MEMBER)
    except IntegrityError:
        raise CommunityError(
            _("You are already a member of %(name)s.") % {"name": group.name}
        ) from None


def _last_organiser(membership: Membership) -> bool:
    return (
        membership.role == Role.ORGANISER
        and not Membership.objects.organisers()
        .filter(group_id=membership.group_id)
        .exclude(pk=membership.pk)
        .exists()
    )


def membership_leave(*, group: Group, user) -> None:
    """Take ``user`` out of ``group``. The last organiser cannot leave."""
    membership = Membership.objects.filter(group=group, user=user).first()
    if membership is None:
        raise CommunityError(_("You are not a member of %(name)s.") % {"name": group.name})
    if _last_organiser(membership):
        raise CommunityError(
            _("You are the only organiser. Make another member an organiser before you leave.")
        )
    membership.delete()


def membership_set_role(*, membership: Membership, role: str) -> Membership:
    """Make a member an organiser, or an organiser a member (never the last one)."""
    if role not in Role.values:
        raise CommunityError(_("Choose organiser or member."))
    if role == Role.MEMBER and _last_organiser(membership):
        raise CommunityError(_("A group needs at least one organiser."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def membership_remove(*, membership: Membership) -> None:
    """Remove a member from their group (organisers do this; never the last organiser)."""
    if _last_organiser(membership):
        raise CommunityError(_("A group needs at least one organiser."))
    membership.delete()


def claim_submit(*, group: Group, user, message: str) -> GroupClaim:
    """Record ``user``'s claim to run ``group``; staff confirm or decline it."""
    if group.is_organiser(user):
        raise CommunityError(_("You are already an organiser of %(name)s.") % {"name": group.name})
    try:
        with transaction.atomic():
            return GroupClaim.objects.create(group=group, user=user, message=message)
    except IntegrityError:
        raise CommunityError(
            _("You have already claimed this group: we will email you when staff have checked.")
        ) from None


def claim_decide(*, claim: GroupClaim, confirm: bool, by, note: str = "") -> GroupClaim:
    """Confirm (the claimant becomes an organiser) or decline a pending claim.

    The claimant is emailed once, after the decision commits. Deciding twice is refused.
    """
    with transaction.atomic():
        claim = GroupClaim.objects.select_for_update(of=("self",)).get(pk=claim.pk)
        if claim.status != ClaimStatus.PENDING:
            raise CommunityError(_("This claim has already been decided."))
        claim.status = ClaimStatus.CONFIRMED if confirm else ClaimStatus.DECLINED
        claim.decided_by = by
        claim.decided_at = timezone.now()
        if note:
            claim.note = note
        claim.save(update_fields=["status", "decided_by", "decided_at", "note"])
        if confirm:
            Membership.objects.update_or_create(
                group_id=claim.group_id, user_id=claim.user_id, defaults={"role": Role.ORGANISER}
            )
        enqueue(
            emails.CLAIM_DECISION,
            str(claim.pk),
            to=claim.user.email,
            context={"claim": claim.pk},
        )
    return claim
