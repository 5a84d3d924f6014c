"""Two postcodes side by side: which two reports to compare, and the rows of the
comparison."""

from dataclasses import dataclass

from .reports import PostcodeReports, Report


@dataclass(frozen=True)
class CompareRow:
    label: str
    kind: str  # "overall", "pillar" or "domain"
    first: float | None
    second: float | None

    @property
    def difference(self) -> float | None:
        if self.first is None or self.second is None:
            return None
        return self.first - self.second


def reports_comparable(
    *, first: PostcodeReports, second: PostcodeReports
) -> tuple[Report, Report] | None:
    """The two reports to compare, at the same level: neighbourhoods when both postcodes
    have one, else council areas; None when either postcode has no figures."""
    if first.report is None or second.report is None:
        return None
    if first.is_neighbourhood and second.is_neighbourhood:
        return first.report, second.report
    return (first.council or first.report, second.council or second.report)


def reports_compare(*, first: Report, second: Report) -> list[CompareRow]:
    """Rows to compare two reports: overall, then each pillar followed by its domains."""
    rows = [CompareRow("Overall", "overall", first.overall.value, second.overall.value)]
    for p, q in zip(first.pillars, second.pillars, strict=True):
        rows.append(CompareRow(p.name, "pillar", p.score.value, q.score.value))
        rows += [
            CompareRow(d.name, "domain", d.score.value, e.score.value)
            for d, e in zip(p.domains, q.domains, strict=True)
        ]
    return rows
