"""An income gap between a council's own neighbourhoods, for the Equality domain: computed
here from each nation's small-area income deciles (the same deprivation indices as the
neighbourhood figures), so it exists for every council of all four nations.

For a council with n neighbourhoods, k = max(1, round(n / 5)): the mean income decile of its
k least income-deprived neighbourhoods minus that of its k most deprived ones (0 to 9
deciles; 0 = every neighbourhood alike). Neighbourhoods count equally (small areas are built
to hold similar numbers of people). Deciles are within each nation, so councils are ranked
within their nation; lower is better.
"""

from collections import defaultdict

OGL = "Open Government Licence v3.0"
INCOME_GAP_CODE = "income-gap-council"
INCOME_GAP_INDICATOR = {
    "code": INCOME_GAP_CODE,
    "name": "Income gap between the council's neighbourhoods (computed here)",
    "domain": "equality",
    "unit": "gap in deciles, 0 to 9 (least minus most income-deprived fifth)",
    "direction": "lower",
    "ranking": "nation",
    "source": (
        "Computed on this site from each nation's small-area income deciles: IoD 2019 "
        "(MHCLG), WIMD 2019 (Welsh Government), SIMD 2020 (Scottish Government), NIMDM 2017 "
        "(NISRA); neighbourhoods placed in councils by their postcodes"
    ),
    "source_url": "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019",
    "licence": OGL,
    "year": 2019,
    "period": "IoD 2019, WIMD 2019, SIMD 2020, NIMDM 2017",
    "description": (
        "How far apart the council's better-off and worse-off neighbourhoods are on income: "
        "the mean income decile of its least income-deprived fifth of neighbourhoods minus "
        "that of its most deprived fifth (0 = all alike, 9 = the widest gap). An outcome gap "
        "within the council, not an official statistic; lower is better, ranked within each "
        "nation because each nation's deciles are its own."
    ),
}


def income_gap(deciles: list[int]) -> float:
    """Mean of the top fifth minus mean of the bottom fifth (at least one each)."""
    ordered = sorted(deciles)
    k = max(1, round(len(ordered) / 5))
    return sum(ordered[-k:]) / k - sum(ordered[:k]) / k


def council_income_gaps(pairs) -> dict[str, float]:
    """``pairs`` of (council code, income decile), one per neighbourhood with both: the gap
    of each council."""
    by_council: dict[str, list[int]] = defaultdict(list)
    for council, decile in pairs:
        by_council[council].append(decile)
    return {code: income_gap(deciles) for code, deciles in by_council.items()}
