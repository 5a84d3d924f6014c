"""This site's own listings as social infrastructure, and the "left behind" flag.

For every neighbourhood with a centre and a population, three indicators of the current
edition, labelled "from this site's listings":

* approved community spaces, approved groups and regular events (activities that repeat, with
  a date to come) within walking distance (``WALKING_KM`` of the neighbourhood's centre, as the
  crow flies), per 10,000 residents within that distance (the residents of every neighbourhood
  whose centre lies within it, its own included);
* spaces and groups count for Relationships & Trust (places to meet, people organising), regular
  events for Culture, Heritage & Leisure. A neighbourhood keeps its council's figures for those
  domains beside them (``scoring.SITE_LISTINGS_PREFIX``).

A neighbourhood is **left behind** when it is in its nation's most deprived 10% (its index of
multiple deprivation decile is 1) and in the lowest fifth of its nation's neighbourhoods for
social infrastructure (the three rates added up, at or below the nation's 20th percentile;
where most neighbourhoods have no listing near them that percentile is 0, and every deprived
one with none is flagged).

The listings are read through ``core.listing_points`` (filled by the portal), so this app
imports no capability. ``social_infrastructure_refresh`` runs nightly (Celery beat) and from
``manage.py compute_social_infrastructure``; it rewrites the three indicators' values, the
flags, and recomputes the edition.
"""

import csv
import gzip
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.db import transaction
from django.utils import timezone
from scipy.spatial import cKDTree

from core import listing_points
from postcodes.geo import EARTH_RADIUS_KM

from ..models import Area, Direction, Domain, Edition, Indicator, IndicatorValue, Level, Ranking
from .dataset import PEOPLE_FILE
from .scoring import SITE_LISTINGS_PREFIX, index_compute

WALKING_KM = 1.2  # about a 15-minute walk
PER_RESIDENTS = 10_000
LOWEST_FIFTH_PERCENTILE = 20
MOST_DEPRIVED_DECILE = 1
SOURCE = "From this site's listings"
LICENCE = "This site's listings (approved by its moderators)"


@dataclass(frozen=True)
class SiteIndicator:
    kind: str  # the key in core.listing_points
    code: str
    name: str
    domain: str
    description: str


SITE_INDICATORS = (
    SiteIndicator(
        "spaces",
        f"{SITE_LISTINGS_PREFIX}spaces",
        "Community spaces listed on this site within walking distance, per 10,000 residents",
        "relationships-trust",
        "Approved community spaces (not closed) within 1.2 km of the neighbourhood's centre.",
    ),
    SiteIndicator(
        "groups",
        f"{SITE_LISTINGS_PREFIX}groups",
        "Community groups listed on this site within walking distance, per 10,000 residents",
        "relationships-trust",
        "Approved groups whose area's centre lies within 1.2 km of the neighbourhood's centre.",
    ),
    SiteIndicator(
        "events",
        f"{SITE_LISTINGS_PREFIX}events",
        "Regular events listed on this site within walking distance, per 10,000 residents",
        "culture",
        "Approved repeating activities with a date to come, held within 1.2 km.",
    ),
)


@dataclass
class SocialResult:
    edition_year: int | None
    neighbourhoods: int = 0
    listings: dict[str, int] = field(default_factory=dict)
    left_behind: int = 0


