"""What one 500-item OpenActive feed page costs in this process, on the feeds bench's data.

A shared, busy machine makes wall-clock figures mostly a queue for the CPU; this reads
the same pages as ``bench/feeds.py`` through Django's test client (no server) and counts
the process's own CPU time per page (``time.process_time``), and the time the database
took (wall clock inside ``cursor.execute``). Run ``bench/feeds.py`` once first: it seeds
the database this reads.

    .venv/bin/python bench/feeds_inprocess.py            # figures
    .venv/bin/python bench/feeds_inprocess.py profile    # and a cProfile of the series pages

Environment: ``BENCH_DB_PREFIX`` as for ``bench/feeds.py``; ``BENCH_ROUNDS`` (default 3)
passes over every page of both feeds.
"""

import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

# This file is bench/feeds_inprocess.py: put the repository first so the apps import.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ["OPENDATA_API_RATE"] = "100000000/m"

from bench._setup import django_on_postgres  # noqa: E402
from bench.harness import config, server  # noqa: E402

# The bench server's settings (DEBUG off, no page cache), answering the test client.
os.environ.update({**server.environment("off"), "ALLOWED_HOSTS": "testserver"})

SQL_MS = [0.0]


def _timed_sql(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        SQL_MS[0] += (time.perf_counter() - started) * 1000


def _pages(client, paths: list[str]) -> tuple[list[float], list[float]]:
    from django.db import connection

    cpu, sql = [], []
    with connection.execute_wrapper(_timed_sql):
        for path in paths:
            SQL_MS[0] = 0.0
            started = time.process_time()
            response = client.get(path)
            cpu.append((time.process_time() - started) * 1000)
            sql.append(SQL_MS[0])
            assert response.status_code == 200, (path, response.status_code)
    return cpu, sql


def _line(name: str, cpu: list[float], sql: list[float]) -> str:
    p95 = statistics.quantiles(cpu, n=20)[-1]
    return (
        f"{name}: {len(cpu)} pages, CPU median {statistics.median(cpu):.1f} ms, "
        f"p95 {p95:.1f} ms; SQL median {statistics.median(sql):.1f} ms (wall)"
    )


def main() -> None:
    django_on_postgres(os.environ.get("BENCH_DB") or config.database("feeds"), config.PG)
    from django.test import Client

    # Start as the server does (coopcentre/wsgi.py: whatever it does at start-up, such
    # as freezing the garbage collector's view of Django's own objects).
    import coopcentre.wsgi  # noqa: F401
    from bench.feeds import page_paths

    client = Client()
    series = page_paths("SessionSeries", "/openactive/feeds/session-series")
    sessions = page_paths("ScheduledSession", "/openactive/feeds/scheduled-sessions")
    _pages(client, series[:3] + sessions[:3])  # Warm: imports, connection, URL resolvers.
    found = {"series": ([], []), "sessions": ([], [])}
    for _round in range(config.ROUNDS):
        for name, paths in (("series", series), ("sessions", sessions)):
            cpu, sql = _pages(client, paths)
            found[name][0].extend(cpu)
            found[name][1].extend(sql)
    print(f"load average {os.getloadavg()[0]:.1f}")
    for name, (cpu, sql) in found.items():
        print(_line(name, cpu, sql))
    if sys.argv[1:] == ["profile"]:
        profile = cProfile.Profile()
        profile.runcall(_pages, client, series)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
