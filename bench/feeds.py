"""Bench: the OpenActive feeds, a page of 500 items, on PostgreSQL and gunicorn.

Seeds 5,000 events (BENCH_FEED_EVENTS) tagged with mapped activities, a tenth of them
regular (a year of weekly dates each), with their feed stamps, in its own PostgreSQL
database; serves the real site through the shared harness (bench/harness) and asks, one
request at a time (BENCH_CLIENTS, default 1 here: the figure is the time of one page, not
a queue), for 500-item pages of both feeds from every point of the feed. The feeds read
the database on every request (no page cache), so the cache mode does not matter and only
one runs.

    .venv/bin/python bench/feeds.py

Last line: ``feeds_page_ms: <p95 milliseconds for a 500-item page>`` (the target is under
100 ms). Environment: bench/README.md.
"""

import os
import random
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

# This file is bench/feeds.py: put the repository first so the apps import.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("BENCH_CLIENTS", "1")
os.environ.setdefault("BENCH_PAGE_CACHE", "off")
# The feeds' own throttle would refuse a bench: lift it for the server.
os.environ["OPENDATA_API_RATE"] = "100000000/m"

from bench.harness import config, report, server  # noqa: E402
from bench.harness.client import Phase, alternate, get, warm  # noqa: E402
from bench.harness.run import each_cache_mode  # noqa: E402

DB_NAME = os.environ.get("BENCH_DB") or config.database("feeds")
EVENTS = config.size("feed_events", 5_000)
PAGE = 500
SERIES = "session series, a 500-item page"
SESSIONS = "scheduled sessions, a 500-item page"
ACTIVITIES = {"walking": "Walking", "yoga": "Yoga", "dance": "Dance", "football": "Football"}


def seed() -> str:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from events.models import EVENT_TZ, Event, Occurrence
    from opendata.activities import activity_id_for
    from opendata.models import ActivityMapping, FeedStamp
    from opendata.services.stamps import now_modified
    from postcodes.services import lookup

    if Event.objects.count() == EVENTS:
        return f"reused {EVENTS:,} events, {FeedStamp.objects.count():,} feed items"
    rng = random.Random(15)
    places = [lookup(p) for p in ("M1 1AD", "EH6 6QU", "CF24 4HQ", "BT7 1NN", "M14", "E8")]
    today = timezone.localdate()
    with transaction.atomic():
        Event.objects.all().delete()
        FeedStamp.objects.all().delete()
        for tag, label in ACTIVITIES.items():
            ActivityMapping.objects.update_or_create(
                tag=tag, defaults={"activity_id": activity_id_for(label), "activity_label": label}
            )
        events = []
        for i in range(EVENTS):
            starts = datetime.combine(
                today + timedelta(days=rng.randint(1, 60)), time(18), EVENT_TZ
            )
            event = Event(
                title=f"Activity {i}",
                slug=f"bench-activity-{i}",
                description="Come along: all welcome, no experience needed.",
                moderation_status="approved",
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                recurrence="weekly" if i % 10 == 0 else "",
                venue_name="Community hall",
                address="1 High Street",
            )
            event.set_location(rng.choice(places))
            events.append(event)
        Event.objects.bulk_create(events, batch_size=2000)
        dates = [
            Occurrence(
                event=e,
                starts_at=e.starts_at + timedelta(weeks=w),
                ends_at=e.ends_at + timedelta(weeks=w),
            )
            for e in events
            for w in range(52 if e.recurrence else 1)
        ]
        Occurrence.objects.bulk_create(dates, batch_size=10000)
        tags = [Tag.objects.get_or_create(name=n, defaults={"slug": n})[0] for n in ACTIVITIES]
        content_type = ContentType.objects.get_for_model(Event)
        TaggedItem.objects.bulk_create(
            [
                TaggedItem(tag=rng.choice(tags), content_type=content_type, object_id=e.pk)
                for e in events
            ],
            batch_size=10000,
        )
        modified = now_modified()
        FeedStamp.objects.bulk_create(
            [
                FeedStamp(kind="SessionSeries", item_id=e.pk, modified=modified + n)
                for n, e in enumerate(events)
            ]
            + [
                FeedStamp(kind="ScheduledSession", item_id=d.pk, modified=modified + n)
                for n, d in enumerate(dates)
            ],
            batch_size=10000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return f"seeded {EVENTS:,} events, {len(dates):,} dates"


def page_paths(kind: str, path: str) -> list[str]:
    """The URL of every full page of the feed (the first, then each after PAGE items)."""
    from opendata.models import FeedStamp

    rows = list(
        FeedStamp.objects.filter(kind=kind)
        .order_by("modified", "item_id")
        .values_list("modified", "item_id")
    )
    paths = [path]
    for n in range(PAGE - 1, len(rows) - PAGE, PAGE):
        modified, item_id = rows[n]
        paths.append(f"{path}?afterTimestamp={modified}&afterId={item_id}")
    return paths


def measure(mode: str, series: list[str], sessions: list[str]) -> list[Phase]:
    import json

    status, response = get(series[1])
    body = response.partition(b"\r\n\r\n")[2]
    assert status == 200 and len(json.loads(body)["items"]) == PAGE, "a page is not 500 items"
    warm(series[:5] + sessions[:5])
    phases = [Phase(SERIES, series), Phase(SESSIONS, sessions)]
    alternate(phases)
    return phases


def main() -> None:
    url = server.prepare(DB_NAME)
    print(f"feeds: {seed()}")
    series = page_paths("SessionSeries", "/openactive/feeds/session-series")
    sessions = page_paths("ScheduledSession", "/openactive/feeds/scheduled-sessions")
    report.setup_line(f"feeds: {len(series)} + {len(sessions)} pages of {PAGE}")
    results = each_cache_mode(url, lambda mode: measure(mode, series, sessions))
    phases = next(iter(results.values()))
    p95 = max(phases[SERIES].percentile_ms(95), phases[SESSIONS].percentile_ms(95))
    print(f"feeds_page_ms: {p95:.1f}")


if __name__ == "__main__":
    main()
