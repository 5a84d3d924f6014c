"""Reading and checking the importer's three files, reporting every problem by line.

See ``importing`` for the file formats. Nothing here writes to the database.
"""

import csv
import gzip
import io
import math
import re
from collections.abc import Iterator
from pathlib import Path

from postcodes.models import Nation

from ..models import Direction, Domain, Level, Ranking

MAX_REPORTED_ERRORS = 50
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")

DEFINITION_COLUMNS = {
    "code",
    "name",
    "domain",
    "level",
    "unit",
    "direction",
    "source",
    "licence",
    "year",
}
AREA_COLUMNS = {"code", "name", "level", "nation"}
VALUE_COLUMNS = {"area_code", "indicator", "value"}

_DIRECTIONS = {
    "higher": Direction.HIGHER,
    "higher is better": Direction.HIGHER,
    "higher_is_better": Direction.HIGHER,
    "lower": Direction.LOWER,
    "lower is better": Direction.LOWER,
    "lower_is_better": Direction.LOWER,
}
_RANKINGS = {"": Ranking.UK, "uk": Ranking.UK, "nation": Ranking.NATION}
_MAX_LENGTHS = {
    "name": 200,
    "unit": 80,
    "source": 300,
    "source_url": 300,
    "licence": 120,
    "period": 60,
}
_NATIONS = {n.value.lower(): n.value for n in Nation}


class ImportFailed(Exception):
    """The files had problems; nothing was imported. ``errors`` lists them, line by line."""

    def __init__(self, errors: list[str], total: int | None = None):
        self.errors = errors
        self.total = total if total is not None else len(errors)
        super().__init__(self.summary())

    def summary(self) -> str:
        lines = [f"Nothing was imported: {self.total} problem(s) found."]
        lines += [f"  {e}" for e in self.errors]
        if self.total > len(self.errors):
            lines.append(f"  … and {self.total - len(self.errors)} more.")
        return "\n".join(lines)


class Problems:
    """Problems found so far, as "file, line N: what is wrong" (the first 50 kept)."""

    def __init__(self):
        self.items: list[str] = []
        self.total = 0

    def add(self, where: str, line: int, message: str) -> None:
        self.total += 1
        if len(self.items) < MAX_REPORTED_ERRORS:
            self.items.append(f"{where}, line {line}: {message}")

    def __bool__(self) -> bool:
        return self.total > 0


def _open_text(path: Path):
    path = Path(path)
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")


def _rows(path: Path, required: set[str], errors: Problems) -> Iterator[tuple[int, dict]]:
    """(line number, row) of a CSV, after checking the header has the required columns."""
    name = Path(path).name
    try:
        handle = _open_text(path)
    except OSError as error:
        errors.add(name, 0, f"cannot be read ({error.strerror or error})")
        return
    with handle:
        reader = csv.DictReader(handle)
        try:
            header = [h.strip() for h in (reader.fieldnames or [])]
        except (UnicodeDecodeError, csv.Error) as error:
            errors.add(name, 1, f"is not a readable UTF-8 CSV ({error})")
            return
        reader.fieldnames = header
        missing = required - set(header)
        if missing:
            errors.add(name, 1, f"the header lacks column(s): {', '.join(sorted(missing))}")
            return
        try:
            for record in reader:
                if None in record:
                    errors.add(name, reader.line_num, "has more cells than the header")
                    continue
                yield reader.line_num, {k: (v or "").strip() for k, v in record.items()}
        except (UnicodeDecodeError, csv.Error) as error:
            errors.add(name, reader.line_num + 1, f"cannot be read as UTF-8 CSV ({error})")


def _domain_lookup() -> dict[str, Domain]:
    lookup = {}
    for domain in Domain.objects.all():
        lookup[domain.slug] = domain
        lookup[domain.name.lower()] = domain
    return lookup


def definitions_read(path: Path, errors: Problems) -> dict[str, dict]:
    """Indicator definitions by code, ready for ``Indicator``; problems go to ``errors``."""
    name = Path(path).name
    domains = _domain_lookup()
    definitions: dict[str, dict] = {}
    first_line: dict[str, int] = {}
    for line, row in _rows(path, DEFINITION_COLUMNS, errors):
        code = row["code"]
        problems = _code_problems(code, first_line)
        definition, more = _definition_parse(row, domains)
        problems += more
        for problem in problems:
            errors.add(name, line, problem)
        if problems:
            first_line.setdefault(code, line)
            continue
        first_line[code] = line
        definitions[code] = definition
    return definitions


