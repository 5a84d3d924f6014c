"""Bench: the spaces search page against a bare Django view, on PostgreSQL and gunicorn.

Seeds 10,000 approved spaces across real postcode districts (more where more people
live), then serves the real site with gunicorn (DEBUG off, sync workers, persistent
database connections, Redis cache) and drives it with 20 concurrent clients: first the
search page (a postcode district and a 5 km radius, some with filters), then a bare
view behind the same middleware. Prints requests per second and latencies of each.
Last line: ``spaces_vs_bare: <search req/s ÷ bare req/s>``.

    .venv/bin/python bench/spaces.py

First every distinct search of a pool (BENCH_POOL, default 1,000 drawn by population) is
requested once on an empty cache ("cold": every page computed); then the rounds draw from
the same pool again, as a site in a steady state would see them (anonymous pages are
cached for ten minutes), alternating with the bare view and with a signed-in member's
search (never cached).

Environment: BENCH_SECONDS (per phase, default 15), BENCH_WORKERS (gunicorn, default 4),
BENCH_CLIENTS (default 20), BENCH_PORT (default 8103), BENCH_REDIS (default
redis://127.0.0.1:6379/3), BENCH_PG (default postgres://postgres@127.0.0.1:5432).
"""

import asyncio
import csv
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, django_on_postgres  # noqa: E402

DB_NAME = "coopcentre_bench_spaces"
SPACES = 10_000
SECONDS = float(os.environ.get("BENCH_SECONDS", 15))
ROUNDS = 3
POOL = int(os.environ.get("BENCH_POOL", 1000))
WORKERS = int(os.environ.get("BENCH_WORKERS", 4))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 20))
PORT = int(os.environ.get("BENCH_PORT", 8103))
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/3")
SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789"
TAGS = [
    "youth", "gardening", "music", "dance", "reading", "football", "repair café", "choir",
    "food bank", "art", "older people", "toddlers", "yoga", "computers", "cinema", "theatre",
    "walking", "cycling", "climbing", "chess", "language classes", "men's shed", "crafts",
    "history", "nature", "allotments", "quiz", "folk", "café", "film",
]  # fmt: skip


def districts() -> list[dict]:
    with open(ROOT / "data" / "uk_postcode_districts.csv", newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if int(r["live_postcodes"] or 0) > 0]


