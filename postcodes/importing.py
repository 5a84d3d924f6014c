"""Streaming import of every live UK postcode, in batches and bounded memory.

Two inputs are understood:

* a CSV (optionally gzipped) with a header naming at least ``postcode``, ``latitude`` and
  ``longitude`` (and, when present, ``lad_code``, ``small_area_code`` and
  ``positional_quality``): the compact all-UK file and the four-city sample;
* OS Code-Point Open as Ordnance Survey distributes it (a zip of headerless CSVs in
  British National Grid eastings/northings), converted to WGS84 with pyproj.

Rows are upserted, so a re-run refreshes the table rather than duplicating it.
"""

import csv
import gzip
import io
import zipfile
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from django.db import connection, transaction

from .models import Postcode
from .parsing import PostcodeError, parse

Row = tuple[str, str, float, float, str, str, int | None]
COLUMNS = (
    "postcode",
    "outcode",
    "latitude",
    "longitude",
    "lad_code",
    "small_area_code",
    "positional_quality",
)
# Code-Point Open: positional quality 90 means "no coordinates".
_NO_COORDINATES = 90


def _int_or_none(value: str) -> int | None:
    return int(value) if value not in ("", None) else None


def read_csv(path: Path) -> Iterator[Row]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"postcode", "latitude", "longitude"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path.name} has no column(s) {', '.join(sorted(missing))}")
        for record in reader:
            if not record["latitude"]:
                continue
            try:
                parsed = parse(record["postcode"], allow_outward=False)
            except PostcodeError:
                continue
            yield (
                str(parsed),
                parsed.outward,
                float(record["latitude"]),
                float(record["longitude"]),
                record.get("lad_code") or "",
                record.get("small_area_code") or "",
                _int_or_none(record.get("positional_quality", "")),
            )


def read_codepoint_zip(path: Path, batch_size: int = 50_000) -> Iterator[Row]:
    """Rows from OS Code-Point Open, converted from British National Grid to WGS84."""
    import numpy as np
    from pyproj import Transformer

    to_wgs84 = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    with zipfile.ZipFile(path) as archive:
        members = sorted(
            n for n in archive.namelist() if n.startswith("Data/CSV/") and n.endswith(".csv")
        )
        for name in members:
            with archive.open(name) as raw:
                reader = csv.reader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
                while chunk := list(islice(reader, batch_size)):
                    kept = []
                    for record in chunk:
                        if int(record[1] or _NO_COORDINATES) >= _NO_COORDINATES:
                            continue
                        try:
                            parsed = parse(record[0], allow_outward=False)
                        except PostcodeError:
                            continue
                        kept.append(
                            (parsed, int(record[1]), float(record[2]), float(record[3]), record[8])
                        )
                    if not kept:
                        continue
                    eastings = np.fromiter((k[2] for k in kept), dtype=float, count=len(kept))
                    northings = np.fromiter((k[3] for k in kept), dtype=float, count=len(kept))
                    lons, lats = to_wgs84.transform(eastings, northings)
                    for (parsed, quality, _e, _n, lad), lat, lon in zip(
                        kept, lats, lons, strict=True
                    ):
                        yield (
                            str(parsed),
                            parsed.outward,
                            round(float(lat), 6),
                            round(float(lon), 6),
                            lad,
                            "",
                            quality,
                        )


def rows_from(path: Path) -> Iterator[Row]:
    if path.suffix == ".zip":
        return read_codepoint_zip(path)
    return read_csv(path)


def _batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _upsert_postgres(batch: list[Row]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS postcode_import "
            "(LIKE postcodes_postcode INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
        )
        # Inside an outer transaction (a test, a caller's atomic block) nothing commits
        # between batches, so empty the staging table explicitly.
        cursor.execute("TRUNCATE postcode_import")
        with cursor.copy(f"COPY postcode_import ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in batch:
                copy.write_row(row)
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:])
        # A file may list a postcode twice; keep one so ON CONFLICT sees each key once.
        cursor.execute(
            f"INSERT INTO postcodes_postcode ({', '.join(COLUMNS)}) "  # noqa: S608
            f"SELECT DISTINCT ON (postcode) {', '.join(COLUMNS)} FROM postcode_import "
            f"ON CONFLICT (postcode) DO UPDATE SET {updates}"
        )


def _upsert_orm(batch: list[Row]) -> None:
    unique = {row[0]: row for row in batch}
    Postcode.objects.bulk_create(
        [Postcode(**dict(zip(COLUMNS, row, strict=True))) for row in unique.values()],
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=list(COLUMNS[1:]),
    )


def postcodes_import(*, path: Path, batch_size: int = 50_000, progress=None) -> int:
    """Upsert every postcode in ``path`` into the ``Postcode`` table; returns the row count.

    Memory stays bounded by ``batch_size`` rows; each batch commits on its own, so an
    interrupted import keeps what it loaded and a re-run completes it. ``progress`` (a
    callable taking a row count) is told after each batch.
    """
    upsert = _upsert_postgres if connection.vendor == "postgresql" else _upsert_orm
    total = 0
    for batch in _batches(rows_from(Path(path)), batch_size):
        with transaction.atomic():
            upsert(batch)
        total += len(batch)
        if progress:
            progress(len(batch))
    return total
