"""Bench: "What's on near me" against a bare Django view, on PostgreSQL and gunicorn.

Seeds 50,000 events (BENCH_EVENTS; 10 % regular activities, expanded into their dates a
year ahead) across the UK, weighted by where people live, in its own PostgreSQL database;
serves the real site through the shared harness (bench/harness) and drives it with
concurrent clients, twice: with the anonymous page cache on, then off. Each mode
alternates the bare view, 16 popular searches, a mix of 2 popular searches to 1 search
few others make, and that mix for a signed-in member; with the cache on, a long tail of
distinct searches (each asked for once) runs alongside.

    .venv/bin/python bench/events.py

Last line: ``events_vs_bare: <mixed req/s ÷ bare req/s, page cache on>`` (the target is
at least 0.25). Environment: bench/README.md.
"""

import random
import sys
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

# This file is bench/events.py: put the repository first so "events" is the app.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.harness import config, report, server  # noqa: E402
from bench.harness.client import Phase, alternate, get, warm  # noqa: E402
from bench.harness.run import each_cache_mode  # noqa: E402

DB_NAME = config.database("events")
EVENTS = config.size("events", 50_000)
RECURRING_SHARE = 0.10
MIXED = "what's on near me, mixed: 2 popular to 1 distinct"
POPULAR = "what's on near me, 16 popular searches"
DISTINCT = "what's on near me, distinct searches (first visits)"
SIGNED_IN = "what's on near me, mixed, signed in"
TAGS = [
    "walking", "gardening", "clean-up", "repair", "cooking", "swap", "wellbeing", "music",
    "dance", "crafts", "knitting", "reading", "language", "welsh", "gaelic", "art",
    "football", "running", "cycling", "yoga", "chat", "coffee", "families", "older-people",
    "young-people", "volunteering", "sustainability", "food", "history", "nature",
]  # fmt: skip

# "What's on near me" as members use it: postcodes in the four cities (full and outward
# codes) and elsewhere, with the filters people pick; {km} is the listing kit's distance parameter.
SEARCHES = [
    "/events/?postcode=M1+1AD",
    "/events/?postcode=M14+5LL&{km}=2",
    "/events/?postcode=EH6+6QU&{km}=10",
    "/events/?postcode=EH1+1YZ&when=week",
    "/events/?postcode=CF24+4HQ&when=weekend",
    "/events/?postcode=CF10+1EP&tag=walking&tag=gardening",
    "/events/?postcode=BT7+1NN&free=on",
    "/events/?postcode=BT1+5GS&format=in_person&when=today",
    "/events/?postcode=M4&{km}=5&page=2",
    "/events/?postcode=E8&{km}=2",
    "/events/?postcode=SW1A&{km}=1&when=week",
    "/events/?postcode=LS6&{km}=5&tag=music",
    "/events/?postcode=B15&{km}=10&format=mixed",
    "/events/?postcode=G12&{km}=5",
    "/events/?postcode=TR18&{km}=25",
    "/events/?postcode=SY23&{km}=10&free=on",
]


def long_tail(km: str, count: int = 8000) -> list[str]:
    """Distinct searches, as the long tail of real traffic: random postcodes of the four
    cities with random filters. Few repeat within a run, so most miss the cache."""
    from postcodes.models import Postcode

    rng = random.Random(7)
    postcodes = list(Postcode.objects.order_by("?").values_list("postcode", flat=True)[:count])
    filters = ["", "&{km}=2", "&{km}=10", "&when=week", "&when=weekend", "&free=on",
               "&tag=walking", "&format=in_person", "&when=today&{km}=10"]  # fmt: skip
    return [
        f"/events/?postcode={pc.replace(' ', '+')}{rng.choice(filters).format(km=km)}"
        for pc in postcodes
    ]


def import_postcodes() -> None:
    """The four cities' postcodes, which the searches name."""
    from django.core.management import call_command

    from postcodes.models import Postcode

    if not Postcode.objects.filter(pk="M1 1AD").exists():
        sample = config.ROOT / "data" / "uk_postcodes_sample_four_cities.csv.gz"
        call_command("import_postcodes", str(sample), "--quiet")


def new_event(rng: random.Random, i: int, context: dict):
    """One event: 75 % in person (placed in a district by population), 10 % regular."""
    from events.models import EVENT_TZ, Event

    mode = rng.choices(["in_person", "online", "mixed"], [75, 15, 10])[0]
    recurring = i % int(1 / RECURRING_SHARE) == 0
    days = rng.randint(-60, 14) if recurring else rng.randint(-30, 180)
    day = context["today"] + timedelta(days=days)
    start = datetime(day.year, day.month, day.day, rng.randint(9, 20), rng.choice([0, 30]))
    start = start.replace(tzinfo=EVENT_TZ)
    event = Event(
        title=f"Bench event {i}",
        slug=f"bench-event-{i}-{day:%Y-%m-%d}",
        description="A community event. " * 20,
        organiser_id=rng.choice(context["organisers"]),
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
        cancelled_at=context["now"] if rng.random() < 0.01 else None,
    )
    if recurring and rng.random() < 0.2:
        event.repeat_until = day + timedelta(days=rng.randint(30, 200))
    if mode != "in_person":
        event.join_url = "https://meet.example.org/bench"
    if mode != "online":
        outcode, lat, lon, lad, nation, _ = rng.choices(context["districts"], context["weights"])[0]
        event.postcode, event.outcode, event.lad_code, event.nation = outcode, outcode, lad, nation
        event.latitude = lat + rng.uniform(-0.01, 0.01)
        event.longitude = lon + rng.uniform(-0.015, 0.015)
        event.venue_name, event.address = "Community hall", "1 High Street"
    return event


