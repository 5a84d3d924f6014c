"""Computing the index from raw values, in one pass per edition.

* Each indicator becomes a 0-100 score by percentile rank among all areas of its level that
  have a value (100 = best, 0 = worst, the indicator's direction respected, tied values
  sharing the mean of their ranks): ``score = (rank - 1) / (n - 1) * 100``; a lone value or
  a group of equal values scores 50. Indicators measured on each nation's own scale are
  ranked within their nation.
* A domain is the mean of its indicators' scores, a pillar the mean of its domains, the
  overall score the mean of the pillars; anything without data is left out (no data is not 0).
* The UK and each nation's averages of every score (and of raw values where they are on one
  scale) are stored per level.
"""

from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean, median, pstdev

import numpy as np
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from scipy.stats import rankdata

from ..models import (
    Area,
    AreaScore,
    Benchmark,
    Direction,
    Domain,
    Edition,
    Indicator,
    IndicatorValue,
    Ranking,
)

ROUND = 2
# Indicators counted from this site's own listings (services/social.py). They stand beside a
# domain's open-data figures: a neighbourhood whose only own indicators in a domain are these
# still takes its council's figures for that domain, and the domain is their mean.
SITE_LISTINGS_PREFIX = "site-"


@dataclass
class ComputeResult:
    edition: Edition
    areas: int
    indicators: int
    values: int


def percentile_scores(values, *, higher_is_better: bool = True) -> np.ndarray:
    """0-100 percentile rank of each value among ``values`` (ties averaged; 100 = best)."""
    data = np.asarray(values, dtype=float)
    n = data.size
    if n == 0:
        return np.empty(0)
    if n == 1:
        return np.array([50.0])
    ranks = rankdata(data if higher_is_better else -data, method="average")
    return (ranks - 1.0) / (n - 1.0) * 100.0


def _mean(numbers) -> float | None:
    numbers = [x for x in numbers if x is not None]
    return fmean(numbers) if numbers else None


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), ROUND)


def index_compute(*, edition: Edition) -> ComputeResult:
    """Recompute every score, UK and nation average of ``edition`` in one transaction.

    Replaces the edition's ``AreaScore`` and ``Benchmark`` rows, stamps ``computed_at`` and
    drops cached reports, so the site shows the new figures straight away.
    """
    with transaction.atomic():
        # One computation per edition at a time: a second one waits for this one's commit.
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        indicators = {
            i.pk: i for i in Indicator.objects.filter(edition=edition).select_related("domain")
        }
        domains = list(Domain.objects.select_related("pillar"))
        by_indicator, value_count = _values_by_indicator(edition)
        areas, parents = {}, {}
        for pk, level, nation, parent_id in Area.objects.values_list(
            "pk", "level", "nation", "parent_id"
        ):
            areas[pk] = (level, nation)
            if parent_id:
                parents[pk] = parent_id
        per_area = _indicator_scores(by_indicator, indicators, areas)
        rows = _area_scores(edition, per_area, indicators, domains, parents)
        benchmarks = _benchmarks(edition, rows, areas, indicators)
        AreaScore.objects.filter(edition=edition).delete()
        AreaScore.objects.bulk_create(rows, batch_size=2000)
        Benchmark.objects.filter(edition=edition).delete()
        Benchmark.objects.bulk_create(benchmarks)
        edition.computed_at = timezone.now()
        edition.save(update_fields=["computed_at"])
        transaction.on_commit(reports_cache_clear)
    return ComputeResult(
        edition=edition, areas=len(rows), indicators=len(by_indicator), values=value_count
    )


