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
from pathlib import Path

from django.conf import settings

from ..models import Edition, Level
from .council_files import more_council_values
from .inequality import INCOME_GAP_CODE, council_income_gaps
from .sources import (
    COUNCIL_INDEX,
    DEFINITION_HEADER,
    INDICES,
    NEIGHBOURHOOD_INDEX,
    WELLBEING,
    indicator_definitions,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
AREAS_FILE = DATA_DIR / "areas.csv.gz"
# Residents, population basis and deprivation decile of each neighbourhood (data/README.md).
PEOPLE_FILE = DATA_DIR / "neighbourhood_people.csv.gz"
DEFINITIONS_FILE = DATA_DIR / "indicators.csv"
VALUES_FILE = DATA_DIR / "values.csv.gz"
DEFAULT_EDITION = 2025


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


AREA_HEADER = [
    "code",
    "name",
    "level",
    "nation",
    "parent_code",
    "parent_level",
    "latitude",
    "longitude",
]


def dataset_build(
    *, source_dir: Path | None = None, out_dir: Path = DATA_DIR, more_dir: Path | None = None
) -> dict:
    """Build ``areas.csv.gz``, ``indicators.csv`` and ``values.csv.gz`` from the open data.

    Reads ``uk_local_authority_wellbeing.csv`` (361 councils), ``uk_small_area_deprivation.csv``
    (each nation's small areas; England on its 2011 areas, which postcodes carry) and
    ``uk_postcodes.csv.gz`` (to place each small area in its council and name it after its
    commonest postcode sector), and the council files of ``more_dir`` (default: the
    repository's ``data/``; ``council_files``). Returns row counts; raises
    ``CouncilFileError`` (and writes nothing) when a council file is wrong.
    """
    source = Path(source_dir or settings.SHARED_DATA_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    councils = list(_read_csv(source / "uk_local_authority_wellbeing.csv"))
    # Checked first: a bad council file stops the build before anything is written.
    more_values = more_council_values({c["lad_code"] for c in councils}, data_dir=more_dir)
    postcodes = _PostcodeSummary.read(source / "uk_postcodes.csv.gz")
    area_rows, value_rows = _council_rows(councils, postcodes)
    value_rows += more_values
    small_areas = [
        r
        for r in _read_csv(source / "uk_small_area_deprivation.csv")
        if r["dep_index"] in NEIGHBOURHOOD_INDEX
    ]
    council_names = {c["lad_code"]: c["lad_name"] for c in councils}
    more_areas, more_values = _neighbourhood_rows(small_areas, council_names, postcodes)
    area_rows += more_areas
    value_rows += more_values
    value_rows += _income_gap_rows(area_rows, small_areas)
    counts = _files_write(out_dir, area_rows, value_rows)
    counts["neighbourhoods_without_council"] = sum(
        1 for row in area_rows if row[2] == Level.NEIGHBOURHOOD and not row[4]
    )
    return counts


class _PostcodeSummary:
    """What the postcode directory says of each small area: the council most of its
    postcodes are in, its commonest sector, and its centre (the mean position of its
    postcodes, like the districts'); councils' centres too."""

    def __init__(self):
        self.lad_votes: dict[str, Counter] = defaultdict(Counter)
        self.sector_votes: dict[str, Counter] = defaultdict(Counter)
        self.sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])

    @classmethod
    def read(cls, path: Path) -> "_PostcodeSummary":
        summary = cls()
        for record in _read_csv(path):
            small_area = record["small_area_code"]
            lat, lon = float(record["latitude"]), float(record["longitude"])
            for code in filter(None, (small_area, record["lad_code"])):
                total = summary.sums[code]
                total[0] += lat
                total[1] += lon
                total[2] += 1
            if small_area:
                summary.lad_votes[small_area][record["lad_code"]] += 1
                summary.sector_votes[small_area][record["postcode"][:-2]] += 1
        return summary

    def centre(self, code: str) -> tuple[str, str]:
        if code not in self.sums:
            return ("", "")
        lat, lon, n = self.sums[code]
        return (f"{lat / n:.5f}", f"{lon / n:.5f}")

    def council(self, code: str) -> str:
        votes = self.lad_votes.get(code)
        return votes.most_common(1)[0][0] if votes else ""

    def sector(self, code: str) -> str:
        votes = self.sector_votes.get(code)
        return votes.most_common(1)[0][0] if votes else ""


def _council_rows(councils: list[dict], postcodes: _PostcodeSummary) -> tuple[list, list]:
    """Area rows of the councils (by code) and their values: deprivation shares, wellbeing."""
    area_rows = [
        (c["lad_code"], c["lad_name"], Level.LOCAL_AUTHORITY.value, c["country"], "", "")
        + postcodes.centre(c["lad_code"])
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
    return area_rows, value_rows


def _neighbourhood_rows(
    small_areas: list[dict], council_names: dict[str, str], postcodes: _PostcodeSummary
) -> tuple[list, list]:
    """Area rows of the small areas (by code), each in its council, and their deciles."""
    area_rows, value_rows = [], []
    for r in sorted(small_areas, key=lambda r: r["area_code"]):
        code = r["area_code"]
        parent = postcodes.council(code)
        if parent not in council_names:
            parent = ""
        sector = postcodes.sector(code)
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
            + postcodes.centre(code)
        )
        index = INDICES[NEIGHBOURHOOD_INDEX[r["dep_index"]]]
        for measure in index.domains:
            text = r[f"{measure}_decile"]
            if text:
                value_rows.append(
                    (code, f"{measure}-{index.slug}-neighbourhood", _decile_value(text))
                )
    return area_rows, value_rows


def _income_gap_rows(area_rows: list, small_areas: list[dict]) -> list[tuple]:
    """Equality: each council's income gap between its neighbourhoods (``inequality``)."""
    council_of = {row[0]: row[4] for row in area_rows if row[2] == Level.NEIGHBOURHOOD}
    gaps = council_income_gaps(
        (council_of[r["area_code"]], int(float(r["income_decile"])))
        for r in small_areas
        if council_of.get(r["area_code"]) and r["income_decile"]
    )
    return [(code, INCOME_GAP_CODE, f"{gap:.3f}") for code, gap in sorted(gaps.items())]


def _files_write(out_dir: Path, area_rows: list, value_rows: list) -> dict:
    """Write the importer's three files; returns their row counts."""
    definitions = indicator_definitions()
    return {
        "areas": _write_csv(out_dir / AREAS_FILE.name, AREA_HEADER, area_rows),
        "indicators": _write_csv(
            out_dir / DEFINITIONS_FILE.name,
            DEFINITION_HEADER,
            ([d[k] for k in DEFINITION_HEADER] for d in definitions),
        ),
        "values": _write_csv(
            out_dir / VALUES_FILE.name, ["area_code", "indicator", "value"], value_rows
        ),
    }


def default_digest() -> str:
    digest = hashlib.sha256()
    for path in (AREAS_FILE, DEFINITIONS_FILE, VALUES_FILE, PEOPLE_FILE):
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
    from .social import neighbourhood_people_load

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
    neighbourhood_people_load()
    computed = index_compute(edition=edition)
    return (
        f"Loaded {result.values:,} values of {len(result.indicator_codes)} indicators for "
        f"{result.areas_written:,} areas; scored {computed.areas:,} areas."
    )
