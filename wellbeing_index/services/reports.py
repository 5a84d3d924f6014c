"""Reading the index: the report of one area, as the pages and the API show it.

Scores are computed once per area by ``compute_index`` and stored; what this module adds at
request time is cheap: the edition and its catalogue (``editions``), and the area's stored
scores (a council's cached under a key that names the computation).
"""

import json
from dataclasses import dataclass, replace

from django.core.cache import cache, caches
from django.db import connection
from django.utils.translation import gettext_noop

from postcodes.services import Location

from ..models import Area, AreaScore, Level
from .editions import (
    Catalogue,
    EditionRef,
    catalogue_for,
    edition_pick,
)
from .personal_wellbeing_sources import no_figure_reason
from .report_lines import AreaInfo, DomainLine, IndicatorLine, PillarLine, Report, Score
from .sources import NO_DATA_REASONS

AREA_TIMEOUT = 24 * 3600
_MISSING = "-"  # cached marker: "this area has no scores in this edition"


# Councils without a personal wellbeing estimate are ones ONS suppressed (its tables mark
# them "x"; 2020-21: Isles of Scilly, City of London, Oadby and Wigston, Boston; 2022-23:
# data/README.md), unless ``personal_wellbeing_sources.no_figure_reason`` gives another.
SUPPRESSED_REASON = gettext_noop(
    "The Office for National Statistics did not publish this estimate: its survey sample "
    "here was too small for a reliable figure (“estimates are considered unreliable for "
    "practical purposes or are unavailable”)."
)


def _area_cache_key(edition: EditionRef, level: str, code: str) -> str:
    return f"wellbeing:area:{edition.key}:{level}:{code}"


# Levels whose stored scores are kept in caches: a council's are read on the page of every
# postcode in it (361 councils, a few KB each).
KEPT_LEVELS = frozenset({Level.LOCAL_AUTHORITY.value})


def _area_payloads(edition: EditionRef, wanted: list[tuple[str, str]]) -> dict:
    """Stored scores of (level, code) areas: ``{(level, code): (area, parent, scores)}``.

    A council's are kept by each process (the ``fragments`` cache: no round trip) and in
    Redis for the others. A neighbourhood's are read from the database (one indexed query)
    every time: the postcode page and the API keep what they make of them per area, so
    they are seldom read twice, and keeping them cost two Redis round trips (a miss and a
    write) on every first visit to an area."""
    keys = {
        _area_cache_key(edition, level, code): (level, code)
        for level, code in wanted
        if level in KEPT_LEVELS
    }
    local = caches["fragments"]
    found = local.get_many(list(keys))
    if len(found) < len(keys):
        shared = cache.get_many([k for k in keys if k not in found])
        local.set_many(shared, AREA_TIMEOUT)
        found.update(shared)
    payloads = {keys[k]: v for k, v in found.items() if v != _MISSING}
    known = {keys[k] for k in found}
    missing = [area for area in wanted if area not in known]
    if missing:
        fresh = {}
        for row in _stored_scores(edition.pk, sorted({code for _, code in missing})):
            scores, code, name, level, nation, lat, lon, people, basis, left_behind = row[:10]
            if (level, code) not in missing:
                continue
            parent_code, parent_name, parent_level, parent_nation = row[10:]
            fresh[(level, code)] = (
                AreaInfo(code, name, level, nation, lat, lon, people, basis, bool(left_behind)),
                AreaInfo(parent_code, parent_name, parent_level, parent_nation)
                if parent_code
                else None,
                scores if isinstance(scores, dict) else json.loads(scores),
            )
        kept = {
            _area_cache_key(edition, level, code): fresh.get((level, code), _MISSING)
            for level, code in missing
            if level in KEPT_LEVELS
        }
        if kept:
            cache.set_many(kept, AREA_TIMEOUT)
            local.set_many(kept, AREA_TIMEOUT)
        payloads.update(fresh)
    return payloads


# The one query of a first visit to an area, written out: Django took 0.5 to 0.6 ms of CPU
# to build and compile it as a queryset (select_related with only()), the query itself
# 0.1 ms (session 6, bench/README.md).
_STORED_SCORES_SQL = """
    SELECT s.scores, a.code, a.name, a.level, a.nation, a.latitude, a.longitude,
           a.population, a.population_basis, a.left_behind,
           p.code, p.name, p.level, p.nation
    FROM {scores} s
    JOIN {areas} a ON a.id = s.area_id
    LEFT JOIN {areas} p ON p.id = a.parent_id
    WHERE s.edition_id = %s AND a.code IN ({codes})
"""


