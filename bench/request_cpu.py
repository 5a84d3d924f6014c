"""In-process cost of a page: CPU and database milliseconds per request, no server.

For a shared, busy machine, where a throughput bench says little: each request goes
through Django's full middleware stack (the test client's WSGI handler, DEBUG off, the
bench servers' settings with the anonymous page cache off) against the bench's own
PostgreSQL database, seeded by the bench (run ``bench/<name>.py`` once first, or see
bench/README.md). It prints, per request, the process's CPU time
(``time.process_time``), the wall time spent waiting for the database and the number of
queries, for the bare view, for the page asked anonymously and for a signed-in member.

    .venv/bin/python bench/request_cpu.py spaces [--requests 200] [--profile spaces.prof]

Pages: ``spaces`` (the search, the bench's pool of searches), ``events`` (what's on near
me, its mix of popular and distinct searches), ``wellbeing`` (first visits: each request
a postcode of an area not asked for yet, from an empty cache). Each pass asks for paths not
asked before in the pass; for spaces and events a first pass warms the process (templates,
tag lists, result cards) and a second pass asks for the same paths again, as a long-running
server process does. ``--profile`` writes a cProfile of the measured signed-in pass and
prints its 30 most expensive functions.
"""

import argparse
import cProfile
import csv
import os
import pstats
import random
import sys
import time
from pathlib import Path

# This file is bench/request_cpu.py: put the repository first so the apps come first.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.harness import config, server  # noqa: E402


class QueryTimer:
    """A database execute wrapper that counts queries and the wall time they took."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - began
            self.count += 1


def run_pass(client, paths: list[str], profiler=None) -> dict:
    """Ask for each path once; the cost per request (ms) and the statuses seen."""
    from django.db import connection

    timer = QueryTimer()
    statuses = {}
    with connection.execute_wrapper(timer):
        if profiler:
            profiler.enable()
        cpu, wall = time.process_time(), time.perf_counter()
        for path in paths:
            status = client.get(path).status_code
            statuses[status] = statuses.get(status, 0) + 1
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if profiler:
            profiler.disable()
    n = len(paths)
    return {
        "cpu_ms": cpu / n * 1000,
        "wall_ms": wall / n * 1000,
        "db_ms": timer.seconds / n * 1000,
        "queries": timer.count / n,
        "statuses": statuses,
    }


def line(name: str, result: dict) -> None:
    print(
        f"{name}: cpu {result['cpu_ms']:.2f} ms, db {result['db_ms']:.2f} ms, "
        f"wall {result['wall_ms']:.2f} ms, {result['queries']:.1f} queries a request, "
        f"status {result['statuses']}"
    )


def spaces_paths(count: int) -> list[str]:
    from bench import spaces
    from bench._setup import districts
    from postcodes.near import DISTANCE_PARAM

    return spaces.search_paths(districts(), config.size("pool", 1000), DISTANCE_PARAM)[:count]


def events_paths(count: int) -> list[str]:
    from bench import events
    from postcodes.near import DISTANCE_PARAM

    popular = [search.format(km=DISTANCE_PARAM) for search in events.SEARCHES]
    tail = events.long_tail(DISTANCE_PARAM, count)
    trios = zip(popular * 200, tail, popular[3:] * 200, strict=False)
    return [p for trio in trios for p in trio][:count]


def wellbeing_paths(count: int) -> list[str]:
    """Postcodes of the bench's sample, one per area, shuffled: every one a first visit."""
    from bench import wellbeing

    sample = wellbeing.sample_postcodes(
        wellbeing.SHARED_DATA / "uk_postcodes.csv.gz", wellbeing.SAMPLE
    )
    with open(sample, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_area = {}
    for row in rows:
        by_area.setdefault(row["small_area_code"] or row["postcode"], row["postcode"])
    postcodes = list(by_area.values())
    random.Random(7).shuffle(postcodes)
    return [wellbeing.page(p) for p in postcodes[:count]]


PAGES = {"spaces": spaces_paths, "events": events_paths, "wellbeing": wellbeing_paths}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", choices=sorted(PAGES))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", help="write the signed-in pass's cProfile here")
    args = parser.parse_args()

    os.environ.update(server.environment("off"))
    database = "wellbeing" if args.page == "wellbeing" else args.page
    server.prepare(config.database(database))
    from django.conf import settings
    from django.test import Client

    # Every page computed: the anonymous page cache off (docs/listing-kit.md).
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0

    from accounts.models import User

    server.cache_clear()
    n = args.requests
    if args.page == "wellbeing":
        # First visits: disjoint sets of areas (warm-up, anonymous, member, profile).
        paths = wellbeing_paths(4 * n)
        warm, anonymous, member_paths = paths[:n], paths[n : 2 * n], paths[2 * n : 3 * n]
        repeat = False
    else:
        paths = PAGES[args.page](2 * n)
        warm, anonymous, member_paths = paths[:n], paths[n:], paths[n:]
        repeat = True
    # The host the bench servers answer to.
    anonymous_client = Client(HTTP_HOST="127.0.0.1")
    member_client = Client(HTTP_HOST="127.0.0.1")
    member, _ = User.objects.get_or_create(email="bench-member@coopcentre.localhost")
    member_client.force_login(member)

    run_pass(anonymous_client, ["/bench/bare/"] * 50 + warm[: n // 2])
    run_pass(member_client, ["/bench/bare/"] * 50 + warm[n // 2 :])
    line("bare view", run_pass(anonymous_client, ["/bench/bare/"] * n))
    line("bare view, signed in", run_pass(member_client, ["/bench/bare/"] * n))
    line(f"{args.page}, anonymous, first pass", run_pass(anonymous_client, anonymous))
    if repeat:
        line(f"{args.page}, anonymous, again", run_pass(anonymous_client, anonymous))
    line(f"{args.page}, signed in, first pass", run_pass(member_client, member_paths))
    if repeat:
        line(f"{args.page}, signed in, again", run_pass(member_client, member_paths))
    if args.profile:
        # Profiled apart: cProfile slows what it measures.
        profiler = cProfile.Profile()
        profiled = member_paths if repeat else paths[3 * n :]
        run_pass(member_client, profiled, profiler)
        profiler.dump_stats(args.profile)
        pstats.Stats(args.profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