def _xyz(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points on a sphere of the Earth's radius (km): straight-line distance between two of
    them is the chord of their great-circle distance."""
    lat, lon = np.radians(lat), np.radians(lon)
    return EARTH_RADIUS_KM * np.column_stack(
        (np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat))
    )


def _chord(km: float) -> float:
    return 2 * EARTH_RADIUS_KM * math.sin(km / (2 * EARTH_RADIUS_KM))


def listing_rates(
    centres: np.ndarray, populations: np.ndarray, points: dict[str, list], *, km: float
) -> dict[str, np.ndarray]:
    """Per 10,000 residents within ``km``: for each kind, the listings within ``km`` of each
    centre divided by the residents of the centres within ``km`` (centres are lat/lon rows)."""
    radius = _chord(km)
    xyz = _xyz(centres[:, 0], centres[:, 1])
    tree = cKDTree(xyz)
    residents = np.array(
        [populations[near].sum() for near in tree.query_ball_point(xyz, radius)], dtype=float
    )
    rates = {}
    for kind, kind_points in points.items():
        if kind_points:
            arr = np.asarray(kind_points, dtype=float)
            counts = cKDTree(_xyz(arr[:, 0], arr[:, 1])).query_ball_point(
                xyz, radius, return_length=True
            )
        else:
            counts = np.zeros(len(xyz))
        with np.errstate(divide="ignore", invalid="ignore"):
            rates[kind] = np.where(residents > 0, counts / residents * PER_RESIDENTS, 0.0)
    return rates


def left_behind_flags(
    nations: list[str], deciles: list[int | None], totals: np.ndarray
) -> np.ndarray:
    """True where the decile is the most deprived and the total is in the nation's lowest
    fifth (at or below its 20th percentile)."""
    flags = np.zeros(len(nations), dtype=bool)
    nation_array = np.asarray(nations)
    for nation in set(nations):
        members = nation_array == nation
        threshold = np.percentile(totals[members], LOWEST_FIFTH_PERCENTILE)
        for i in np.flatnonzero(members):
            flags[i] = deciles[i] == MOST_DEPRIVED_DECILE and totals[i] <= threshold
    return flags


def _indicator_for(edition: Edition, site: SiteIndicator, domains: dict, now) -> Indicator:
    indicator, _ = Indicator.objects.update_or_create(
        edition=edition,
        code=site.code,
        defaults={
            "name": site.name,
            "domain": domains[site.domain],
            "level": Level.NEIGHBOURHOOD,
            "unit": "per 10,000 residents",
            "direction": Direction.HIGHER,
            "ranking": Ranking.UK,
            "source": SOURCE,
            "source_url": "",
            "licence": LICENCE,
            "year": now.year,
            "period": f"counted {now:%-d %B %Y}",
            "description": site.description,
            "order": 900,
            "loaded_at": now,
        },
    )
    return indicator


def _flags_write(flagged_ids: list[int]) -> None:
    Area.objects.neighbourhoods().filter(left_behind=True).update(left_behind=False)
    for start in range(0, len(flagged_ids), 500):
        Area.objects.filter(pk__in=flagged_ids[start : start + 500]).update(left_behind=True)


def social_infrastructure_refresh(*, edition: Edition | None = None) -> SocialResult:
    """Count this site's listings near every neighbourhood, store the three indicators in
    ``edition`` (the newest computed, published one by default), set the "left behind" flags
    and recompute the edition. Returns what it did; with no edition it does nothing."""
    edition = edition or Edition.objects.computed().order_by("-year").first()
    if edition is None:
        return SocialResult(edition_year=None)
    rows = list(
        Area.objects.neighbourhoods()
        .filter(latitude__isnull=False, longitude__isnull=False, population__isnull=False)
        .order_by("pk")
        .values_list("pk", "latitude", "longitude", "population", "nation", "deprivation_decile")
    )
    points = listing_points.points_all()
    result = SocialResult(
        edition_year=edition.year,
        neighbourhoods=len(rows),
        listings={kind: len(p) for kind, p in points.items()},
    )
    if rows:
        centres = np.array([(r[1], r[2]) for r in rows], dtype=float)
        rates = listing_rates(
            centres, np.array([r[3] for r in rows], dtype=float), points, km=WALKING_KM
        )
    else:
        rates = {}
    now = timezone.now()
    domains = {d.slug: d for d in Domain.objects.all()}
    with transaction.atomic():
        for site in SITE_INDICATORS:
            if site.kind not in rates:
                Indicator.objects.filter(edition=edition, code=site.code).delete()
                continue
            indicator = _indicator_for(edition, site, domains, now)
            IndicatorValue.objects.filter(indicator=indicator).delete()
            IndicatorValue.objects.bulk_create(
                (
                    IndicatorValue(indicator=indicator, area_id=row[0], value=round(value, 2))
                    for row, value in zip(rows, rates[site.kind], strict=True)
                ),
                batch_size=5000,
            )
        flagged = []
        if rates:
            totals = sum(rates.values())
            flags = left_behind_flags([r[4] for r in rows], [r[5] for r in rows], totals)
            flagged = [row[0] for row, flag in zip(rows, flags, strict=True) if flag]
        _flags_write(flagged)
        result.left_behind = len(flagged)
    index_compute(edition=edition)
    return result


def neighbourhood_people_load(path: Path = PEOPLE_FILE) -> int:
    """Give neighbourhoods their residents, population basis and deprivation decile from
    ``data/neighbourhood_people.csv.gz`` (see its README). Returns how many were updated."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        facts = {row["code"]: row for row in csv.DictReader(handle)}
    changed = []
    # Whole rows, written back in one upsert per batch: ``bulk_update``'s CASE per row took
    # a minute for the 43,000 neighbourhoods, an INSERT … ON CONFLICT (id) UPDATE a second.
    for area in Area.objects.neighbourhoods():
        row = facts.get(area.code)
        if row is None:
            continue
        area.population = int(row["population"]) if row["population"] else None
        area.population_basis = row["basis"]
        area.deprivation_decile = int(row["imd_decile"]) if row["imd_decile"] else None
        changed.append(area)
    Area.objects.bulk_create(
        changed,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["population", "population_basis", "deprivation_decile"],
    )
    return len(changed)
