"""Up to four areas side by side: which reports to compare, and the rows of the comparison,
each figure marked when it lies more than one standard deviation from its nation's median
(the spreads are stored by ``compute_index``)."""

from dataclasses import dataclass

from postcodes.services import Location

from ..models import Level
from .editions import catalogue_for, edition_pick
from .reports import Report, area_report, postcode_reports

MAX_AREAS = 4


@dataclass(frozen=True)
class Cell:
    value: float | None
    median: float | None = None
    sd: float | None = None

    @property
    def unusual(self) -> str:
        """ "high" or "low" when more than one standard deviation from the nation's median."""
        if self.value is None or self.median is None or not self.sd:
            return ""
        if self.value > self.median + self.sd:
            return "high"
        if self.value < self.median - self.sd:
            return "low"
        return ""


@dataclass(frozen=True)
class CompareRow:
    label: str
    kind: str  # "overall", "pillar" or "domain"
    cells: tuple[Cell, ...]

    @property
    def first(self) -> float | None:
        return self.cells[0].value

    @property
    def second(self) -> float | None:
        return self.cells[1].value if len(self.cells) > 1 else None

    @property
    def difference(self) -> float | None:
        """The first area's figure minus the second's (shown when there are two)."""
        if self.first is None or self.second is None:
            return None
        return self.first - self.second


@dataclass(frozen=True)
class Comparison:
    labels: tuple[str, ...]  # what was typed, tidied: a postcode or a council's name
    reports: tuple[Report, ...]
    rows: tuple[CompareRow, ...]
    mixed_levels: bool  # some postcodes had neighbourhood figures, not all

    @property
    def level(self) -> str:
        return self.reports[0].area.level

    @property
    def items(self) -> list[tuple[str, Report]]:
        return list(zip(self.labels, self.reports, strict=True))

    @property
    def nations(self) -> list[str]:
        return list(dict.fromkeys(r.nation for r in self.reports))


def _report_of(entry, year) -> tuple[Report | None, Report | None]:
    """(finest report, council report) of a postcode ``Location`` or a council code."""
    if isinstance(entry, Location):
        found = postcode_reports(location=entry, year=year)
        return found.report, (found.council if found.is_neighbourhood else found.report)
    council = area_report(level=Level.LOCAL_AUTHORITY.value, code=entry, year=year)
    return council, council


def areas_compare(entries: list, *, year: int | None = None) -> Comparison | list[int]:
    """Compare postcodes (``Location``) and council codes: neighbourhoods when every entry is
    a postcode with neighbourhood figures, else council areas. Returns the positions of the
    entries with no figures instead when there are any."""
    found = [_report_of(entry, year) for entry in entries]
    missing = [n for n, (finest, _) in enumerate(found) if finest is None]
    if missing:
        return missing
    finest = [f for f, _ in found]
    neighbourhoods = all(r.area.level == Level.NEIGHBOURHOOD for r in finest)
    reports = tuple(finest if neighbourhoods else (c or f for f, c in found))
    labels = tuple(
        e.postcode if isinstance(e, Location) else r.area.name
        for e, r in zip(entries, reports, strict=True)
    )
    return Comparison(
        labels=labels,
        reports=reports,
        rows=tuple(_rows(reports, year)),
        mixed_levels=not neighbourhoods
        and any(r.area.level == Level.NEIGHBOURHOOD for r in finest),
    )


def _rows(reports: tuple[Report, ...], year) -> list[CompareRow]:
    catalogue = catalogue_for(edition_pick(year))
    spreads = [catalogue.benchmarks.get((r.area.level, r.nation), {}).get("s", {}) for r in reports]

    def cells(kind, slug, values):
        out = []
        for spread, value in zip(spreads, values, strict=True):
            pair = spread.get(kind) if kind == "o" else spread.get(kind, {}).get(slug)
            out.append(Cell(value, *(pair or (None, None))))
        return tuple(out)

    rows = [CompareRow("Overall", "overall", cells("o", "", [r.overall.value for r in reports]))]
    for index, pillar in enumerate(reports[0].pillars):
        values = [r.pillars[index].score.value for r in reports]
        rows.append(CompareRow(pillar.name, "pillar", cells("p", pillar.slug, values)))
        for d_index, domain in enumerate(pillar.domains):
            values = [r.pillars[index].domains[d_index].score.value for r in reports]
            rows.append(CompareRow(domain.name, "domain", cells("d", domain.slug, values)))
    return rows
