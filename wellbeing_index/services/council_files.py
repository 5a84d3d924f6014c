"""The council files behind culture, equality and voice (the repository's ``data/``; see
``data/README.md``), read and checked before the default data set is built.

A missing council, a repeated code, a value out of range or a renamed column stops the build
with the file, the line and the reason; nothing is written.
"""

import csv
from collections import Counter
from pathlib import Path

from django.conf import settings

from .civic_sources import CIVIC_COLUMNS
from .health_index_sources import HEALTH_INDEX_COLUMNS
from .personal_wellbeing_sources import PERSONAL_WELLBEING_COLUMNS

REPO_DATA_DIR = Path(settings.BASE_DIR) / "data"
MUSEUMS_FILE = "uk_lad2019_museums_2017.csv"
TURNOUT_FILE = "uk_la_ge2024_turnout_2024.csv"
DISABILITY_FILE = "uk_la_disability_census_2021_22.csv"
# 2019 councils merged since (Buckinghamshire 2020, Northamptonshire 2021, Cumbria, North
# Yorkshire and Somerset 2023): their museums and residents are added together.
LAD2019_SUCCESSORS = {
    **dict.fromkeys(("E07000004", "E07000005", "E07000006", "E07000007"), "E06000060"),
    **dict.fromkeys(("E07000150", "E07000152", "E07000153", "E07000156"), "E06000061"),
    **dict.fromkeys(("E07000151", "E07000154", "E07000155"), "E06000062"),
    **dict.fromkeys(("E07000026", "E07000028", "E07000029"), "E06000063"),
    **dict.fromkeys(("E07000027", "E07000030", "E07000031"), "E06000064"),
    **dict.fromkeys([f"E07000{n}" for n in range(163, 170)], "E06000065"),
    **dict.fromkeys(("E07000187", "E07000188", "E07000189", "E07000246"), "E06000066"),
}


OGL = "Open Government Licence v3.0"
# Open data for the three domains the deprivation indices do not speak for: council figures,
# one file each in the repository's ``data/`` folder (see ``data/README.md``).
OPEN_PARLIAMENT = "Open Parliament Licence v3.0; constituency–council overlaps CC BY 4.0"
MORE_INDICATORS = [
    {
        "code": "museums-council",
        "name": "Museums per 100,000 residents",
        "domain": "culture",
        "unit": "open museums per 100,000 residents",
        "direction": "higher",
        "ranking": "uk",
        "source": (
            "Mapping Museums (Birkbeck, University of London): museums open in 2017 by 2019 "
            "council, per mid-2018 population (ONS, NRS, NISRA); 2019 councils merged since "
            "are added together"
        ),
        "source_url": "https://museweb.dcs.bbk.ac.uk/",
        "licence": "Creative Commons Attribution 4.0 (CC BY 4.0)",
        "year": 2017,
        "period": "2017",
        "description": (
            "Accredited and unaccredited museums open in 2017 in the council area, per "
            "100,000 residents: a measure of access to heritage and culture close to home."
        ),
    },
    {
        "code": "turnout-ge2024-council",
        "name": "General election turnout, July 2024 (estimated from constituencies)",
        "domain": "voice",
        "unit": "% of the parliamentary electorate who voted",
        "direction": "higher",
        "ranking": "uk",
        "source": (
            "House of Commons Library, General election 2024 results, spread from "
            "constituencies to councils by mySociety's population overlaps (an estimate, "
            "not an official council figure)"
        ),
        "source_url": "https://commonslibrary.parliament.uk/research-briefings/cbp-10009/",
        "licence": OPEN_PARLIAMENT,
        "year": 2024,
        "period": "4 July 2024",
        "description": (
            "Ballot papers counted as a share of the electorate at the general election of "
            "4 July 2024, estimated from constituencies: each constituency's turnout is shared "
            "among the councils its residents live in, assuming it is the same across the "
            "constituency."
        ),
    },
    {
        "code": "disability-council",
        "name": "Residents who are disabled (Census)",
        "domain": "equality",
        "unit": "% of usual residents",
        "direction": "lower",
        "ranking": "nation",
        "source": (
            "Census 2021 (ONS, TS038 Disability) for England and Wales; Scotland's Census "
            "2022 (National Records of Scotland); small areas summed to councils"
        ),
        "source_url": "https://www.nomisweb.co.uk/sources/census_2021_bulk",
        "licence": OGL,
        "year": 2021,
        "period": "March 2021 (Scotland: March 2022)",
        "description": (
            "Share of residents who are disabled under the Equality Act (England and Wales) or "
            "whose day-to-day activities are limited by a long-term health problem or "
            "disability (Scotland): a measure of exposure to inequality, not of equal "
            "treatment. The two censuses asked differently, so councils are ranked within "
            "their nation. Northern Ireland has no figure: its Census 2021 disability table "
            "by council counts households, not people."
        ),
    },
]
# Why a domain has no figure for an area of a nation (shown instead of a score). Empty since
# December 2026: Northern Ireland's Equality, which had no source, is now measured by the
# income gap between its councils' neighbourhoods (``inequality``).
NO_DATA_REASONS: dict[tuple[str, str], str] = {}


