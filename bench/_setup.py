"""Shared bench start-up: a PostgreSQL database of the bench's own, migrated, and Django;
the real postcode districts; the process's peak memory."""

import csv
import os
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The shared data folder beside the checkout, or SHARED_DATA_DIR.
SHARED_DATA = Path(os.environ.get("SHARED_DATA_DIR") or ROOT.parent / "shared" / "data")


def ensure_database(dbname: str, base: str | None = None) -> str:
    """Create ``dbname`` on the local PostgreSQL if it is not there; return its URL."""
    import psycopg

    base = base or os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{dbname}"')
    return f"{base}/{dbname}"


def django_on_postgres(dbname: str, base: str | None = None) -> str:
    """Create (if needed) and migrate ``dbname`` on the local PostgreSQL; set up Django."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    url = ensure_database(dbname, base)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcentre.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return url


def districts() -> list[dict]:
    """The UK's postcode districts where people live (data/uk_postcode_districts.csv)."""
    with open(ROOT / "data" / "uk_postcode_districts.csv", newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["latitude"] and int(r["live_postcodes"] or 0)]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
