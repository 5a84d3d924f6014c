"""Bench: the wellbeing postcode page and API against a bare Django view, under gunicorn.

Sets up its own PostgreSQL database (``coopcentre_bench_wellbeing``) with the full default
data set (361 councils, 42,619 neighbourhoods), 10,000 random real postcodes from
``uk_postcodes.csv.gz`` and up to six neighbours of each (other postcodes of the same
small area), starts gunicorn (DEBUG off, Redis cache, the site's own middleware) on port 8102
and drives it with 20 concurrent clients, in short rounds taken in turn with a bare view at
``/bench/bare/`` (so a busy moment on the machine falls on all alike):

1. first visits: the 10,000 postcodes in random order, nearly every one in an area nobody
   has asked for since the index was computed;
2. neighbours: other postcodes of the areas visited, each asked for once: new pages, but
   each area's figures were worked out and cached once, at the first visit;
3. repeat visits: the pages of phase 1 again, as when a shared link is opened many times.

Prints requests per second of each and the ratios to the bare view. The last line,
``wellbeing_vs_bare: <ratio>``, is the page (the heavier of page and API) in phase 2: what
the site sustains once each area's figures are computed, for any postcode of the area.

    .venv/bin/python bench/wellbeing.py [--seconds 8] [--rounds 8] [--workers 5]
"""

import argparse
import asyncio
import csv
import gzip
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, SHARED_DATA, django_on_postgres  # noqa: E402

PORT = 8102
CLIENTS = 20
SAMPLE = 10_000
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
WORK = Path(tempfile.gettempdir()) / "coopcentre-bench-wellbeing"


def sample_postcodes(path: Path, count: int, seed: int = 2026) -> Path:
    """A CSV of ``count`` random live postcodes (reservoir sample, fixed seed), made once."""
    out = WORK / f"postcodes_{count}_{seed}.csv"
    if out.exists():
        return out
    rng = random.Random(seed)
    reservoir: list[list[str]] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        for n, row in enumerate(reader):
            if n < count:
                reservoir.append(row)
            else:
                j = rng.randint(0, n)
                if j < count:
                    reservoir[j] = row
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(reservoir)
    return out


NEIGHBOURS_PER_AREA = 6


def neighbour_postcodes(path: Path, sample: Path) -> Path:
    """For each sampled postcode with a small area, up to six other live postcodes of that
    small area (its neighbours): visiting one needs the area's figures, not the same page."""
    out = sample.with_name(sample.stem + f"_neighbours{NEIGHBOURS_PER_AREA}.csv")
    if out.exists():
        return out
    with open(sample, encoding="utf-8") as f:
        sampled = {row["postcode"]: row["small_area_code"] for row in csv.DictReader(f)}
    wanted = {area: pc for pc, area in sampled.items() if area}
    found: dict[str, list[list[str]]] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        area_column = header.index("small_area_code")
        for row in reader:
            area = row[area_column]
            if area in wanted and row[0] != wanted[area]:
                rows = found.setdefault(area, [])
                if len(rows) < NEIGHBOURS_PER_AREA:
                    rows.append(row)
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for rows in found.values():
            writer.writerows(rows)
    return out