def _code_problems(code: str, first_line: dict[str, int]) -> list[str]:
    if not CODE_RE.match(code):
        return [f"code {code!r} must be lower-case letters, digits and hyphens (max 80)"]
    if code in first_line:
        return [f"indicator {code!r} is defined twice (first on line {first_line[code]})"]
    return []


def _definition_parse(row: dict, domains: dict[str, Domain]) -> tuple[dict, list[str]]:
    """One definitions row as ``Indicator`` fields, and what is wrong with it (if anything,
    the fields are not to be used)."""
    problems = []
    for column in ("name", "unit", "source", "licence"):
        if not row[column]:
            problems.append(f"{column} is empty")
    for column, limit in _MAX_LENGTHS.items():
        if len(row.get(column, "")) > limit:
            problems.append(f"{column} is longer than {limit} characters")
    domain = _domain_find(row["domain"], domains, problems)
    if row["level"] not in Level.values:
        problems.append(f"unknown level {row['level']!r} (use {', '.join(Level.values)})")
    direction = _DIRECTIONS.get(row["direction"].lower())
    if direction is None:
        problems.append(f"direction {row['direction']!r} must be 'higher' or 'lower'")
    ranking = _RANKINGS.get(row.get("ranking", "").lower())
    if ranking is None:
        problems.append(f"ranking {row.get('ranking')!r} must be 'uk' or 'nation'")
    year = _int_or_none(row["year"])
    if year is None or not 1900 <= year <= 2100:
        problems.append(f"year {row['year']!r} is not a year")
    order = _int_or_none(row.get("order", "") or "0")
    if order is None or order < 0:
        problems.append(f"order {row.get('order')!r} is not a whole number")
    definition = {
        "name": row["name"],
        "domain": domain,
        "level": row["level"],
        "unit": row["unit"],
        "direction": direction,
        "ranking": ranking,
        "source": row["source"],
        "source_url": row.get("source_url", ""),
        "licence": row["licence"],
        "year": year,
        "period": row.get("period", ""),
        "description": row.get("description", ""),
        "order": order,
    }
    return definition, problems


def _domain_find(text: str, domains: dict[str, Domain], problems: list[str]) -> Domain | None:
    """The domain named (by slug or name) in a definitions row; empty means none."""
    if not text:
        return None
    domain = domains.get(text) or domains.get(text.lower())
    if domain is None:
        problems.append(
            f"unknown domain {text!r} (use one of "
            f"{', '.join(sorted(d.slug for d in set(domains.values())))}, or leave it "
            "empty to show the indicator beside the domains)"
        )
    return domain


def _int_or_none(text: str) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def areas_read(path: Path, errors: Problems, known: dict[tuple[str, str], int]) -> list[dict]:
    """Areas to write; a parent must be in the file or in ``known`` ((level, code) → id)."""
    name = Path(path).name
    areas: list[dict] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in _rows(path, AREA_COLUMNS, errors):
        key = (row["level"], row["code"])
        nation, problems = _area_problems(row, seen.get(key))
        for problem in problems:
            errors.add(name, line, problem)
        seen.setdefault(key, line)
        if problems:
            continue
        latitude, longitude = row.get("latitude", ""), row.get("longitude", "")
        centre = _centre_parse(latitude, longitude)
        if centre is None:
            errors.add(
                name, line, f"centre {latitude!r}, {longitude!r} is not a latitude and longitude"
            )
            continue
        parent_code = row.get("parent_code", "")
        parent_level = row.get("parent_level", "") or Level.LOCAL_AUTHORITY
        areas.append(
            {
                "line": line,
                "code": row["code"],
                "name": row["name"],
                "level": row["level"],
                "nation": nation,
                "parent": (parent_level, parent_code) if parent_code else None,
                "centre": centre,
            }
        )
    _parents_check(areas, known, name, errors)
    return areas


