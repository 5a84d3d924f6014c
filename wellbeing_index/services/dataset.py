"""The default data set: built from the open data in the shared folder, shipped in
``wellbeing_index/data/``, loaded with the same importer anyone else would use.

``dataset_build`` (``manage.py build_wellbeing_data``) turns the published files into the
three importer files; ``dataset_load_default`` (``manage.py load_wellbeing_data``, and the
demo loader) imports them and computes the index, skipping the work when nothing changed.
"""

import csv
import gzip
import hashlib
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from ..models import Edition, Level

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
AREAS_FILE = DATA_DIR / "areas.csv.gz"
DEFINITIONS_FILE = DATA_DIR / "indicators.csv"
VALUES_FILE = DATA_DIR / "values.csv.gz"
DEFAULT_EDITION = 2025

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


INDICES = {
    "iod2025": DeprivationIndex(
        "iod2025",
        "England",
        "English Indices of Deprivation 2025",
        "IoD 2025",
        "Ministry of Housing, Communities and Local Government",
        "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2025",
        2025,
        {
            "income": "Income",
            "employment": "Employment",
            "education": "Education, skills and training",
            "health": "Health deprivation and disability",
            "crime": "Crime",
            "access": "Barriers to housing and services",
            "environment": "Living environment",
        },
    ),
    "iod2019": DeprivationIndex(
        "iod2019",
        "England",
        "English Indices of Deprivation 2019",
        "IoD 2019",
        "Ministry of Housing, Communities and Local Government",
        "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019",
        2019,
        {
            "income": "Income",
            "employment": "Employment",
            "education": "Education, skills and training",
            "health": "Health deprivation and disability",
            "crime": "Crime",
            "access": "Barriers to housing and services",
            "environment": "Living environment",
        },
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


def _definitions() -> list[dict]:
    rows = []
    order = 0
    for nation, slug in COUNCIL_INDEX.items():
        index = INDICES[slug]
        source = (
            f"{index.label}, {index.publisher}: File 10, local authority summaries"
            if slug == "iod2025"
            else f"{index.label}, {index.publisher}: council summary computed by the "
            f"{HUMANIVERSE} from small-area ranks, weighted by mid-2019 population"
        )
        for measure, domain_name in index.domains.items():
            order += 1
            domain, description = MEASURES[measure]
            rows.append(
                {
                    "code": f"{measure}-{slug}-council",
                    "name": f"{domain_name} ({index.short})",
                    "domain": domain,
                    "level": Level.LOCAL_AUTHORITY.value,
                    "unit": f"% of neighbourhoods in {nation}'s most deprived 10%",
                    "direction": "lower",
                    "ranking": "nation",
                    "source": source,
                    "source_url": index.url,
                    "licence": OGL,
                    "year": index.year,
                    "period": "",
                    "description": (
                        f"Share of the council's neighbourhoods among the most deprived 10% in "
                        f"{nation} on this domain. {description}"
                    ),
                    "order": order,
                }
            )
    for nation_index in NEIGHBOURHOOD_INDEX.values():
        index = INDICES[nation_index]
        for measure, domain_name in index.domains.items():
            order += 1
            domain, description = MEASURES[measure]
            rows.append(
                {
                    "code": f"{measure}-{index.slug}-neighbourhood",
                    "name": f"{domain_name} ({index.short})",
                    "domain": domain,
                    "level": Level.NEIGHBOURHOOD.value,
                    "unit": f"decile within {index.nation} (1 = most deprived, 10 = least)",
                    "direction": "higher",
                    "ranking": "nation",
                    "source": (
                        f"{index.label}, {index.publisher}: small-area ranks and deciles "
                        f"(via the {HUMANIVERSE})"
                    ),
                    "source_url": index.url,
                    "licence": OGL,
                    "year": index.year,
                    "period": "",
                    "description": (
                        f"The neighbourhood's decile on this domain among all of {index.nation}'s "
                        f"small areas. {description}"
                    ),
                    "order": order,
                }
            )
    for _column, code, name, direction, description in WELLBEING:
        order += 1
        rows.append(
            {
                "code": f"{code}-council",
                "name": name,
                "domain": "",
                "level": Level.LOCAL_AUTHORITY.value,
                "unit": "mean rating, 0 to 10",
                "direction": direction,
                "ranking": "uk",
                "source": (
                    "Office for National Statistics: Personal well-being in the UK, April 2020 "
                    "to March 2021, local authority update (Annual Population Survey)"
                ),
                "source_url": ONS_WELLBEING_URL,
                "licence": OGL,
                "year": 2021,
                "period": "April 2020 to March 2021",
                "description": description + WELLBEING_NOTE,
                "order": order,
            }
        )
    return rows


def _read_csv(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def _write_csv(path: Path, header: list[str], rows) -> int:
    count = 0
    raw = io.StringIO()
    writer = csv.writer(raw, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        count += 1
    data = raw.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        # mtime=0 keeps the file byte-identical when the data has not changed.
        with open(path, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz:
            gz.write(data)
    else:
        path.write_bytes(data)
    return count


def _decile_value(text: str) -> str:
    return str(int(float(text))) if text else ""


def dataset_build(*, source_dir: Path | None = None, out_dir: Path = DATA_DIR) -> dict:
    """Build ``areas.csv.gz``, ``indicators.csv`` and ``values.csv.gz`` from the open data.

    Reads ``uk_local_authority_wellbeing.csv`` (361 councils), ``uk_small_area_deprivation.csv``
    (each nation's small areas; England on its 2011 areas, which postcodes carry) and
    ``uk_postcodes.csv.gz`` (to place each small area in its council and name it after its
    commonest postcode sector). Returns row counts.
    """
    source = Path(source_dir or settings.SHARED_DATA_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    councils = list(_read_csv(source / "uk_local_authority_wellbeing.csv"))
    council_names = {c["lad_code"]: c["lad_name"] for c in councils}

    # Each small area's council (the one most of its postcodes are in), commonest sector,
    # and centre (the mean position of its postcodes, like the districts'); councils' too.
    lad_votes: dict[str, Counter] = defaultdict(Counter)
    sector_votes: dict[str, Counter] = defaultdict(Counter)
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for record in _read_csv(source / "uk_postcodes.csv.gz"):
        small_area = record["small_area_code"]
        lat, lon = float(record["latitude"]), float(record["longitude"])
        for code in filter(None, (small_area, record["lad_code"])):
            total = sums[code]
            total[0] += lat
            total[1] += lon
            total[2] += 1
        if small_area:
            lad_votes[small_area][record["lad_code"]] += 1
            sector_votes[small_area][record["postcode"][:-2]] += 1

    def centre(code: str) -> tuple[str, str]:
        if code not in sums:
            return ("", "")
        lat, lon, n = sums[code]
        return (f"{lat / n:.5f}", f"{lon / n:.5f}")

    area_rows = [
        (c["lad_code"], c["lad_name"], Level.LOCAL_AUTHORITY.value, c["country"], "", "")
        + centre(c["lad_code"])
        for c in sorted(councils, key=lambda c: c["lad_code"])
    ]
    value_rows = []
    for c in councils:
        index = INDICES[COUNCIL_INDEX[c["country"]]]
        for measure in index.domains:
            text = c[f"dep_{measure}_share_10pct"]
            if text:
                value_rows.append(
                    (c["lad_code"], f"{measure}-{index.slug}-council", f"{float(text) * 100:.2f}")
                )
        for column, code, *_ in WELLBEING:
            if c[column]:
                value_rows.append((c["lad_code"], f"{code}-council", c[column]))

    small_areas = [
        r
        for r in _read_csv(source / "uk_small_area_deprivation.csv")
        if r["dep_index"] in NEIGHBOURHOOD_INDEX
    ]
    for r in sorted(small_areas, key=lambda r: r["area_code"]):
        code = r["area_code"]
        parent = lad_votes[code].most_common(1)[0][0] if lad_votes.get(code) else ""
        if parent not in council_names:
            parent = ""
        sector = sector_votes[code].most_common(1)[0][0] if sector_votes.get(code) else ""
        name = f"Neighbourhood around {sector}" if sector else f"Neighbourhood {code}"
        area_rows.append(
            (
                code,
                name,
                Level.NEIGHBOURHOOD.value,
                r["country"],
                parent,
                Level.LOCAL_AUTHORITY.value if parent else "",
            )
            + centre(code)
        )
        index = INDICES[NEIGHBOURHOOD_INDEX[r["dep_index"]]]
        for measure in index.domains:
            text = r[f"{measure}_decile"]
            if text:
                value_rows.append(
                    (code, f"{measure}-{index.slug}-neighbourhood", _decile_value(text))
                )

    definitions = _definitions()
    counts = {
        "areas": _write_csv(
            out_dir / AREAS_FILE.name,
            [
                "code",
                "name",
                "level",
                "nation",
                "parent_code",
                "parent_level",
                "latitude",
                "longitude",
            ],
            area_rows,
        ),
        "indicators": _write_csv(
            out_dir / DEFINITIONS_FILE.name,
            DEFINITION_HEADER,
            ([d[k] for k in DEFINITION_HEADER] for d in definitions),
        ),
        "values": _write_csv(
            out_dir / VALUES_FILE.name, ["area_code", "indicator", "value"], value_rows
        ),
    }
    counts["neighbourhoods_without_council"] = sum(
        1 for row in area_rows if row[2] == Level.NEIGHBOURHOOD and not row[4]
    )
    return counts


def default_digest() -> str:
    digest = hashlib.sha256()
    for path in (AREAS_FILE, DEFINITIONS_FILE, VALUES_FILE):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _filtered_copy(path: Path, out: Path, keep) -> Path:
    rows = list(_read_csv(path))
    header = list(rows[0].keys()) if rows else []
    _write_csv(out, header, ([r[h] for h in header] for r in rows if keep(r)))
    return out


def dataset_subset(*, councils: set[str], work_dir: Path) -> tuple[Path, Path]:
    """Copies of the default areas and values files keeping all 361 council areas but only
    the neighbourhoods of ``councils`` (GSS codes): a quick partial load for tests and demos,
    scored among the neighbourhoods loaded. Returns (areas path, values path)."""
    keep = {
        r["code"]
        for r in _read_csv(AREAS_FILE)
        if r["level"] == Level.LOCAL_AUTHORITY or r["parent_code"] in councils
    }
    work_dir = Path(work_dir)
    return (
        _filtered_copy(AREAS_FILE, work_dir / "areas.csv.gz", lambda r: r["code"] in keep),
        _filtered_copy(VALUES_FILE, work_dir / "values.csv.gz", lambda r: r["area_code"] in keep),
    )


def dataset_load_default(
    *, force: bool = False, areas_path: Path = AREAS_FILE, values_path: Path = VALUES_FILE
) -> str:
    """Import the shipped default data set and compute the index; returns what it did.

    Skips everything when the edition already holds exactly these files (by checksum),
    unless ``force``. Other ``areas_path``/``values_path`` (see ``dataset_subset``) load a
    part of it, always, without recording a checksum.
    """
    from .importing import indicators_import
    from .scoring import index_compute

    is_default = (Path(areas_path), Path(values_path)) == (AREAS_FILE, VALUES_FILE)
    digest = default_digest() if is_default else ""
    if (
        is_default
        and not force
        and Edition.objects.filter(
            year=DEFAULT_EDITION, source_digest=digest, computed_at__isnull=False
        ).exists()
    ):
        return "The default wellbeing data set is already loaded and computed."
    result = indicators_import(
        values_path=values_path,
        definitions_path=DEFINITIONS_FILE,
        areas_path=areas_path,
        edition_year=DEFAULT_EDITION,
        compute=False,
        publish=True,
    )
    edition = result.edition
    if not edition.title:
        edition.title = f"{DEFAULT_EDITION} edition (open data from 2017 to 2025)"
    edition.source_digest = digest
    edition.save(update_fields=["title", "source_digest"])
    computed = index_compute(edition=edition)
    return (
        f"Loaded {result.values:,} values of {len(result.indicator_codes)} indicators for "
        f"{result.areas_written:,} areas; scored {computed.areas:,} areas."
    )