def _stored_scores(edition_pk: int, codes: list[str]) -> list[tuple]:
    """Rows of (scores, the area's code, name, level, nation, latitude, longitude,
    population, population basis, left behind, its parent's code, name, level, nation) of
    the areas with ``codes`` in an edition."""
    sql = _STORED_SCORES_SQL.format(
        scores=AreaScore._meta.db_table,
        areas=Area._meta.db_table,
        codes=", ".join(["%s"] * len(codes)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [edition_pk, *codes])
        return cursor.fetchall()


def _report_build(catalogue: Catalogue, area: AreaInfo, parent, scores: dict) -> Report:
    uk = catalogue.benchmarks.get((area.level, ""), {})
    home = catalogue.benchmarks.get((area.level, area.nation), {})
    lines = _IndicatorLines(catalogue, scores.get("i", {}), uk, home)
    domain_lines = _domain_lines(catalogue, area, scores, uk, home, lines)
    pillar_lines = tuple(
        PillarLine(
            slug=slug,
            name=name,
            score=_score(scores, uk, home, "p", slug),
            domains=tuple(d for d in domain_lines if d.info.pillar == slug),
        )
        for slug, name in catalogue.pillars
    )
    strongest, weakest = _strongest_and_weakest(domain_lines)
    return Report(
        edition_year=catalogue.edition.year,
        edition_key=catalogue.edition.key,
        area=area,
        parent=parent,
        overall=Score(scores.get("o"), uk.get("o"), home.get("o")),
        pillars=pillar_lines,
        domains=tuple(domain_lines),
        wellbeing=lines.beside(catalogue.beside, area.level, area.code),
        strongest=strongest,
        weakest=weakest,
        unmeasured=tuple(d for d in domain_lines if not d.measured),
    )


def _score(scores: dict, uk: dict, home: dict, kind: str, slug: str) -> Score:
    """A pillar's (``kind`` "p") or domain's ("d") score with the UK and nation averages."""
    return Score(
        scores.get(kind, {}).get(slug), uk.get(kind, {}).get(slug), home.get(kind, {}).get(slug)
    )


class _IndicatorLines:
    """Makes an area's indicator lines: its raw value and score beside the averages."""

    def __init__(self, catalogue: Catalogue, indicator_scores: dict, uk: dict, home: dict):
        self.catalogue = catalogue
        self.indicator_scores = indicator_scores
        self.uk = uk.get("i", {})
        self.home = home.get("i", {})

    def line(self, code: str, *, no_data_reason: str = "") -> IndicatorLine | None:
        pair = self.indicator_scores.get(code)
        if pair is None and not no_data_reason:
            return None
        pair = pair or (None, None)
        uk_pair = self.uk.get(code) or (None, None)
        home_pair = self.home.get(code) or (None, None)
        return IndicatorLine(
            info=self.catalogue.indicators[code],
            value=pair[0],
            score=pair[1],
            uk_value=uk_pair[0],
            nation_value=home_pair[0],
            uk_score=uk_pair[1],
            nation_score=home_pair[1],
            no_data_reason="" if pair[0] is not None else no_data_reason,
        )

    def beside(self, codes, level: str, area_code: str) -> tuple[IndicatorLine, ...]:
        """The lines of the indicators shown beside the domains (ONS personal wellbeing)
        that are published for areas of ``level``; one the area has no value of is there
        with no value and the publisher's reason, not left out."""
        earlier = self.catalogue.earlier

        def line(code):
            reason = no_figure_reason(code, area_code) or SUPPRESSED_REASON
            return self.line(code, no_data_reason=reason)

        return tuple(
            replace(line(code), earlier=line(earlier[code]) if code in earlier else None)
            for code in codes
            if self.catalogue.indicators[code].level == level
        )

    def of(self, codes) -> tuple[IndicatorLine, ...]:
        """The lines of the indicators ``codes`` that the area has a value of."""
        return tuple(filter(None, (self.line(c) for c in codes)))


def _domain_lines(
    catalogue: Catalogue, area: AreaInfo, scores: dict, uk: dict, home: dict, lines
) -> list[DomainLine]:
    measured = set(catalogue.scored_domains.get(area.level, set()))
    if area.level == Level.NEIGHBOURHOOD:
        # A neighbourhood takes its council's figure where only councils are measured.
        measured |= catalogue.scored_domains.get(Level.LOCAL_AUTHORITY.value, set())
    from_parent = set(scores.get("dp", ()))
    return [
        DomainLine(
            info=info,
            score=_score(scores, uk, home, "d", info.slug),
            indicators=lines.of(catalogue.indicators_by_domain.get(info.slug, ())),
            measured=info.slug in measured,
            from_parent=info.slug in from_parent,
            no_data_reason=NO_DATA_REASONS.get((info.slug, area.nation), ""),
        )
        for info in catalogue.domains
    ]


def _strongest_and_weakest(domain_lines: list[DomainLine]) -> tuple[tuple, tuple]:
    """The three strongest domains (best first) and the three weakest (worst first)."""
    with_data = sorted(
        (d for d in domain_lines if d.score.has_data), key=lambda d: (d.score.value, d.name)
    )
    weakest = tuple(with_data[:3])
    strongest = tuple(sorted(with_data[-3:], key=lambda d: -d.score.value))
    if len(with_data) < 6:
        # Too few scored domains for two distinct groups of three: split them.
        half = (len(with_data) + 1) // 2
        weakest = tuple(with_data[:half])
        strongest = tuple(reversed(with_data[half:]))
    return strongest, weakest


def area_report(*, level: str, code: str, year: int | None = None) -> Report | None:
    """The report of one area (``level``, ``code``) in the latest edition or ``year``'s.

    Returns None when no computed edition has scores for that area.
    """
    edition = edition_pick(year)
    if edition is None:
        return None
    payload = _area_payloads(edition, [(level, code)]).get((level, code))
    if payload is None:
        return None
    return _report_build(catalogue_for(edition), *payload)


@dataclass(frozen=True)
class PostcodeReports:
    """What the index knows about a postcode: the finest area with scores, and its council."""

    location: Location
    report: Report | None  # the finest area with scores (neighbourhood, else council)
    council: Report | None  # the council's report when ``report`` is a neighbourhood's

    @property
    def is_neighbourhood(self) -> bool:
        return self.report is not None and self.report.area.level == Level.NEIGHBOURHOOD


def postcode_reports(*, location: Location, year: int | None = None) -> PostcodeReports:
    """Reports for a looked-up postcode: its neighbourhood (when the full postcode directory
    gives its small area and that has scores) and its council area."""
    edition = edition_pick(year)
    if edition is None:
        return PostcodeReports(location=location, report=None, council=None)
    wanted = [(Level.LOCAL_AUTHORITY.value, location.lad_code)]
    if location.small_area_code:
        wanted.insert(0, (Level.NEIGHBOURHOOD.value, location.small_area_code))
    payloads = _area_payloads(edition, wanted)
    catalogue = catalogue_for(edition)
    reports = [_report_build(catalogue, *payloads[key]) for key in wanted if key in payloads]
    if not reports:
        return PostcodeReports(location=location, report=None, council=None)
    main = reports[0]
    council = reports[1] if len(reports) > 1 else None
    return PostcodeReports(location=location, report=main, council=council)


def council_neighbourhoods(*, code: str, year: int | None = None) -> list[tuple[AreaInfo, dict]]:
    """The neighbourhoods of one council with their overall and pillar scores, lowest first."""
    edition = edition_pick(year)
    if edition is None:
        return []
    rows = (
        AreaScore.objects.filter(
            edition_id=edition.pk,
            area__level=Level.NEIGHBOURHOOD,
            area__parent__level=Level.LOCAL_AUTHORITY,
            area__parent__code=code,
        )
        .select_related("area")
        .only("overall", "scores", "area__code", "area__name", "area__level", "area__nation")
        .order_by("overall", "area__code")
    )
    return [
        (
            AreaInfo(r.area.code, r.area.name, r.area.level, r.area.nation),
            {"overall": r.overall, **r.scores.get("p", {})},
        )
        for r in rows
    ]