class CouncilFileError(Exception):
    """A council file is wrong; ``errors`` says where ("file, line N: reason")."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def _checked_rows(path: Path, code_column: str, columns: dict, errors: list[str]) -> list:
    """(code, {column: number or None}) of each row. ``columns`` maps each number column to
    its (lowest, highest) allowed value; empty cells are None (no data)."""
    name = path.name
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = ({code_column} | set(columns)) - set(reader.fieldnames or [])
        if missing:
            errors.append(
                f"{name}, line 1: the header lacks column(s): {', '.join(sorted(missing))}"
            )
            return []
        rows, first_line = [], {}
        for line, row in enumerate(reader, start=2):
            code = row[code_column].strip()
            if code in first_line:
                errors.append(
                    f"{name}, line {line}: {code} is repeated (first on line {first_line[code]})"
                )
                continue
            first_line[code] = line
            numbers = {}
            for column, (low, high) in columns.items():
                text = row[column].strip()
                try:
                    number = float(text) if text else None
                except ValueError:
                    errors.append(f"{name}, line {line}: {column} {text!r} is not a number")
                    continue
                if number is not None and not low <= number <= high:
                    errors.append(
                        f"{name}, line {line}: {column} {text} is out of range "
                        f"({low:g} to {high:g})"
                    )
                numbers[column] = number
            rows.append((code, numbers, line))
    return rows


def _coverage_check(name: str, codes: set[str], councils: set[str], errors: list[str]) -> None:
    for code in sorted(councils - codes):
        errors.append(f"{name}, line -: council {code} is missing")
    for code in sorted(codes - councils):
        errors.append(f"{name}, line -: {code} is not a council of the index")


def museums_per_head(path: Path, councils: set[str], errors: list[str]) -> dict[str, float]:
    """Museums per 100,000 residents of each current council, from the 2019 council counts
    (merged councils add their predecessors' museums and residents)."""
    rows = _checked_rows(
        path, "lad19cd", {"n_museums": (0, 10_000), "pop2018": (1, 20_000_000)}, errors
    )
    museums: Counter = Counter()
    residents: Counter = Counter()
    for code, numbers, _line in rows:
        current = LAD2019_SUCCESSORS.get(code, code)
        museums[current] += numbers.get("n_museums") or 0
        residents[current] += numbers.get("pop2018") or 0
    _coverage_check(path.name, set(residents), councils, errors)
    return {
        code: museums[code] / residents[code] * 100_000 for code in residents if residents[code]
    }


def more_council_values(councils: set[str], data_dir: Path | None = None) -> list[tuple]:
    """Value rows (area code, indicator code, value) of the culture, equality and voice
    indicators, the Health Index ones (``health_index_sources``) and the second figures for
    voice, relationships, transport and culture (``civic_sources``); raises
    ``CouncilFileError`` listing every problem."""
    data_dir = Path(data_dir or REPO_DATA_DIR)
    errors: list[str] = []
    museums = museums_per_head(data_dir / MUSEUMS_FILE, councils, errors)
    rows = [(code, "museums-council", f"{value:.3f}") for code, value in sorted(museums.items())]
    columns = {
        "turnout-ge2024-council": (TURNOUT_FILE, "ge2024_turnout_apportioned_pct", 0, 100),
        "disability-council": (DISABILITY_FILE, "disabled_pct_of_residents", 0, 100),
        **HEALTH_INDEX_COLUMNS,
        **CIVIC_COLUMNS,
        **PERSONAL_WELLBEING_COLUMNS,
    }
    for indicator, (file, column, low, high) in columns.items():
        checked = _checked_rows(data_dir / file, "lad_code", {column: (low, high)}, errors)
        _coverage_check(file, {code for code, _, _ in checked}, councils, errors)
        rows += [
            (code, indicator, f"{numbers[column]:g}")
            for code, numbers, _ in checked
            if numbers.get(column) is not None
        ]
    if errors:  # a file read for several columns reports its own faults once
        raise CouncilFileError(list(dict.fromkeys(errors)))
    return rows