def _area_problems(row: dict, first_line: int | None) -> tuple[str | None, list[str]]:
    """The nation of one areas row (as the ``Nation`` spells it) and what is wrong with the
    row; ``first_line`` is where the same area was listed before, if it was."""
    problems = []
    if row["level"] not in Level.values:
        problems.append(f"unknown level {row['level']!r} (use {', '.join(Level.values)})")
    if not row["code"] or len(row["code"]) > 12:
        problems.append(f"code {row['code']!r} must be 1 to 12 characters")
    if not row["name"]:
        problems.append("name is empty")
    elif len(row["name"]) > 200:
        problems.append("name is longer than 200 characters")
    nation = _NATIONS.get(row["nation"].lower())
    if nation is None:
        problems.append(
            f"nation {row['nation']!r} must be England, Scotland, Wales or Northern Ireland"
        )
    if first_line is not None:
        problems.append(
            f"area {row['code']} ({row['level']}) is listed twice (first on line {first_line})"
        )
    return nation, problems


def _centre_parse(latitude: str, longitude: str) -> tuple[float | None, float | None] | None:
    """An area's centre: (None, None) when not given, None when given but not a position."""
    centre = (_parse_number(latitude), _parse_number(longitude))
    if (latitude or longitude) and not (
        centre[0] is not None
        and centre[1] is not None
        and -90 <= centre[0] <= 90
        and -180 <= centre[1] <= 180
    ):
        return None
    return centre if latitude else (None, None)


def _parents_check(
    areas: list[dict], known: dict[tuple[str, str], int], name: str, errors: Problems
) -> None:
    """Every parent must be in the file or already imported, and not the area itself."""
    in_file = {(a["level"], a["code"]) for a in areas}
    for area in areas:
        parent = area["parent"]
        if parent and parent not in in_file and parent not in known:
            errors.add(
                name,
                area["line"],
                f"parent {parent[1]} ({parent[0]}) is neither in this file nor already imported",
            )
        if parent == (area["level"], area["code"]):
            errors.add(name, area["line"], "an area cannot be its own parent")


_RANGE_RE = re.compile(r"\b(\d+) to (\d+)\b")


def unit_bounds(unit: str) -> tuple[float, float] | None:
    """The values an indicator's unit allows: a percentage 0 to 100, "0 to 10" ratings,
    deciles 1 to 10, counts per head from 0; None when the unit says nothing."""
    text = unit.lower()
    if text.startswith("%") or text.startswith("percent"):
        return (0.0, 100.0)
    match = _RANGE_RE.search(text)
    if match:
        return (float(match.group(1)), float(match.group(2)))
    if text.startswith("decile"):
        return (1.0, 10.0)
    if " per " in f" {text}":
        return (0.0, math.inf)
    return None


def _parse_number(text: str) -> float | None:
    try:
        number = float(text.replace(",", "")) if text else None
    except ValueError:
        return None
    if number is None or math.isnan(number) or math.isinf(number):
        return None
    return number


def values_read(
    path: Path,
    errors: Problems,
    definitions: dict[str, dict],
    area_keys: set[tuple[str, str]],
) -> tuple[dict[str, list[tuple[str, float]]], int]:
    """Values grouped by indicator code: ``[(area code, value)]``, and the blank count."""
    name = Path(path).name
    values: dict[str, list[tuple[str, float]]] = {}
    first_line: dict[tuple[str, str], int] = {}
    blanks = 0
    for line, row in _rows(path, VALUE_COLUMNS, errors):
        code, area_code, text = row["indicator"], row["area_code"], row["value"]
        definition = definitions.get(code)
        if definition is None:
            errors.add(name, line, f"unknown indicator {code!r} (not in the definitions file)")
            continue
        if (definition["level"], area_code) not in area_keys:
            level_label = Level(definition["level"]).label
            errors.add(name, line, f"unknown area {area_code!r} (no {level_label} with that code)")
            continue
        key = (code, area_code)
        if key in first_line:
            errors.add(
                name,
                line,
                f"duplicate value for {area_code} and {code} (first on line {first_line[key]})",
            )
            continue
        first_line[key] = line
        if not text:
            blanks += 1
            continue
        number = _parse_number(text)
        if number is None:
            errors.add(name, line, f"value {text!r} is not a number")
            continue
        bounds = unit_bounds(definition["unit"])
        if bounds and not bounds[0] <= number <= bounds[1]:
            errors.add(
                name,
                line,
                f"value {text} is out of range for {code} ({definition['unit']}: "
                f"{bounds[0]:g} to {bounds[1]:g})",
            )
            continue
        values.setdefault(code, []).append((area_code, number))
    return values, blanks
