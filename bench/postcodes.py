"""Bench: import every live UK postcode into PostgreSQL, then time lookups.

Prints the import rate (rows per second) and the process's peak memory, then lookups per
second for 10,000 random real full postcodes and 10,000 random districts (BENCH_LOOKUPS).
Last line: ``postcode_lookups_per_s: <number>``.

    .venv/bin/python bench/postcodes.py [path/to/uk_postcodes.csv.gz]

A small run: ``bench/postcodes.py data/uk_postcodes_sample_four_cities.csv.gz``.
"""

import os
import random
import sys
import time
from pathlib import Path

# This file is bench/postcodes.py: put the repository first so "postcodes" is the app.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench._setup import SHARED_DATA, django_on_postgres, peak_rss_mb  # noqa: E402

LOOKUPS = int(os.environ.get("BENCH_LOOKUPS") or 10_000)


def main():
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED_DATA / "uk_postcodes.csv.gz"
    django_on_postgres("coopcentre_bench_postcodes")
    from django.db import connection

    from postcodes.importing import postcodes_import
    from postcodes.models import District, Postcode
    from postcodes.services import clear_cache, lookup

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE postcodes_postcode")
    baseline = peak_rss_mb()
    print(f"source: {source} ({source.stat().st_size / 1e6:.1f} MB)")
    start = time.perf_counter()
    count = postcodes_import(path=source)
    seconds = time.perf_counter() - start
    print(f"imported: {count} rows in {seconds:.1f} s")
    print(f"import_rows_per_s: {count / seconds:.0f}")
    print(
        f"peak_memory_mb: {peak_rss_mb():.0f} (Python + Django before the import: {baseline:.0f})"
    )
    start = time.perf_counter()
    again = postcodes_import(path=source)
    print(
        f"re-run (upsert) of {again} rows: {time.perf_counter() - start:.1f} s; "
        f"rows now {Postcode.objects.count()}"
    )

    clear_cache()
    rng = random.Random(2026)
    with connection.cursor() as cursor:
        cursor.execute("SELECT postcode FROM postcodes_postcode TABLESAMPLE SYSTEM (2)")
        sample = [row[0] for row in cursor.fetchall()]
    postcodes = rng.sample(sample, min(LOOKUPS, len(sample)))
    outcodes = list(District.objects.values_list("outcode", flat=True))
    districts = [rng.choice(outcodes) for _ in range(LOOKUPS)]
    lookup("M1 1AE")  # warm the district tables

    start = time.perf_counter()
    for pc in postcodes:
        assert lookup(pc).precision == "postcode"
    full_rate = len(postcodes) / (time.perf_counter() - start)
    start = time.perf_counter()
    for oc in districts:
        lookup(oc)
    district_rate = len(districts) / (time.perf_counter() - start)
    both = len(postcodes) + len(districts)
    combined = both / (len(postcodes) / full_rate + len(districts) / district_rate)
    print(f"full_postcode_lookups_per_s: {full_rate:.0f}")
    print(f"district_lookups_per_s: {district_rate:.0f}")
    print(f"postcode_lookups_per_s: {combined:.0f}")


if __name__ == "__main__":
    main()