def _values_by_indicator(edition: Edition) -> tuple[dict, int]:
    """The edition's raw values as ``{indicator id: ([area ids], [values])}``, and their count."""
    by_indicator: dict[int, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    value_count = 0
    for indicator_id, area_id, value in (
        IndicatorValue.objects.filter(indicator__edition=edition)
        .values_list("indicator_id", "area_id", "value")
        .iterator(chunk_size=20_000)
    ):
        ids, vals = by_indicator[indicator_id]
        ids.append(area_id)
        vals.append(value)
        value_count += 1
    return by_indicator, value_count


def _indicator_scores(by_indicator: dict, indicators: dict, areas: dict) -> dict:
    """Indicator scores, per area: ``{area id: {code: [raw, score]}}``, each indicator
    ranked among all its areas, or within each nation when it is measured that way."""
    per_area: dict[int, dict[str, list]] = defaultdict(dict)
    for indicator_id, (ids, vals) in by_indicator.items():
        indicator = indicators[indicator_id]
        higher = indicator.direction == Direction.HIGHER
        groups: dict[str, list[int]] = defaultdict(list)
        for position, area_id in enumerate(ids):
            key = areas[area_id][1] if indicator.ranking == Ranking.NATION else ""
            groups[key].append(position)
        vals_array = np.asarray(vals, dtype=float)
        for positions in groups.values():
            scores = percentile_scores(vals_array[positions], higher_is_better=higher)
            for position, score in zip(positions, scores, strict=True):
                per_area[ids[position]][indicator.code] = [vals[position], _r(score)]
    return per_area


def _domain_scores(indicator_scores: dict, codes_by_domain: dict) -> dict:
    domain_scores = {}
    for slug, codes in codes_by_domain.items():
        mean = _mean(indicator_scores[c][1] for c in codes if c in indicator_scores)
        if mean is not None:
            domain_scores[slug] = _r(mean)
    return domain_scores


def _inherit(indicator_scores, domain_scores, parent_scores, codes_by_domain) -> list[str]:
    """Give an area its parent council's figures for the domains it has none of (culture,
    equality, voice are measured for councils only): the domain score and the indicators
    behind it. Returns the slugs taken from the parent."""
    taken = []
    for slug, score in parent_scores[1].items():
        if slug in domain_scores:
            own = [c for c in codes_by_domain[slug] if c in indicator_scores]
            if all(c.startswith(SITE_LISTINGS_PREFIX) for c in own):
                _join_parent(slug, indicator_scores, domain_scores, parent_scores, codes_by_domain)
            continue
        domain_scores[slug] = score
        for code in codes_by_domain[slug]:
            if code in parent_scores[0]:
                indicator_scores[code] = parent_scores[0][code]
        taken.append(slug)
    return taken


def _join_parent(slug, indicator_scores, domain_scores, parent_scores, codes_by_domain) -> None:
    """A domain measured for the neighbourhood only by this site's listings: its council's
    indicators of the domain join them, and the domain score is the mean of all of them."""
    codes = codes_by_domain[slug]
    for code in codes:
        if code in parent_scores[0] and code not in indicator_scores:
            indicator_scores[code] = parent_scores[0][code]
    domain_scores[slug] = _r(_mean(indicator_scores[c][1] for c in codes if c in indicator_scores))


def _area_scores(
    edition: Edition,
    per_area: dict,
    indicators: dict,
    domains: list[Domain],
    parents: dict | None = None,
) -> list[AreaScore]:
    """Domains, pillars and overall, per area, as unsaved ``AreaScore`` rows. An area with a
    parent (a neighbourhood in its council) takes the parent's score for a domain it has no
    indicator of; ``scores["dp"]`` lists those domains."""
    parents = parents or {}
    codes_by_domain: dict[str, list[str]] = defaultdict(list)
    for indicator in indicators.values():
        if indicator.domain_id:
            codes_by_domain[indicator.domain.slug].append(indicator.code)
    pillars: dict[str, list[str]] = defaultdict(list)
    for domain in domains:
        pillars[domain.pillar.slug].append(domain.slug)

    own = {
        area_id: (dict(indicator_scores), _domain_scores(indicator_scores, codes_by_domain))
        for area_id, indicator_scores in per_area.items()
    }
    rows = []
    for area_id, (indicator_scores, domain_scores) in own.items():
        parent = own.get(parents.get(area_id))
        taken = _inherit(indicator_scores, domain_scores, parent, codes_by_domain) if parent else []
        pillar_scores = {}
        for slug, members in pillars.items():
            mean = _mean(domain_scores.get(d) for d in members)
            if mean is not None:
                pillar_scores[slug] = _r(mean)
        overall = _r(_mean(pillar_scores.values()))
        scores = {"o": overall, "p": pillar_scores, "d": domain_scores, "i": indicator_scores}
        if taken:
            scores["dp"] = taken
        rows.append(AreaScore(edition=edition, area_id=area_id, overall=overall, scores=scores))
    return rows


def _spread(numbers) -> list | None:
    """[median, standard deviation] of the numbers that are there (None without two)."""
    numbers = [x for x in numbers if x is not None]
    if len(numbers) < 2:
        return None
    return [_r(median(numbers)), _r(pstdev(numbers))]


def _benchmarks(edition, rows, areas, indicators) -> list[Benchmark]:
    """UK-wide and per-nation averages of every score, for each level."""
    ranking = {i.code: i.ranking for i in indicators.values()}
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        level, nation = areas[row.area_id]
        groups[(level, "")].append(row.scores)
        groups[(level, nation)].append(row.scores)
    benchmarks = []
    for (level, nation), members in groups.items():
        overall = _r(_mean(m["o"] for m in members))
        pillar_keys = {k for m in members for k in m["p"]}
        domain_keys = {k for m in members for k in m["d"]}
        indicator_keys = {k for m in members for k in m["i"]}
        indicator_averages = {}
        for code in indicator_keys:
            pairs = [m["i"][code] for m in members if code in m["i"]]
            # Raw values measured on each nation's own scale have no meaningful UK mean.
            raw = (
                None
                if (not nation and ranking.get(code) == Ranking.NATION)
                else _r(_mean(p[0] for p in pairs))
            )
            indicator_averages[code] = [raw, _r(_mean(p[1] for p in pairs))]
        averages = {
            "o": overall,
            "p": {k: _r(_mean(m["p"].get(k) for m in members)) for k in pillar_keys},
            "d": {k: _r(_mean(m["d"].get(k) for m in members)) for k in domain_keys},
            "i": indicator_averages,
            "s": {
                "o": _spread(m["o"] for m in members),
                "p": {k: _spread(m["p"].get(k) for m in members) for k in pillar_keys},
                "d": {k: _spread(m["d"].get(k) for m in members) for k in domain_keys},
            },
        }
        benchmarks.append(
            Benchmark(
                edition=edition,
                level=level,
                nation=nation,
                area_count=len(members),
                averages=averages,
            )
        )
    return benchmarks


def reports_cache_clear() -> None:
    """Forget which edition is current, so every process picks up new scores (this one at
    once, others within ``EDITIONS_LOCAL_SECONDS``)."""
    from .editions import EDITIONS_CACHE_KEY, catalogues_clear

    cache.delete(EDITIONS_CACHE_KEY)
    catalogues_clear()
