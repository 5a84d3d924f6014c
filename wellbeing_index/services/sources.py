"""The open data behind the default data set: each nation's index of deprivation and ONS
personal wellbeing, which of the nine domains each measure speaks for, and the indicator
definitions written to ``wellbeing_index/data/indicators.csv``."""

from dataclasses import dataclass

from ..models import Level
from .civic_sources import CIVIC_INDICATORS
from .council_files import MORE_INDICATORS, NO_DATA_REASONS  # noqa: F401 (re-exported)
from .health_index_sources import HEALTH_INDEX_INDICATORS
from .inequality import INCOME_GAP_INDICATOR
from .personal_wellbeing_sources import NOTE as NEWEST_WELLBEING_NOTE
from .personal_wellbeing_sources import ONS_LOCAL_WELLBEING_URL, PERIOD_CODE
from .personal_wellbeing_sources import SOURCE as NEWEST_WELLBEING_SOURCE

OGL = "Open Government Licence v3.0"
ONS_WELLBEING_URL = (
    "https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/datasets/"
    "headlineestimatesofpersonalwellbeing"
)
HUMANIVERSE = "humaniverse/IMD package (British Red Cross)"


@dataclass(frozen=True)
class DeprivationIndex:
    slug: str
    nation: str
    label: str
    short: str
    publisher: str
    url: str
    year: int
    domains: dict  # measure → the index's own name for that domain


# The English indices (2019 and 2025) name their seven domains alike.
ENGLISH_DOMAINS = {
    "income": "Income",
    "employment": "Employment",
    "education": "Education, skills and training",
    "health": "Health deprivation and disability",
    "crime": "Crime",
    "access": "Barriers to housing and services",
    "environment": "Living environment",
}

