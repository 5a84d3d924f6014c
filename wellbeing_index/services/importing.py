"""Importing indicators: definitions, optional areas and long-format values, all or nothing.

Three CSV files (each may be gzipped; UTF-8, with or without a byte-order mark):

* definitions: ``code, name, domain, level, unit, direction, source, licence, year`` and
  optionally ``ranking`` (uk | nation), ``source_url``, ``period``, ``description``, ``order``;
  an empty ``domain`` shows the indicator beside the domains without scoring it in them;
* areas (optional): ``code, name, level, nation`` and optionally ``parent_code``,
  ``parent_level`` (default: local_authority), ``latitude`` and ``longitude`` (its centre);
* values: ``area_code, indicator, value`` (an empty value means "no data" and is skipped).

Every row is checked before anything is written; all problems are reported with their file
and line number (the header is line 1). The import replaces the values of every indicator the
values file mentions, so running it again with the same files changes nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from ..models import Area, Edition, Indicator, IndicatorValue, Level
from ..structure import structure_ensure
from .scoring import reports_cache_clear
from .validation import (
    ImportFailed,
    Problems,
    areas_read,
    definitions_read,
    values_read,
)

__all__ = ["ImportFailed", "ImportResult", "indicators_import"]


@dataclass
class ImportResult:
    edition: Edition
    indicators_created: int = 0
    indicators_updated: int = 0
    areas_written: int = 0
    values: int = 0
    blank_values: int = 0
    indicator_codes: list[str] = field(default_factory=list)


def indicators_import(
    *,
    values_path: Path,
    definitions_path: Path,
    areas_path: Path | None = None,
    edition_year: int | None = None,
    compute: bool = True,
    publish: bool | None = None,
) -> ImportResult:
    """Validate and import indicator definitions, areas (optional) and values, atomically.

    ``edition_year`` defaults to the latest ``year`` in the definitions file. A new edition
    is not shown on the site until published (``publish=True`` here, or in the admin), so a
    half-loaded year never replaces the current one; ``publish`` set either way also
    (un)publishes an existing edition. Raises
    ``ImportFailed`` (with every problem and its line number) and writes nothing when any row
    is wrong. On success, replaces the values of every indicator in the values file, and when
    ``compute`` is true queues the index computation for after the commit.
    """
    structure_ensure()
    known_areas = _area_ids()
    definitions, areas, values, blanks = _files_read(
        definitions_path, areas_path, values_path, known_areas
    )
    year = edition_year or max(d["year"] for d in definitions.values())
    with transaction.atomic():
        edition = _edition_for(year, publish)
        result = ImportResult(edition=edition, blank_values=blanks)
        if areas:
            result.areas_written = _write_areas(areas)
            known_areas = _area_ids()
        _indicators_write(edition, definitions, result)
        rows = _values_replace(edition, definitions, values, known_areas)
        result.values = len(rows)
        result.indicator_codes = sorted(values)
        edition.imported_at = timezone.now()
        edition.save(update_fields=["imported_at"])
        # Publishing may have changed which edition the site shows.
        transaction.on_commit(reports_cache_clear)
        if compute:
            from ..tasks import compute_index

            transaction.on_commit(lambda: compute_index.delay(edition.pk))
    return result


def _area_ids() -> dict[tuple[str, str], int]:
    """Every area's id by (level, code)."""
    return {
        (level, code): pk for pk, level, code in Area.objects.values_list("pk", "level", "code")
    }


def _files_read(definitions_path, areas_path, values_path, known_areas) -> tuple:
    """Read and check the three files: (definitions, areas, values, blank count).

    Raises ``ImportFailed`` with every problem found in any of them.
    """
    errors = Problems()
    definitions = definitions_read(definitions_path, errors)
    areas = areas_read(areas_path, errors, known_areas) if areas_path else []
    area_keys = set(known_areas) | {(a["level"], a["code"]) for a in areas}
    values, blanks = values_read(values_path, errors, definitions, area_keys)
    if not errors and not definitions:
        errors.add(Path(definitions_path).name, 1, "defines no indicators")
    if errors:
        raise ImportFailed(errors.items, errors.total)
    return definitions, areas, values, blanks


def _edition_for(year: int, publish: bool | None) -> Edition:
    """The edition of ``year``, created unpublished unless ``publish``; ``publish`` set
    either way also (un)publishes an existing one."""
    edition, created = Edition.objects.get_or_create(
        year=year, defaults={"is_published": bool(publish)}
    )
    if not created and publish is not None and edition.is_published != publish:
        edition.is_published = publish
        edition.save(update_fields=["is_published"])
    return edition


def _indicators_write(edition: Edition, definitions: dict, result: ImportResult) -> None:
    """Create or update the edition's indicators; counts go to ``result``."""
    existing = {i.code: i for i in Indicator.objects.filter(edition=edition)}
    now = timezone.now()
    for code, definition in definitions.items():
        definition = {**definition, "loaded_at": now}
        indicator = existing.get(code)
        if indicator is None:
            Indicator.objects.create(edition=edition, code=code, **definition)
            result.indicators_created += 1
        else:
            for attribute, value in definition.items():
                setattr(indicator, attribute, value)
            indicator.save()
            result.indicators_updated += 1


def _values_replace(edition: Edition, definitions: dict, values: dict, area_ids: dict) -> list:
    """Replace the values of every indicator in ``values``; returns the rows written."""
    ids = dict(Indicator.objects.filter(edition=edition).values_list("code", "pk"))
    IndicatorValue.objects.filter(indicator_id__in=[ids[c] for c in values]).delete()
    rows = [
        (ids[code], area_ids[(definitions[code]["level"], area_code)], value)
        for code, pairs in values.items()
        for area_code, value in pairs
    ]
    _write_values(rows)
    return rows


def _write_areas(areas: list[dict]) -> int:
    """Upsert areas level by level, parents first, so every parent has an id to point to."""
    level_order = {Level.REGION: 0, Level.LOCAL_AUTHORITY: 1, Level.WARD: 2, Level.NEIGHBOURHOOD: 3}
    ids = _area_ids()
    written = 0
    for level in sorted({a["level"] for a in areas}, key=lambda lv: level_order.get(lv, 9)):
        batch = [
            Area(
                code=a["code"],
                name=a["name"],
                level=a["level"],
                nation=a["nation"],
                parent_id=ids.get(a["parent"]) if a["parent"] else None,
                latitude=a["centre"][0],
                longitude=a["centre"][1],
            )
            for a in areas
            if a["level"] == level
        ]
        Area.objects.bulk_create(
            batch,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["level", "code"],
            update_fields=["name", "nation", "parent", "latitude", "longitude"],
        )
        written += len(batch)
        ids.update(
            {
                (lv, code): pk
                for pk, lv, code in Area.objects.filter(level=level).values_list(
                    "pk", "level", "code"
                )
            }
        )
    return written


def _write_values(rows: list[tuple[int, int, float]]) -> None:
    if not rows:
        return
    table = IndicatorValue._meta.db_table
    if connection.vendor == "postgresql":
        copy_sql = f"COPY {table} (indicator_id, area_id, value) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    # SQLite (and anything else): plain parameterised inserts, batched.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (indicator_id, area_id, value) VALUES (%s, %s, %s)",  # noqa: S608
            rows,
        )