def seed(rows: list[dict]) -> None:
    """10,000 approved spaces, placed where people live, each with two or three tags."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from taggit.models import Tag, TaggedItem

    from spaces.models import FACILITIES, Kind, OwnerType, Space, Status, name_key

    if Space.objects.approved().count() == SPACES:
        print(f"seed: {SPACES} spaces already there")
        return
    rng = random.Random(5)
    weights = [int(r["live_postcodes"]) for r in rows]
    statuses = rng.choices(Status.values, weights=[80, 8, 4, 5, 3], k=SPACES)
    start = time.perf_counter()
    with transaction.atomic():
        Space.objects.all().delete()
        spaces = []
        for i, (row, status) in enumerate(
            zip(rng.choices(rows, weights=weights, k=SPACES), statuses, strict=True)
        ):
            kind = rng.choice(Kind.values)
            name = f"{row['outcode']} {Kind(kind).label.split(' ')[0]} {i}"
            space = Space(
                name=name,
                name_key=name_key(name),
                slug=f"bench-{i}",
                kind=kind,
                address=f"{rng.randint(1, 200)} High Street",
                description="A place where the community meets. " * 3,
                postcode=row["outcode"],
                outcode=row["outcode"],
                latitude=float(row["latitude"]) + rng.uniform(-0.012, 0.012),
                longitude=float(row["longitude"]) + rng.uniform(-0.018, 0.018),
                lad_code=row["lad_code"],
                nation=row["country"],
                capacity=rng.choice([None, 20, 40, 60, 120, 300]),
                owner_type=rng.choice(OwnerType.values),
                status=status,
                moderation_status="approved",
            )
            for field, _label in FACILITIES:
                setattr(space, field, rng.random() < 0.5)
            spaces.append(space)
        Space.objects.bulk_create(spaces, batch_size=2000)
        tags = [
            Tag.objects.get_or_create(name=t, defaults={"slug": t.replace(" ", "-")})[0]
            for t in TAGS
        ]
        content_type = ContentType.objects.get_for_model(Space)
        items = [
            TaggedItem(content_type=content_type, object_id=space.pk, tag=tag)
            for space in Space.objects.only("pk")
            for tag in rng.sample(tags, rng.randint(2, 3))
        ]
        TaggedItem.objects.bulk_create(items, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE spaces_space; ANALYZE taggit_taggeditem; ANALYZE taggit_tag")
    print(f"seed: {SPACES} spaces, {len(items)} tags in {time.perf_counter() - start:.1f} s")


def signed_in_cookie() -> str:
    """A session cookie of a bench member, to measure the page members get."""
    from django.test import Client

    from accounts.models import User

    user, _ = User.objects.get_or_create(email="bench-member@coopcentre.localhost")
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def search_paths(rows: list[dict], n: int = 20_000) -> list[str]:
    """What people search for: their district and 5 km, sometimes with a filter or page 2.

    Districts are drawn by how many people live there, so busy districts repeat (and a
    cached page helps) while the long tail does not.
    """
    rng = random.Random(7)
    weights = [int(r["live_postcodes"]) for r in rows]
    extras = [
        ("", 55),
        ("&kind=library&kind=community_centre", 12),
        ("&facility=step_free&facility=toilets", 10),
        ("&tag=youth", 8),
        ("&status=threatened&status=transfer", 5),
        ("&page=2", 10),
    ]
    paths = []
    for row in rng.choices(rows, weights=weights, k=n):
        extra = rng.choices([e for e, _ in extras], weights=[w for _, w in extras])[0]
        paths.append(f"/spaces/?postcode={row['outcode']}&km=5{extra}")
    return paths


async def one_client(paths, offset, deadline, latencies, failures, cookie, once=False):
    i = offset
    request = "GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: bench\r\nConnection: close\r\n"
    request += f"Cookie: {cookie}\r\n\r\n" if cookie else "\r\n"
    while time.perf_counter() < deadline:
        path = paths[i % len(paths)]
        i += 1
        began = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
            writer.write(request.format(path).encode())
            await writer.drain()
            data = await reader.read()
            writer.close()
        except OSError as error:
            failures.append(str(error))
            continue
        latencies.append(time.perf_counter() - began)
        if not data.startswith(b"HTTP/1.1 200"):
            failures.append(data[:40].decode(errors="replace"))
        if once:
            return


async def load(paths, seconds, cookie="") -> tuple[list[float], list[str], float]:
    latencies, failures = [], []
    began = time.perf_counter()
    deadline = began + seconds
    step = max(1, len(paths) // CLIENTS)
    await asyncio.gather(
        *(
            one_client(paths, k * step + load.offset, deadline, latencies, failures, cookie)
            for k in range(CLIENTS)
        )
    )
    # The next phase carries on through the searches rather than repeating them.
    load.offset += len(latencies) // CLIENTS + 1
    return latencies, failures, time.perf_counter() - began


load.offset = 0


async def load_each(paths) -> tuple[list[float], list[str], float]:
    """Request each path once, CLIENTS at a time."""
    latencies, failures = [], []
    queue = list(reversed(paths))

    async def worker():
        while queue:
            await one_client([queue.pop()], 0, float("inf"), latencies, failures, "", once=True)

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CLIENTS)))
    return latencies, failures, time.perf_counter() - began


def report(name: str, latencies: list[float], failures: list[str], elapsed: float) -> float:
    rate = len(latencies) / elapsed
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"{name}: {rate:.0f} req/s, p50 {cuts[49] * 1000:.1f} ms, p95 {cuts[94] * 1000:.1f} ms, "
        f"{len(latencies)} requests, {len(failures)} failed"
    )
    if failures:
        print(f"  e.g. {failures[0]!r}")
    return rate


def measure(phases: dict[str, tuple[list[str], str]]) -> dict[str, float]:
    """Run the phases in turn, ROUNDS times, so a busy neighbour on the machine weighs on
    each of them alike; report each phase over all its rounds."""
    results = {name: ([], [], 0.0) for name in phases}
    for paths, cookie in phases.values():
        asyncio.run(load(paths, 2, cookie))  # warm every worker: connections, templates
    for _ in range(ROUNDS):
        for name, (paths, cookie) in phases.items():
            latencies, failures, elapsed = asyncio.run(load(paths, SECONDS / ROUNDS, cookie))
            total = results[name]
            results[name] = (total[0] + latencies, total[1] + failures, total[2] + elapsed)
    return {name: report(name, *result) for name, result in results.items()}


def fetch(path: str, cookie: str = "") -> bytes:
    with socket.create_connection(("127.0.0.1", PORT), timeout=30) as sock:
        head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        sock.sendall((head + (f"Cookie: {cookie}\r\n" if cookie else "") + "\r\n").encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def main():
    # The bench signs a member in, so it must sign with the server's key, and it empties
    # the search cache, so it must use the server's Redis.
    os.environ["SECRET_KEY"] = SECRET_KEY
    os.environ["REDIS_URL"] = REDIS
    url = django_on_postgres(DB_NAME)
    rows = districts()
    seed(rows)
    member_cookie = signed_in_cookie()
    static_root = Path(tempfile.gettempdir()) / "coopcentre-bench-spaces-static"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": REDIS,
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "spaces_bench_settings",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "coopcentre.wsgi:application",
            "--bind", f"127.0.0.1:{PORT}", "--workers", str(WORKERS), "--worker-class", "sync",
            "--backlog", "2048", "--log-level", "warning",
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(1)
        sample = search_paths(rows, 1)[0]
        assert b"Log out" in fetch(sample, member_cookie), "the member's cookie did not sign in"
        assert b"Log out" not in fetch(sample), "an anonymous page shows a member's header"
        print(
            f"gunicorn: {WORKERS} sync workers; {CLIENTS} concurrent clients; "
            f"{SECONDS:g} s of each page, in {ROUNDS} alternating rounds"
        )
        searches = search_paths(rows, POOL)
        distinct = list(dict.fromkeys(searches))
        # Cold: the cache emptied, then every distinct search computed once.
        from core.page_cache import VERSION_MEMO_SECONDS, listings_changed

        listings_changed("spaces")
        time.sleep(VERSION_MEMO_SECONDS + 0.5)
        cold = report("search page, cold cache (each computed)", *asyncio.run(load_each(distinct)))
        print(
            f"cache: {len(distinct)} distinct searches ({POOL} drawn by population) are now "
            "cached; the rounds below draw from them again (a steady state)"
        )
        rates = measure(
            {
                "search page": (searches, ""),
                "bare view": (["/bench/bare/"], ""),
                "search page, signed in (never cached)": (searches, member_cookie),
            }
        )
        search, bare = rates["search page"], rates["bare view"]
        member = rates["search page, signed in (never cached)"]
        print(f"cold_search_vs_bare: {cold / bare:.2f}")
        print(f"signed_in_search_vs_bare: {member / bare:.2f}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    print(f"spaces_vs_bare: {search / bare:.2f}")


if __name__ == "__main__":
    main()
