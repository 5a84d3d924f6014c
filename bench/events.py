"""Bench: "What's on near me" against a bare Django view, on PostgreSQL and gunicorn.

Seeds 50,000 events (10 % regular activities, expanded into their dates a year ahead)
across the UK, weighted by where people live, into its own PostgreSQL database; serves
the real site with gunicorn (DEBUG off) plus a trivial view through the same middleware;
then drives both with 20 concurrent clients and prints requests per second and p95.
The last line is ``events_vs_bare: <ratio>`` (the target is at least 0.25).

    .venv/bin/python bench/events.py [--seconds 12] [--workers 4] [--reseed]

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/
coopcentre_bench_events), BENCH_REDIS_URL (default redis://127.0.0.1:6379/4),
BENCH_PORT (default 8104).
"""

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# This file is bench/events.py: keep its folder off the path so "events" is the app.
sys.path[0] = str(ROOT)

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/coopcentre_bench_events"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
PORT = int(os.environ.get("BENCH_PORT", "8104"))
EVENTS = 50_000
RECURRING_SHARE = 0.10
CONCURRENCY = 20
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.events_settings",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "CONN_MAX_AGE": "600",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(SERVER_ENV)

TAGS = [
    "walking", "gardening", "clean-up", "repair", "cooking", "swap", "wellbeing", "music",
    "dance", "crafts", "knitting", "reading", "language", "welsh", "gaelic", "art",
    "football", "running", "cycling", "yoga", "chat", "coffee", "families", "older-people",
    "young-people", "volunteering", "sustainability", "food", "history", "nature",
]  # fmt: skip

# "What's on near me" as members use it: postcodes in the four cities (full and outward
# codes) and elsewhere, with the filters people pick.
SEARCHES = [
    "/events/?postcode=M1+1AD",
    "/events/?postcode=M14+5LL&km=2",
    "/events/?postcode=EH6+6QU&km=10",
    "/events/?postcode=EH1+1YZ&when=week",
    "/events/?postcode=CF24+4HQ&when=weekend",
    "/events/?postcode=CF10+1EP&tag=walking&tag=gardening",
    "/events/?postcode=BT7+1NN&free=on",
    "/events/?postcode=BT1+5GS&format=in_person&when=today",
    "/events/?postcode=M4&km=5&page=2",
    "/events/?postcode=E8&km=2",
    "/events/?postcode=SW1A&km=1&when=week",
    "/events/?postcode=LS6&km=5&tag=music",
    "/events/?postcode=B15&km=10&format=mixed",
    "/events/?postcode=G12&km=5",
    "/events/?postcode=TR18&km=25",
    "/events/?postcode=SY23&km=10&free=on",
]


def long_tail(count: int = 8000) -> list[str]:
    """Distinct searches, as the long tail of real traffic: random postcodes of the four
    cities with random filters. Few repeat within a run, so most miss the cache."""
    from postcodes.models import Postcode

    rng = random.Random(7)
    postcodes = list(Postcode.objects.order_by("?").values_list("postcode", flat=True)[:count])
    filters = ["", "&km=2", "&km=10", "&when=week", "&when=weekend", "&free=on",
               "&tag=walking", "&format=in_person", "&when=today&km=10"]  # fmt: skip
    return [f"/events/?postcode={pc.replace(' ', '+')}{rng.choice(filters)}" for pc in postcodes]


