"""Public reads of the communities app, for other capability apps to call."""

from django.db.models import Exists, OuterRef, QuerySet

from postcodes.geo import Point

from .models import Group, Membership, Pioneer, Role


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
