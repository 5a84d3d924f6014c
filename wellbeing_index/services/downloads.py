"""Any page's figures as rows for a CSV or JSON download: every score and indicator of each
area, with its source, licence, year and description. An area with no figures gives no rows
(the file then has its header only). An indicator's words are in the language of the page
the file is asked for from (``/cy/…``: Welsh); the codes and figures are the same."""

import csv
import io
import json

from .editions import indicator_facts
from .reports import Report

COLUMNS = [
    "area_code",
    "area_name",
    "level",
    "nation",
    "kind",
    "code",
    "name",
    "score",
    "uk_average",
    "nation_average",
    "value",
    "unit",
    "better",
    "ranked",
    "year",
    "period",
    "source",
    "source_url",
    "licence",
    "from_council",
    "description",
]


def figure_rows(reports) -> list[dict]:
    rows = []
    for report in reports:
        if report is None or not report.has_scores:
            continue
        rows += _report_rows(report)
    return rows


def _area_columns(report: Report) -> dict:
    """A blank row of every column, with the area's four filled in."""
    area = report.area
    row = dict.fromkeys(COLUMNS, "")
    row.update(area_code=area.code, area_name=area.name, level=area.level, nation=area.nation)
    return row


def _row(report: Report, kind, code, name, score, **more) -> dict:
    row = _area_columns(report)
    row.update(
        kind=kind,
        code=code,
        name=name,
        score=score.value,
        uk_average=score.uk,
        nation_average=score.nation,
        **more,
    )
    return row


def _report_rows(report: Report) -> list[dict]:
    rows = [_row(report, "overall", "overall", "Overall", report.overall)]
    for pillar in report.pillars:
        rows.append(_row(report, "pillar", pillar.slug, pillar.name, pillar.score))
    for domain in report.domains:
        rows.append(_row(report, "domain", domain.slug, domain.name, domain.score))
        rows += [
            _indicator_row(report, "indicator", line, from_council=domain.from_parent)
            for line in domain.indicators
        ]
    # Personal wellbeing, shown beside the domains: the newest reading and the one before.
    for line in report.wellbeing:
        rows.append(_indicator_row(report, "personal_wellbeing", line))
        if line.earlier is not None:
            rows.append(_indicator_row(report, "personal_wellbeing", line.earlier))
    return rows


def _indicator_row(report: Report, kind: str, line, from_council: bool = False) -> dict:
    info = line.info
    return {
        **_area_columns(report),
        "kind": kind,
        "code": info.code,
        "name": info.local_name,
        "score": line.score,
        "uk_average": line.uk_score,
        "nation_average": line.nation_score,
        "value": line.value,
        "unit": info.local_unit,
        **indicator_facts(info),
        "period": info.local_period,
        "source": info.local_source,
        "licence": info.local_licence,
        "from_council": from_council,
        "description": info.local_description,
    }


def figures_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def figures_json(rows: list[dict]) -> str:
    return json.dumps({"columns": COLUMNS, "figures": rows}, ensure_ascii=False)
