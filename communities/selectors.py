"""Public reads of the communities app, for other capability apps to call."""

from collections import Counter, defaultdict

from django.db.models import Exists, OuterRef, QuerySet

from postcodes.geo import Point

from .models import AreaType, Group, GroupKind, Membership, Pioneer, Role


def groups_near(*, point: Point, km: float = 10, tags=None, limit: int | None = 6) -> list[Group]:
    """Approved groups whose area comes within ``km`` of ``point``, nearest first.

    Each has ``distance_km`` (to the centre of its area) and ``member_count``; a group
    covering a whole city is "near" anywhere in it. ``tags`` (names, any case) keeps groups
    with any of them. Communities of interest have no place and are never returned.
    """
    qs = Group.objects.approved().reaching(point, km)
    if tags:
        qs = qs.tagged(list(tags))
    qs = qs.for_cards()
    return list(qs[:limit] if limit else qs)


def groups_at_space(*, space_id: int, limit: int | None = 10) -> list[Group]:
    """Approved groups that say they meet at one community space, by name."""
    qs = Group.objects.approved().filter(spaces=space_id).prefetch_related("tags")
    return list(qs[:limit] if limit else qs)


def groups_organised_by(*, user) -> QuerySet[Group]:
    """Approved groups in which ``user`` is an organiser, by name (none for anonymous users).

    A queryset (of ``id`` and ``name`` only), so a form can offer it as choices and check
    the one picked against it.
    """
    if not getattr(user, "is_authenticated", False):
        return Group.objects.none()
    organises = Membership.objects.filter(group=OuterRef("pk"), user=user, role=Role.ORGANISER)
    return Group.objects.approved().filter(Exists(organises)).only("id", "name").order_by("name")


def pioneers_near(*, point: Point, km: float = 10, limit: int | None = 4) -> list[Pioneer]:
    """Active Member Pioneers whose area comes within ``km`` of ``point``, nearest first."""
    qs = Pioneer.objects.reaching(point, km)
    return list(qs[:limit] if limit else qs)


def group_counts_by_area(*, by_district: bool = False) -> dict[str, tuple[int, int, int]]:
    """For each local authority (by code), or each postcode district (by outcode) when
    ``by_district``: how many approved groups with a place are there, how many of them are
    co-operatives and how many co-operative communities, as ``(groups, co-operatives,
    communities)``. A group whose area is a list of districts counts in each of them (once
    per local authority). Two queries, whatever the data."""
    group_districts = defaultdict(set)
    for group_id, outcode, lad_code in Group.districts.through.objects.filter(
        group__moderation_status="approved", group__area_type=AreaType.DISTRICTS
    ).values_list("group_id", "district_id", "district__local_authority_id"):
        group_districts[group_id].add(outcode if by_district else lad_code)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    groups = (
        Group.objects.approved()
        .exclude(area_type=AreaType.INTEREST)
        .values_list("pk", "kind", "registered_at", "outcode", "lad_code", "area_type")
    )
    for pk, kind, registered_at, outcode, lad_code, area_type in groups:
        own = outcode if by_district else lad_code
        codes = group_districts.get(pk) if area_type == AreaType.DISTRICTS else None
        for code in codes or {own}:
            count = counts[code]
            count[0] += 1
            count[1] += kind == GroupKind.COOPERATIVE
            count[2] += registered_at is not None
    return {code: tuple(count) for code, count in counts.items()}


def pioneer_counts_by_area(*, by_district: bool = False) -> dict[str, int]:
    """How many active Member Pioneers live in each local authority (by code), or each
    postcode district (by outcode) when ``by_district``. One query."""
    field = "outcode" if by_district else "lad_code"
    return dict(Counter(Pioneer.objects.active().values_list(field, flat=True)))


def _tagged_with_any(prefix: str, tags):
    """A filter: tagged (through ``prefix``) with any of ``tags``, in any case; None for no
    tags."""
    from django.db.models import Q
    from django.db.models.functions import Lower
    from taggit.models import Tag

    names = sorted({t.lower() for t in tags if t})
    if not names:
        return None
    # One filter on the ids of the matching tags, not an OR of a case-insensitive match per
    # name: each of those is a join for the ORM to build, and building them was a fifth of
    # the wellbeing page's first visit ("what you can do").
    matching = Tag.objects.annotate(lower_name=Lower("name")).filter(lower_name__in=names)
    return Q(**{f"{prefix}__in": matching.values("pk")})


def guides_tagged(*, tags, limit: int = 12) -> list[tuple]:
    """Published guides tagged with any of ``tags`` (any case), as (guide, its tag names in
    lower case); one query for the guides and one for their tags."""
    from .models import Guide

    condition = _tagged_with_any("tags", tags)
    if condition is None:
        return []
    guides = (
        Guide.objects.published()
        .filter(condition)
        .distinct()
        .order_by("step", "order", "title")
        .prefetch_related("tags")[:limit]
    )
    return [(g, frozenset(t.name.lower() for t in g.tags.all())) for g in guides]


def commitments_tagged(*, tags, limit: int = 12) -> list[tuple]:
    """Public commitments of co-operative communities whose group is tagged with any of
    ``tags``, achieved first then furthest along, as (commitment, the group's tag names in
    lower case); each carries its group, status and progress."""
    from .models import Commitment

    condition = _tagged_with_any("group__tags", tags)
    if condition is None:
        return []
    commitments = (
        Commitment.objects.public()
        .filter(condition)
        .distinct()
        .select_related("group")
        .prefetch_related("group__tags")
        .order_by("status", "-progress_total", "pk")[:limit]
    )
    return [(c, frozenset(t.name.lower() for t in c.group.tags.all())) for c in commitments]


def groups_published(*, search: str = "", kinds=(), near=None) -> QuerySet[Group]:
    """Approved groups with a place (those a directory can point people to), by name, with
    their interests. ``kinds`` (``GroupKind`` values) keeps groups of those kinds; ``near``
    (a ``(Point, km)`` pair) keeps groups whose place is within ``km``, nearest first, each
    with ``distance_km``."""
    qs = Group.objects.approved().filter(latitude__isnull=False)
    if search:
        qs = qs.filter(name__icontains=search)
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    if near is not None:
        point, km = near
        qs = qs.near(point, km).order_by("distance_km", "pk")
    else:
        qs = qs.order_by("name", "pk")
    return qs.prefetch_related("tags")


def group_kinds() -> list[tuple[str, str]]:
    """Every kind of group, as (value, label)."""
    return list(GroupKind.choices)
