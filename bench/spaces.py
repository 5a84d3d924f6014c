"""Bench: the spaces search page against a bare Django view, on PostgreSQL and gunicorn.

Seeds 10,000 approved spaces (BENCH_SPACES) across real postcode districts, more where
more people live, then serves the real site through the shared harness (bench/harness)
and drives it with concurrent clients, twice: with the anonymous page cache on, then off.

With the cache on, every distinct search of a pool (BENCH_POOL, default 1,000 drawn by
population) is first asked for once ("first visits": each page computed), then rounds
draw from the same pool again, as a site in a steady state sees them. With the cache off
every request computes its page. Each mode's rounds alternate the search page, the bare
view and a signed-in member's search (never cached).

    .venv/bin/python bench/spaces.py

Besides the last line: ``cold_vs_bare`` (the search page with the cache off) and
``signed_in_vs_bare`` (a member's search). Last line: ``spaces_vs_bare: <search req/s ÷ bare req/s, page cache on>``. Environment:
bench/README.md.
"""

import random
import sys
import time
from pathlib import Path

# This file is bench/spaces.py: put the repository first so "spaces" is the app.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench._setup import districts  # noqa: E402
from bench.harness import config, report, server  # noqa: E402
from bench.harness.client import Phase, alternate, drive, get, warm  # noqa: E402
from bench.harness.run import each_cache_mode  # noqa: E402

DB_NAME = config.database("spaces")
SPACES = config.size("spaces", 10_000)
POOL = config.size("pool", 1000)
TAGS = [
    "youth", "gardening", "music", "dance", "reading", "football", "repair café", "choir",
    "food bank", "art", "older people", "toddlers", "yoga", "computers", "cinema", "theatre",
    "walking", "cycling", "climbing", "chess", "language classes", "men's shed", "crafts",
    "history", "nature", "allotments", "quiz", "folk", "café", "film",
]  # fmt: skip
SIGNED_IN = "search page, signed in (never cached)"
EXTRAS = [
    ("", 55),
    ("&kind=library&kind=community_centre", 12),
    ("&facility=step_free&facility=toilets", 10),
    ("&tag=youth", 8),
    ("&status=threatened&status=transfer", 5),
    ("&page=2", 10),
]


def new_space(rng: random.Random, i: int, row: dict, status: str):
    from spaces.models import FACILITIES, Kind, OwnerType, Space, name_key

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
    for facility, _label in FACILITIES:
        setattr(space, facility, rng.random() < 0.5)
    return space


def seed(rows: list[dict]) -> None:
    """SPACES spaces (80 % open), placed where people live, each with two or three tags."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from taggit.models import Tag, TaggedItem

    from spaces.models import Space, Status

    if Space.objects.count() == SPACES:
        print(f"seed: {SPACES:,} spaces already there")
        return
    rng = random.Random(5)
    placed = rng.choices(rows, weights=[int(r["live_postcodes"]) for r in rows], k=SPACES)
    statuses = rng.choices(Status.values, weights=[80, 8, 4, 5, 3], k=SPACES)
    start = time.perf_counter()
    with transaction.atomic():
        Space.objects.all().delete()
        spaces = [
            new_space(rng, i, *pair) for i, pair in enumerate(zip(placed, statuses, strict=True))
        ]
        Space.objects.bulk_create(spaces, batch_size=2000)
        tags = [
            Tag.objects.get_or_create(name=t, defaults={"slug": t.replace(" ", "-")})[0]
            for t in TAGS
        ]
        content_type = ContentType.objects.get_for_model(Space)
        items = [
            TaggedItem(content_type=content_type, object_id=space.pk, tag=tag)
            for space in spaces
            for tag in rng.sample(tags, rng.randint(2, 3))
        ]
        TaggedItem.objects.bulk_create(items, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE spaces_space; ANALYZE taggit_taggeditem; ANALYZE taggit_tag")
    print(f"seed: {SPACES:,} spaces, {len(items):,} tags in {time.perf_counter() - start:.1f} s")


def search_paths(rows: list[dict], n: int, km: str = "km") -> list[str]:
    """What people search for: their district and 5 km, sometimes with a filter or page 2.

    Districts are drawn by how many people live there, so busy districts repeat (and a
    cached page helps) while the long tail does not.
    """
    rng = random.Random(7)
    weights = [int(r["live_postcodes"]) for r in rows]
    paths = []
    for row in rng.choices(rows, weights=weights, k=n):
        extra = rng.choices([e for e, _ in EXTRAS], weights=[w for _, w in EXTRAS])[0]
        paths.append(f"/spaces/?postcode={row['outcode']}&{km}=5{extra}")
    return paths


def measure(mode: str, searches: list[str], member: str) -> list[Phase]:
    """The phases of one page-cache mode: first visits (cache on), then the rounds."""
    assert b"Log out" in get(searches[0], member)[1], "the member's cookie did not sign in"
    assert b"Log out" not in get(searches[0])[1], "an anonymous page shows a member's header"
    # Warm every worker as a member (never cached), so the cache starts empty.
    warm(["/bench/bare/"])
    warm(searches[:50], member)
    phases = [
        Phase("search page", searches),
        Phase("bare view", ["/bench/bare/"]),
        Phase(SIGNED_IN, searches, member),
    ]
    first = []
    if mode == "on":
        first = [
            drive(Phase("search page, first visits", list(dict.fromkeys(searches)), cycle=False))
        ]
    alternate(phases)
    return first + phases


def main():
    url = server.prepare(DB_NAME)
    rows = districts()
    seed(rows)
    member = server.signed_in_cookie()
    from postcodes.near import DISTANCE_PARAM  # once Django is set up

    searches = search_paths(rows, POOL, DISTANCE_PARAM)
    report.setup_line(f"spaces: {SPACES:,}; {len(set(searches))} distinct searches of {POOL}")
    results = each_cache_mode(url, lambda mode: measure(mode, searches, member))
    on, off = results.get("on"), results.get("off")
    if off:
        report.ratio("cold_vs_bare", off["search page"], off["bare view"])
    member_run = on or off
    report.ratio("signed_in_vs_bare", member_run[SIGNED_IN], member_run["bare view"])
    if on:
        report.ratio("spaces_vs_bare", on["search page"], on["bare view"])


if __name__ == "__main__":
    main()