INDICES = {
    "iod2025": DeprivationIndex(
        "iod2025",
        "England",
        "English Indices of Deprivation 2025",
        "IoD 2025",
        "Ministry of Housing, Communities and Local Government",
        "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2025",
        2025,
        ENGLISH_DOMAINS,
    ),
    "iod2019": DeprivationIndex(
        "iod2019",
        "England",
        "English Indices of Deprivation 2019",
        "IoD 2019",
        "Ministry of Housing, Communities and Local Government",
        "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019",
        2019,
        ENGLISH_DOMAINS,
    ),
    "wimd2019": DeprivationIndex(
        "wimd2019",
        "Wales",
        "Welsh Index of Multiple Deprivation 2019",
        "WIMD 2019",
        "Welsh Government",
        "https://www.gov.wales/welsh-index-multiple-deprivation",
        2019,
        {
            "income": "Income",
            "employment": "Employment",
            "education": "Education",
            "health": "Health",
            "crime": "Community safety",
            "access": "Access to services",
            "housing": "Housing",
            "environment": "Physical environment",
        },
    ),
    "simd2020": DeprivationIndex(
        "simd2020",
        "Scotland",
        "Scottish Index of Multiple Deprivation 2020",
        "SIMD 2020",
        "Scottish Government",
        "https://www.gov.scot/collections/scottish-index-of-multiple-deprivation-2020/",
        2020,
        {
            "income": "Income",
            "employment": "Employment",
            "education": "Education, skills and training",
            "health": "Health",
            "crime": "Crime",
            "access": "Geographic access to services",
            "housing": "Housing",
        },
    ),
    "nimdm2017": DeprivationIndex(
        "nimdm2017",
        "Northern Ireland",
        "Northern Ireland Multiple Deprivation Measure 2017",
        "NIMDM 2017",
        "Northern Ireland Statistics and Research Agency (NISRA)",
        "https://www.nisra.gov.uk/statistics/deprivation/"
        "northern-ireland-multiple-deprivation-measure-2017-nimdm2017",
        2017,
        {
            "income": "Income",
            "employment": "Employment",
            "education": "Education, skills and training",
            "health": "Health deprivation and disability",
            "crime": "Crime and disorder",
            "access": "Proximity to services",
            "environment": "Living environment",
        },
    ),
}
# Which of the nine domains each deprivation measure speaks for, and what it measures.
MEASURES = {
    "income": ("economy", "People on low incomes: claiming means-tested benefits or credits."),
    "employment": (
        "economy",
        "Working-age people out of work through unemployment, sickness or caring.",
    ),
    "education": (
        "education",
        "Attainment and skills of children and adults, and staying on in education.",
    ),
    "health": ("health", "Premature death, illness, disability and poor mental health."),
    "crime": (
        "relationships-trust",
        "Recorded crime against people and property (community safety in Wales).",
    ),
    "access": (
        "transport",
        "Travel time or distance to services such as GPs, schools, shops and post offices; "
        "in England it also covers housing affordability and overcrowding.",
    ),
    "housing": ("housing", "Overcrowding, homes without central heating and poor housing quality."),
    "environment": (
        "housing",
        "Housing condition, air quality, road traffic accidents and access to green space "
        "(what each nation counts differs).",
    ),
}
COUNCIL_INDEX = {
    "England": "iod2025",
    "Wales": "wimd2019",
    "Scotland": "simd2020",
    "Northern Ireland": "nimdm2017",
}
NEIGHBOURHOOD_INDEX = {
    "IoD2019 (England)": "iod2019",
    "WIMD2019 (Wales)": "wimd2019",
    "SIMD2020 (Scotland)": "simd2020",
    "NIMDM2017 (Northern Ireland)": "nimdm2017",
}
WELLBEING = [
    (
        "life_satisfaction",
        "life-satisfaction",
        "Life satisfaction",
        "higher",
        "Average answer to “Overall, how satisfied are you with your life nowadays?” "
        "(0 = not at all, 10 = completely).",
    ),
    (
        "happiness",
        "happiness",
        "Happiness",
        "higher",
        "Average answer to “Overall, how happy did you feel yesterday?” "
        "(0 = not at all, 10 = completely).",
    ),
    (
        "worthwhile",
        "worthwhile",
        "Feeling that things done in life are worthwhile",
        "higher",
        "Average answer to “Overall, to what extent do you feel the things you do in your "
        "life are worthwhile?” (0 = not at all, 10 = completely).",
    ),
    (
        "anxiety",
        "anxiety",
        "Anxiety",
        "lower",
        "Average answer to “Overall, how anxious did you feel yesterday?” "
        "(0 = not at all, 10 = completely): lower is better.",
    ),
]
WELLBEING_NOTE = (
    " Collected April 2020 to March 2021, partly during COVID-19. Seven councils created "
    "since 2019 carry the mean of their predecessor districts; four councils' estimates were "
    "suppressed by ONS (no data)."
)
DEFINITION_HEADER = [
    "code",
    "name",
    "domain",
    "level",
    "unit",
    "direction",
    "ranking",
    "source",
    "source_url",
    "licence",
    "year",
    "period",
    "description",
    "order",
]


def indicator_definitions() -> list[dict]:
    """The indicator definitions of the default data set, in display order."""
    rows = [
        *_council_definitions(),
        *_more_definitions(),
        *_neighbourhood_definitions(),
        *_wellbeing_definitions(),
    ]
    return [{**row, "order": order} for order, row in enumerate(rows, start=1)]


def _council_definitions() -> list[dict]:
    """Each nation's deprivation domains as council summaries: the share of the council's
    neighbourhoods in the nation's most deprived 10%."""
    rows = []
    for nation, slug in COUNCIL_INDEX.items():
        index = INDICES[slug]
        source = (
            f"{index.label}, {index.publisher}: File 10, local authority summaries"
            if slug == "iod2025"
            else f"{index.label}, {index.publisher}: council summary computed by the "
            f"{HUMANIVERSE} from small-area ranks, weighted by mid-2019 population"
        )
        rows += _domain_definitions(
            index,
            scope=f"{slug}-council",
            level=Level.LOCAL_AUTHORITY,
            unit=f"% of neighbourhoods in {nation}'s most deprived 10%",
            direction="lower",
            source=source,
            about=(
                f"Share of the council's neighbourhoods among the most deprived 10% in "
                f"{nation} on this domain."
            ),
        )
    return rows