def prepare() -> tuple[str, list[str], dict[str, list[str]]]:
    WORK.mkdir(parents=True, exist_ok=True)
    os.environ["REDIS_URL"] = REDIS_URL
    url = django_on_postgres("coopcentre_bench_wellbeing")
    from django.core.cache import cache
    from django.core.management import call_command

    from postcodes.models import Postcode
    from wellbeing_index.services.dataset import dataset_load_default

    start = time.perf_counter()
    print(dataset_load_default(), f"({time.perf_counter() - start:.1f} s)")
    shared = Path(os.environ.get("SHARED_DATA_DIR", SHARED_DATA))
    sample = sample_postcodes(shared / "uk_postcodes.csv.gz", SAMPLE)
    neighbours_file = neighbour_postcodes(shared / "uk_postcodes.csv.gz", sample)
    start = time.perf_counter()
    call_command("import_postcodes", str(sample), "--quiet")
    call_command("import_postcodes", str(neighbours_file), "--quiet")
    with open(sample, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    postcodes = [row["postcode"] for row in rows]
    by_area: dict[str, list[str]] = {}
    with open(neighbours_file, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_area.setdefault(row["small_area_code"], []).append(row["postcode"])
    neighbours = {
        row["postcode"]: by_area[row["small_area_code"]]
        for row in rows
        if row["small_area_code"] in by_area
    }
    print(
        f"postcodes: {len(postcodes):,} random real postcodes imported "
        f"({Postcode.objects.count():,} in the table, {time.perf_counter() - start:.1f} s)"
    )
    # Start from a cold cache: the bench measures first visits to most areas.
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    static_root = WORK / "static"
    env = server_env(url, static_root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return url, postcodes, neighbours


def server_env(url: str, static_root: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DJANGO_SETTINGS_MODULE": "wellbeing_settings",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "ERROR",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
    }


async def fetch(path: str) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("ascii")
    )
    await writer.drain()
    data = await reader.read()
    writer.close()
    return int(data[9:12])


class Walk:
    """A phase's paths, walked in order by all clients together, with its tallies."""

    def __init__(self, paths: list[str], cycle: bool = True):
        self.paths = paths
        self.cycle = cycle
        self.position = 0
        self.done = 0
        self.seconds = 0.0
        self.statuses: dict[int, int] = {}

    def next_path(self) -> str | None:
        if not self.cycle and self.position >= len(self.paths):
            return None
        path = self.paths[self.position % len(self.paths)]
        self.position += 1
        return path

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0


async def drive(walk: Walk, seconds: float) -> None:
    """CLIENTS concurrent clients, each a loop of one request at a time, for ``seconds``."""
    deadline = time.perf_counter() + seconds

    async def client():
        while time.perf_counter() < deadline:
            path = walk.next_path()
            if path is None:
                return
            status = await fetch(path)
            walk.statuses[status] = walk.statuses.get(status, 0) + 1
            walk.done += 1

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    walk.seconds += time.perf_counter() - start


def slug(postcode: str) -> str:
    return postcode.replace(" ", "")


def wait_for_server(seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if asyncio.run(fetch("/bench/bare/")) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()

    url, postcodes, neighbours = prepare()
    env = server_env(url, WORK / "static")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "coopcentre.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_for_server()
        rng = random.Random(7)
        rng.shuffle(postcodes)
        half = len(postcodes) // 2
        page_postcodes, api_postcodes = postcodes[:half], postcodes[half:]
        pages = [f"/wellbeing/{slug(p)}/" for p in page_postcodes]
        apis = [f"/api/wellbeing/{slug(p)}" for p in api_postcodes]
        # Warm each worker's per-process state (district tables, catalogue, templates).
        asyncio.run(drive(Walk(["/bench/bare/", "/wellbeing/M1/", "/api/wellbeing/EH1"]), 1.5))
        bare = Walk(["/bench/bare/"])
        first = {"page": Walk(pages), "api": Walk(apis)}
        # 1. First visits: most requests reach an area nobody has asked for since the index
        #    was computed. Short rounds in turn with the bare view, so a busy moment on this
        #    shared machine falls on all alike.
        bare_first = Walk(bare.paths)
        for _ in range(args.rounds):
            for walk in (bare_first, *first.values()):
                asyncio.run(drive(walk, args.seconds / args.rounds))
        # 2. Neighbours: other postcodes of the neighbourhoods visited, each asked for once.
        #    Different pages, but each area's figures were worked out and cached once, at
        #    the first visit.
        again = {}
        for name, visited, template in [
            ("page", page_postcodes[: first["page"].done], "/wellbeing/{}/"),
            ("api", api_postcodes[: first["api"].done], "/api/wellbeing/{}"),
        ]:
            paths = [template.format(slug(n)) for p in visited for n in neighbours.get(p, ())]
            rng.shuffle(paths)
            again[name] = Walk(paths, cycle=False)
        # 3. Repeat visits: the pages of phase 1 again (a shared link opened many times).
        #    Phases 2 and 3 take their rounds in turn with one bare walk.
        repeat = {
            name: Walk(walk.paths[: min(walk.done, len(walk.paths))])
            for name, walk in first.items()
        }
        for walk in repeat.values():
            rng.shuffle(walk.paths)
        for _ in range(args.rounds):
            for walk in (bare, *again.values(), *repeat.values()):
                asyncio.run(drive(walk, args.seconds / args.rounds))
        report = [
            ("bare view", bare_first),
            ("page, first visits", first["page"]),
            ("api, first visits", first["api"]),
            ("bare view", bare),
            ("page, neighbours of visited postcodes", again["page"]),
            ("api, neighbours of visited postcodes", again["api"]),
            ("page, repeat visits", repeat["page"]),
            ("api, repeat visits", repeat["api"]),
        ]
        for name, walk in report:
            distinct = min(walk.done, len(walk.paths))
            print(
                f"{name}: {walk.rate:.0f} requests/s ({walk.done} requests, {distinct} distinct "
                f"paths, status {dict(sorted(walk.statuses.items()))})"
            )
            if set(walk.statuses) != {200}:
                print(f"  warning: non-200 answers for {name}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    print(
        f"clients: {CLIENTS} concurrent; gunicorn {args.workers} sync workers; PostgreSQL; "
        "Redis cache"
    )
    print(f"page_first_visit_vs_bare: {first['page'].rate / bare_first.rate:.2f}")
    print(f"api_first_visit_vs_bare: {first['api'].rate / bare_first.rate:.2f}")
    print(f"page_repeat_visit_vs_bare: {repeat['page'].rate / bare.rate:.2f}")
    print(f"api_repeat_visit_vs_bare: {repeat['api'].rate / bare.rate:.2f}")
    print(f"api_vs_bare: {again['api'].rate / bare.rate:.2f}")
    print(f"page_vs_bare: {again['page'].rate / bare.rate:.2f}")
    # The headline: the page (the heavier of the two) for a postcode whose area's figures
    # were worked out once already: "cache what is computed once per area".
    print(f"wellbeing_vs_bare: {again['page'].rate / bare.rate:.2f}")


if __name__ == "__main__":
    main()
