"""What co-operative activity exists near a postcode, and where there is none.

It combines groups and Member Pioneers (communities), community spaces and upcoming events,
so it lives in the portal, above those apps, and reads each through its selectors.
"""

from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from communities.models import GroupKind
from communities.selectors import (
    group_counts_by_area,
    groups_near,
    pioneer_counts_by_area,
    pioneers_near,
)
from events.selectors import event_counts_by_local_authority, event_counts_by_outcode, events_near
from postcodes.models import District, LocalAuthority
from postcodes.services import Location
from spaces.selectors import space_counts_by_local_authority, space_counts_by_outcode, spaces_near

# Lists on the audit page stop here; the counts say "500 or more".
AUDIT_CAP = 500


@dataclass
class PlaceAudit:
    location: Location
    km: float
    groups: list = field(default_factory=list)
    cooperatives: list = field(default_factory=list)
    communities: list = field(default_factory=list)
    spaces: list = field(default_factory=list)
    events: list = field(default_factory=list)
    pioneers: list = field(default_factory=list)

    @property
    def is_desert(self) -> bool:
        """No group of any kind, and nothing happening: nothing to join."""
        return not self.groups and not self.events

    @property
    def missing(self) -> list[str]:
        """What a co-operative community here could start, in words."""
        gaps = []
        if not self.cooperatives:
            gaps.append(_("a co-operative"))
        if not self.communities:
            gaps.append(_("a registered co-operative community"))
        if not self.spaces:
            gaps.append(_("a community space"))
        if not self.events:
            gaps.append(_("upcoming events"))
        return gaps


def place_audit(*, location: Location, km: float) -> PlaceAudit:
    """Everything co-operative within ``km`` of ``location``: groups (and, among them,
    co-operatives and co-operative communities), community spaces, upcoming events and
    Member Pioneers, each nearest first (events soonest first)."""
    groups = groups_near(point=location.point, km=km, limit=AUDIT_CAP)
    return PlaceAudit(
        location=location,
        km=km,
        groups=groups,
        cooperatives=[g for g in groups if g.kind == GroupKind.COOPERATIVE],
        communities=[g for g in groups if g.registered_at],
        spaces=spaces_near(point=location.point, km=km, limit=AUDIT_CAP),
        events=events_near(point=location.point, km=km, limit=AUDIT_CAP),
        pioneers=pioneers_near(point=location.point, km=km, limit=6),
    )


class DesertLevel:
    LOCAL_AUTHORITY = "lad"
    DISTRICT = "district"
    CHOICES = [(LOCAL_AUTHORITY, _("Local authorities")), (DISTRICT, _("Postcode districts"))]


@dataclass
class DesertRow:
    code: str
    name: str
    nation: str
    postcodes: int
    groups: int = 0
    cooperatives: int = 0
    communities: int = 0
    pioneers: int = 0
    spaces: int = 0
    events: int = 0
    rank: int = 0

    @property
    def activity(self) -> int:
        """Groups of any kind, plus co-operative communities again (they have made
        commitments), plus Member Pioneers, community spaces and upcoming events."""
        return self.groups + self.communities + self.pioneers + self.spaces + self.events

    @property
    def per_10k(self) -> float | None:
        """Activity per 10,000 live postcodes (a stand-in for population)."""
        if not self.postcodes:
            return None
        return round(self.activity * 10_000 / self.postcodes, 2)


def deserts_rank(*, level: str = DesertLevel.LOCAL_AUTHORITY, areas=None) -> list[DesertRow]:
    """Rank areas from least to most co-operative activity.

    ``level`` is ``"lad"`` (local authorities) or ``"district"`` (postcode districts);
    ``areas`` optionally narrows the areas (a queryset of ``LocalAuthority`` or ``District``,
    e.g. one nation). Activity counts approved groups with a place (a districts group counts
    in each of its districts, once per local authority), co-operative communities again,
    active pioneers, public community spaces (not closed) and upcoming public events held
    there (from the spaces and events apps' public counts); it is weighed against the area's
    live postcodes. Ranking: activity per 10,000 postcodes, lowest first; among equals the
    bigger area first (more people without); then by name. Seven queries (six for
    districts), whatever the data.
    """
    by_district = level == DesertLevel.DISTRICT
    rows = _district_rows(areas) if by_district else _local_authority_rows(areas)
    _count_activity(rows, by_district=by_district)
    return _ranked(rows)


def _district_rows(areas) -> dict[str, DesertRow]:
    """One empty row per postcode district, keyed by outcode, with its live postcodes."""
    areas = (areas if areas is not None else District.objects.all()).select_related(
        "local_authority"
    )
    return {
        d.outcode: DesertRow(
            code=d.outcode,
            name=f"{d.outcode} ({d.local_authority.name})",
            nation=d.nation,
            postcodes=d.live_postcodes,
        )
        for d in areas
    }


def _local_authority_rows(areas) -> dict[str, DesertRow]:
    """One empty row per local authority, keyed by code, with the live postcodes of its
    districts."""
    areas = areas if areas is not None else LocalAuthority.objects.all()
    postcodes = dict(
        District.objects.values("local_authority_id")
        .annotate(n=Sum("live_postcodes"))
        .values_list("local_authority_id", "n")
    )
    return {
        la.code: DesertRow(
            code=la.code, name=la.name, nation=la.nation, postcodes=postcodes.get(la.code, 0)
        )
        for la in areas
    }


def _count_activity(rows: dict[str, DesertRow], *, by_district: bool) -> None:
    """Fill each row's counts from the communities, spaces and events selectors."""
    groups = group_counts_by_area(by_district=by_district)
    pioneers = pioneer_counts_by_area(by_district=by_district)
    if by_district:
        spaces, events = space_counts_by_outcode(), event_counts_by_outcode()
    else:
        spaces, events = space_counts_by_local_authority(), event_counts_by_local_authority()
    for code, row in rows.items():
        if code in groups:
            row.groups, row.cooperatives, row.communities = groups[code]
        row.pioneers = pioneers.get(code, 0)
        row.spaces = spaces.get(code, 0)
        row.events = events.get(code, 0)


def _ranked(rows: dict[str, DesertRow]) -> list[DesertRow]:
    """Least activity per 10,000 postcodes first, then less activity, the bigger area, the
    name; each row's ``rank`` set."""
    ranked = sorted(
        rows.values(),
        key=lambda r: (
            r.per_10k if r.per_10k is not None else float("inf"),
            r.activity,
            -r.postcodes,
            r.name,
        ),
    )
    for i, row in enumerate(ranked, start=1):
        row.rank = i
    return ranked