def _more_definitions() -> list[dict]:
    """Council figures for culture, equality and voice (``MORE_INDICATORS``), the Health
    Index ones (``HEALTH_INDEX_INDICATORS``) and the second figures for voice, relationships,
    transport and culture (``CIVIC_INDICATORS``)."""
    return [
        {**row, "level": Level.LOCAL_AUTHORITY.value}
        for row in (
            *MORE_INDICATORS,
            INCOME_GAP_INDICATOR,
            *HEALTH_INDEX_INDICATORS,
            *CIVIC_INDICATORS,
        )
    ]


def _neighbourhood_definitions() -> list[dict]:
    """Each nation's deprivation domains for its small areas, as deciles."""
    rows = []
    for nation_index in NEIGHBOURHOOD_INDEX.values():
        index = INDICES[nation_index]
        rows += _domain_definitions(
            index,
            scope=f"{index.slug}-neighbourhood",
            level=Level.NEIGHBOURHOOD,
            unit=f"decile within {index.nation} (1 = most deprived, 10 = least)",
            direction="higher",
            source=(
                f"{index.label}, {index.publisher}: small-area ranks and deciles "
                f"(via the {HUMANIVERSE})"
            ),
            about=(
                f"The neighbourhood's decile on this domain among all of {index.nation}'s "
                f"small areas."
            ),
        )
    return rows


def _domain_definitions(
    index, *, scope: str, level: Level, unit: str, direction: str, source: str, about: str
) -> list[dict]:
    """One definition per deprivation domain of ``index``; ``about`` opens each description."""
    rows = []
    for measure, domain_name in index.domains.items():
        domain, description = MEASURES[measure]
        rows.append(
            {
                "code": f"{measure}-{scope}",
                "name": f"{domain_name} ({index.short})",
                "domain": domain,
                "level": level.value,
                "unit": unit,
                "direction": direction,
                "ranking": "nation",
                "source": source,
                "source_url": index.url,
                "licence": OGL,
                "year": index.year,
                "period": "",
                "description": f"{about} {description}",
            }
        )
    return rows


# ONS personal wellbeing editions, newest first: (code suffix, source, its URL, year,
# period, note). The newest is shown; the one before it beside it (``editions``).
WELLBEING_EDITIONS = [
    (
        f"-{PERIOD_CODE}",
        NEWEST_WELLBEING_SOURCE,
        ONS_LOCAL_WELLBEING_URL,
        2023,
        "April 2022 to March 2023",
        NEWEST_WELLBEING_NOTE,
    ),
    (
        "",
        "Office for National Statistics: Personal well-being in the UK, April 2020 to March "
        "2021, local authority update (Annual Population Survey)",
        ONS_WELLBEING_URL,
        2021,
        "April 2020 to March 2021",
        WELLBEING_NOTE,
    ),
]


def _wellbeing_definitions() -> list[dict]:
    """ONS personal wellbeing of each council, shown beside the domains (not scored), one
    set of four measures per edition (``WELLBEING_EDITIONS``)."""
    return [
        {
            "code": f"{code}{suffix}-council",
            "name": name,
            "domain": "",
            "level": Level.LOCAL_AUTHORITY.value,
            "unit": "mean rating, 0 to 10",
            "direction": direction,
            "ranking": "uk",
            "source": source,
            "source_url": url,
            "licence": OGL,
            "year": year,
            "period": period,
            "description": description + note,
        }
        for suffix, source, url, year, period, note in WELLBEING_EDITIONS
        for _column, code, name, direction, description in WELLBEING
    ]
