"""Editions of the index and their catalogue: which computation the site shows, and the
pillars, domains, indicators and averages of it, held per process.

A new computation changes the edition's ``computed_at``, which is part of every cache key
(``EditionRef.key``), so nothing stale is ever served.
"""

import threading
import time
from dataclasses import dataclass, field

from django.core.cache import cache

from ..models import Benchmark, Direction, Domain, Edition, Indicator, Pillar, Ranking
from ..welsh_indicators import InTheReadersLanguage

EDITIONS_CACHE_KEY = "wellbeing:editions"
EDITIONS_TIMEOUT = 600
# Each process also remembers the list for a few seconds, saving a cache round trip per page;
# a new computation reaches every process within this time.
EDITIONS_LOCAL_SECONDS = 5.0


@dataclass(frozen=True)
class EditionRef:
    pk: int
    year: int
    stamp: float  # computed_at, as a timestamp: part of every cache key

    @property
    def key(self) -> str:
        return f"{self.pk}:{self.stamp:.6f}"


_editions_memo: tuple[float, list[EditionRef] | None] = (0.0, None)


def editions_available() -> list[EditionRef]:
    """Computed, published editions, newest first (read through the cache)."""
    global _editions_memo
    remembered_at, remembered = _editions_memo
    if remembered is not None and time.monotonic() - remembered_at < EDITIONS_LOCAL_SECONDS:
        return remembered
    refs = cache.get(EDITIONS_CACHE_KEY)
    if refs is None:
        refs = [
            EditionRef(pk=pk, year=year, stamp=computed_at.timestamp())
            for pk, year, computed_at in Edition.objects.computed()
            .order_by("-year")
            .values_list("pk", "year", "computed_at")
        ]
        cache.set(EDITIONS_CACHE_KEY, refs, EDITIONS_TIMEOUT)
    _editions_memo = (time.monotonic(), refs)
    return refs


def edition_pick(year: int | None = None) -> EditionRef | None:
    """The latest computed edition, or the one of ``year``; None when there is none."""
    refs = editions_available()
    if year is None:
        return refs[0] if refs else None
    return next((r for r in refs if r.year == year), None)


@dataclass(frozen=True)
class IndicatorInfo(InTheReadersLanguage):
    code: str
    name: str
    domain: str  # slug, or "" when shown beside the domains
    level: str
    unit: str
    direction: str
    ranking: str
    source: str
    source_url: str
    licence: str
    year: int
    period: str
    description: str

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER

    @property
    def within_nation(self) -> bool:
        return self.ranking == Ranking.NATION

    @property
    def from_site_listings(self) -> bool:
        """Counted from this site's own listings (services/social.py), not open data."""
        return self.code.startswith("site-")


def indicator_facts(info: IndicatorInfo) -> dict:
    """What every figure of an indicator carries, in the API and the downloads alike: which
    way is better, how it is ranked, its year and period, source, source URL and licence."""
    return {
        "better": info.direction,
        "ranked": info.ranking,
        "year": info.year,
        "period": info.period,
        "source": info.source,
        "source_url": info.source_url,
        "licence": info.licence,
    }


@dataclass(frozen=True)
class DomainInfo:
    slug: str
    name: str
    pillar: str
    description: str
    tags: tuple[str, ...]


@dataclass
class Catalogue:
    edition: EditionRef
    pillars: list[tuple[str, str]]
    domains: list[DomainInfo]
    indicators: dict[str, IndicatorInfo]
    benchmarks: dict[tuple[str, str], dict]
    indicators_by_domain: dict[str, list[str]] = field(default_factory=dict)
    beside: list[str] = field(default_factory=list)
    # An indicator shown beside the domains → the same measure's reading before it (ONS
    # personal wellbeing: the newest year is shown, the one before it beside it).
    earlier: dict[str, str] = field(default_factory=dict)
    scored_domains: dict[str, set[str]] = field(default_factory=dict)  # level → domain slugs

    @property
    def unscored_domains(self) -> list[DomainInfo]:
        """The domains no indicator of this edition scores, at any level."""
        scored = set().union(*self.scored_domains.values()) if self.scored_domains else set()
        return [d for d in self.domains if d.slug not in scored]


_catalogues: dict[str, Catalogue] = {}
_catalogue_lock = threading.Lock()


def catalogue_for(edition: EditionRef) -> Catalogue:
    """Pillars, domains, indicators and averages of ``edition``, read once per process."""
    catalogue = _catalogues.get(edition.key)
    if catalogue is not None:
        return catalogue
    with _catalogue_lock:
        pillars = list(Pillar.objects.order_by("order").values_list("slug", "name"))
        domains = [
            DomainInfo(d.slug, d.name, d.pillar.slug, d.description, tuple(d.tag_list))
            for d in Domain.objects.select_related("pillar").order_by("pillar__order", "order")
        ]
        indicators = {}
        for i in (
            Indicator.objects.filter(edition_id=edition.pk)
            .select_related("domain")
            .order_by("order", "code")
        ):
            indicators[i.code] = IndicatorInfo(
                code=i.code,
                name=i.name,
                domain=i.domain.slug if i.domain_id else "",
                level=i.level,
                unit=i.unit,
                direction=i.direction,
                ranking=i.ranking,
                source=i.source,
                source_url=i.source_url,
                licence=i.licence,
                year=i.year,
                period=i.period,
                description=i.description,
            )
        benchmarks = {
            (b.level, b.nation): b.averages for b in Benchmark.objects.filter(edition_id=edition.pk)
        }
        catalogue = Catalogue(
            edition=edition,
            pillars=pillars,
            domains=domains,
            indicators=indicators,
            benchmarks=benchmarks,
        )
        for info in indicators.values():
            if info.domain:
                catalogue.indicators_by_domain.setdefault(info.domain, []).append(info.code)
                catalogue.scored_domains.setdefault(info.level, set()).add(info.domain)
            else:
                catalogue.beside.append(info.code)
        _newest_beside(catalogue)
        # Keep only the newest few catalogues: old computations are never asked for again.
        if len(_catalogues) > 8:
            _catalogues.clear()
        _catalogues[edition.key] = catalogue
    return catalogue


def _newest_beside(catalogue: Catalogue) -> None:
    """Of the indicators shown beside the domains, keep the newest reading of each measure
    (same name and level) and note the one before it as its ``earlier``: a new year of ONS
    personal wellbeing, imported beside the old, takes its place and shows the change."""
    readings: dict[tuple[str, str], list[IndicatorInfo]] = {}
    for code in catalogue.beside:
        info = catalogue.indicators[code]
        readings.setdefault((info.name, info.level), []).append(info)
    newest = set()
    for infos in readings.values():
        infos.sort(key=lambda i: i.year, reverse=True)
        newest.add(infos[0].code)
        if len(infos) > 1:
            catalogue.earlier[infos[0].code] = infos[1].code
    catalogue.beside = [code for code in catalogue.beside if code in newest]


def catalogues_clear() -> None:
    """Forget this process's catalogues and its memory of the editions."""
    global _editions_memo
    with _catalogue_lock:
        _catalogues.clear()
        _editions_memo = (0.0, None)