def ensure_database() -> None:
    import psycopg

    url = urlsplit(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = f"host={url.hostname} port={url.port or 5432} user={url.username} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    from postcodes.models import Postcode

    if not Postcode.objects.filter(pk="M1 1AD").exists():
        sample = ROOT / "data" / "uk_postcodes_sample_four_cities.csv.gz"
        call_command("import_postcodes", str(sample), "--quiet")


def seed(reseed: bool) -> str:
    """50,000 events across the UK, weighted by live postcodes; 10 % regular."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from accounts.models import User
    from events import recurrence
    from events.models import EVENT_TZ, Event, Occurrence
    from postcodes.models import District

    if Event.objects.count() == EVENTS and not reseed:
        return f"reused {EVENTS:,} seeded events, {Occurrence.objects.count():,} dates"
    rng = random.Random(2026)
    with transaction.atomic():
        Event.objects.all().delete()
        organisers = []
        for n in range(200):
            user, _ = User.objects.get_or_create(
                email=f"bench-organiser-{n}@example.org",
                defaults={"display_name": f"Organiser {n}"},
            )
            organisers.append(user.pk)
        districts = list(
            District.objects.filter(live_postcodes__gt=0).values_list(
                "outcode", "latitude", "longitude", "local_authority_id", "nation", "live_postcodes"
            )
        )
        weights = [d[5] for d in districts]
        now = timezone.now()
        today = timezone.localdate()
        events = []
        for i in range(EVENTS):
            mode = rng.choices(["in_person", "online", "mixed"], [75, 15, 10])[0]
            recurring = i % int(1 / RECURRING_SHARE) == 0
            if recurring:
                day = today + timedelta(days=rng.randint(-60, 14))
            else:
                day = today + timedelta(days=rng.randint(-30, 180))
            start = datetime(day.year, day.month, day.day, rng.randint(9, 20), rng.choice([0, 30]))
            start = start.replace(tzinfo=EVENT_TZ)
            event = Event(
                title=f"Bench event {i}",
                slug=f"bench-event-{i}-{day:%Y-%m-%d}",
                description="A community event. " * 20,
                organiser_id=rng.choice(organisers),
                submitted_by_id=None,
                moderation_status=rng.choices(["approved", "pending", "rejected"], [95, 3, 2])[0],
                starts_at=start,
                ends_at=start + timedelta(minutes=rng.choice([60, 90, 120, 180])),
                recurrence=rng.choices(["weekly", "fortnightly", "monthly"], [5, 3, 2])[0]
                if recurring
                else "",
                attendance_mode=mode,
                price=Decimal("0") if rng.random() < 0.7 else Decimal(rng.randint(2, 10)),
                capacity=None if rng.random() < 0.5 else rng.randint(10, 50),
                cancelled_at=now if rng.random() < 0.01 else None,
            )
            if recurring and rng.random() < 0.2:
                event.repeat_until = day + timedelta(days=rng.randint(30, 200))
            if mode == "online":
                event.join_url = "https://meet.example.org/bench"
            else:
                outcode, lat, lon, lad, nation, _ = rng.choices(districts, weights)[0]
                event.postcode, event.outcode, event.lad_code, event.nation = (
                    outcode,
                    outcode,
                    lad,
                    nation,
                )
                event.latitude = lat + rng.uniform(-0.01, 0.01)
                event.longitude = lon + rng.uniform(-0.015, 0.015)
                event.venue_name, event.address = "Community hall", "1 High Street"
                if mode == "mixed":
                    event.join_url = "https://meet.example.org/bench"
            events.append(event)
        Event.objects.bulk_create(events, batch_size=5000)
        dates = []
        for event in events:
            for begins, ends in recurrence.event_dates(event, after=now - timedelta(days=31)):
                dates.append(Occurrence(event_id=event.pk, starts_at=begins, ends_at=ends))
        Occurrence.objects.bulk_create(dates, batch_size=10000)
        tags = [Tag.objects.get_or_create(name=name, defaults={"slug": name})[0] for name in TAGS]
        content_type = ContentType.objects.get_for_model(Event)
        TaggedItem.objects.bulk_create(
            [
                TaggedItem(tag=tag, content_type=content_type, object_id=event.pk)
                for event in events
                for tag in rng.sample(tags, rng.randint(1, 3))
            ],
            batch_size=10000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return f"seeded {EVENTS:,} events ({int(EVENTS * RECURRING_SHARE):,} regular), {len(dates):,} dates"


def start_server(workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "coopcentre.wsgi:application",
            f"--bind=127.0.0.1:{PORT}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--backlog=256",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env={**os.environ, **SERVER_ENV},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _ = asyncio.run(request("/bench/bare/"))
            if status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start")


async def request(path: str) -> tuple[int, float]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    return int(data[9:12]), time.perf_counter() - started


async def load(paths: list[str], seconds: float) -> dict:
    """``CONCURRENCY`` clients, each sending its next request as soon as one returns."""
    latencies: list[float] = []
    failures = 0
    deadline = time.perf_counter() + seconds

    async def client(n: int):
        nonlocal failures
        i = n
        while time.perf_counter() < deadline:
            status, latency = await request(paths[i % len(paths)])
            i += 1
            if status != 200:
                failures += 1
            latencies.append(latency)

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(CONCURRENCY)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "n": len(latencies),
        "failures": failures,
    }


def report(name: str, result: dict) -> None:
    print(
        f"{name}: {result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms, "
        f"p95 {result['p95']:.1f} ms ({result['n']} requests, {result['failures']} not 200)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()

    ensure_database()
    setup_django()
    print(f"events: {seed(args.reseed)}")
    tail = long_tail()
    # Real traffic: popular searches (the same places and filters, again and again)
    # interleaved with the long tail; 1 request in 3 is a search few others make.
    trios = zip(SEARCHES * 200, tail[:2500], SEARCHES[3:] * 200, strict=False)
    mixed = [url for trio in trios for url in trio]
    server = start_server(args.workers)
    try:
        # Warm every worker: connections, postcode tables, template and tag caches.
        asyncio.run(load(SEARCHES + ["/bench/bare/"], 3))
        bare = asyncio.run(load(["/bench/bare/"], args.seconds))
        popular = asyncio.run(load(SEARCHES, args.seconds))
        # More distinct searches than can be sent in the time: none repeats.
        cold = asyncio.run(load(tail[2500:], args.seconds))
        near = asyncio.run(load(mixed, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"gunicorn: {args.workers} sync workers; {CONCURRENCY} concurrent clients")
    report("bare Django view", bare)
    report("what's on near me, 16 popular searches (cached)", popular)
    report("what's on near me, distinct searches (uncached)", cold)
    report("what's on near me, mixed: 2 popular to 1 distinct", near)
    if near["failures"] or bare["failures"] or cold["failures"] or popular["failures"]:
        print("warning: some responses were not 200")
    print(f"popular_vs_bare: {popular['rps'] / bare['rps']:.2f}")
    print(f"uncached_vs_bare: {cold['rps'] / bare['rps']:.2f}")
    print(f"events_vs_bare: {near['rps'] / bare['rps']:.2f}")


if __name__ == "__main__":
    main()