def seed_context() -> dict:
    """What every seeded event draws from: 200 organisers, the districts, today."""
    from django.utils import timezone

    from accounts.models import User
    from postcodes.models import District

    organisers = [
        User.objects.get_or_create(
            email=f"bench-organiser-{n}@example.org", defaults={"display_name": f"Organiser {n}"}
        )[0].pk
        for n in range(200)
    ]
    districts = list(
        District.objects.filter(live_postcodes__gt=0).values_list(
            "outcode", "latitude", "longitude", "local_authority_id", "nation", "live_postcodes"
        )
    )
    return {
        "organisers": organisers,
        "districts": districts,
        "weights": [d[5] for d in districts],
        "now": timezone.now(),
        "today": timezone.localdate(),
    }


def seed() -> str:
    """EVENTS events across the UK, weighted by live postcodes, with their dates and tags."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from taggit.models import Tag, TaggedItem

    from events import recurrence
    from events.models import Event, Occurrence
    from events.services import next_dates_fill, next_dates_move

    if Event.objects.count() == EVENTS:
        # As the site's every-minute task does: the dates over since the last run.
        moved = next_dates_move()
        return (
            f"reused {EVENTS:,} seeded events, {Occurrence.objects.count():,} dates "
            f"({moved:,} next dates moved on)"
        )
    rng = random.Random(2026)
    with transaction.atomic():
        Event.objects.all().delete()
        context = seed_context()
        events = [new_event(rng, i, context) for i in range(EVENTS)]
        Event.objects.bulk_create(events, batch_size=5000)
        after = context["now"] - timedelta(days=31)
        dates = [
            Occurrence(event_id=event.pk, starts_at=begins, ends_at=ends)
            for event in events
            for begins, ends in recurrence.event_dates(event, after=after)
        ]
        Occurrence.objects.bulk_create(dates, batch_size=10000)
        # Made in bulk, without ``Event.save``: each event's next date as it would keep it.
        next_dates_fill()
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
    regular = int(EVENTS * RECURRING_SHARE)
    return f"seeded {EVENTS:,} events ({regular:,} regular), {len(dates):,} dates"


def measure(mode: str, searches: dict[str, list[str]], member: str) -> list[Phase]:
    """The phases of one page-cache mode, in alternating rounds."""
    popular, mixed, tail = searches["popular"], searches["mixed"], searches["tail"]
    assert b"Log out" in get(popular[0], member)[1], "the member's cookie did not sign in"
    assert b"Log out" not in get(popular[0])[1], "an anonymous page shows a member's header"
    # Warm every worker as a member (never cached): connections, postcode and tag tables.
    warm(["/bench/bare/"])
    warm(popular, member)
    phases = [
        Phase("bare Django view", ["/bench/bare/"]),
        Phase(POPULAR, popular),
        Phase(MIXED, mixed),
        Phase(SIGNED_IN, mixed, member),
    ]
    if mode == "on":
        # More distinct searches than can be sent in the time: none repeats.
        phases.append(Phase(DISTINCT, tail[2500:], cycle=False))
    alternate(phases)
    return phases


def main() -> None:
    url = server.prepare(DB_NAME)
    from postcodes.near import DISTANCE_PARAM  # once Django is set up

    import_postcodes()
    print(f"events: {seed()}")
    member = server.signed_in_cookie()
    popular = [search.format(km=DISTANCE_PARAM) for search in SEARCHES]
    tail = long_tail(DISTANCE_PARAM)
    # Real traffic: popular searches (the same places and filters, again and again)
    # interleaved with the long tail; 1 request in 3 is a search few others make.
    trios = zip(popular * 200, tail[:2500], popular[3:] * 200, strict=False)
    searches = {"popular": popular, "tail": tail, "mixed": [p for trio in trios for p in trio]}
    report.setup_line(f"events: {EVENTS:,}")
    results = each_cache_mode(url, lambda mode: measure(mode, searches, member))
    on, off = results.get("on"), results.get("off")
    bare = "bare Django view"
    if on:
        report.ratio("popular_vs_bare", on[POPULAR], on[bare])
        report.ratio("uncached_vs_bare", on[DISTINCT], on[bare])
    if off:
        report.ratio("cold_vs_bare", off[MIXED], off[bare])
    report.ratio("signed_in_vs_bare", (on or off)[SIGNED_IN], (on or off)[bare])
    if on:
        report.ratio("events_vs_bare", on[MIXED], on[bare])


if __name__ == "__main__":
    main()
