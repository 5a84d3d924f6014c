"""Bench of the communities app on PostgreSQL: search near a postcode, the list page, the
audit and the co-operative deserts ranking, on 5,000 groups across every postcode district.

    .venv/bin/python bench/communities.py

Uses its own database (coopcentre_bench_communities on BENCH_PG), created and migrated if
needed, and filled once (BENCH_GROUPS groups, default 5,000). In-process (Django's test
client, local-memory cache), so no server. Prints timings and ends with
``communities_search_p50_ms: <ms>`` (the list page searched by postcode and radius).
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

# This file is bench/communities.py: put the repository first so "communities" is the app.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.pop("REDIS_URL", None)

from bench._setup import django_on_postgres  # noqa: E402

GROUPS = int(os.environ.get("BENCH_GROUPS") or 5_000)
INTEREST = 300
PIONEERS = 300
RUNS = 40


def place_groups(rng: random.Random, districts: list) -> list:
    """GROUPS groups of a place, in random districts, and INTEREST groups of an interest."""
    from django.utils import timezone

    from communities.models import AreaType, Group, GroupKind

    groups = []
    for i in range(GROUPS):
        d = rng.choice(districts)
        groups.append(
            Group(
                name=f"Bench group {i}",
                slug=f"bench-group-{i}",
                kind=rng.choice(GroupKind.values),
                moderation_status="approved",
                area_type=AreaType.PLACE,
                postcode=d.outcode,
                outcode=d.outcode,
                lad_code=d.local_authority_id,
                nation=d.nation,
                latitude=d.latitude + rng.uniform(-0.01, 0.01),
                longitude=d.longitude + rng.uniform(-0.01, 0.01),
                radius_km=rng.choice([1.0, 3.0, 8.0]),
                registered_at=timezone.now() if rng.random() < 0.2 else None,
                description="A bench group.",
            )
        )
    for i in range(INTEREST):
        groups.append(
            Group(
                name=f"Bench interest {i}",
                slug=f"bench-interest-{i}",
                moderation_status="approved",
                area_type=AreaType.INTEREST,
            )
        )
    return groups


def place_pioneers(rng: random.Random, districts: list) -> None:
    from accounts.models import User
    from communities.models import Pioneer

    pioneers = []
    for i in range(PIONEERS):
        d = rng.choice(districts)
        member = User.objects.create(email=f"pioneer{i}@example.org", display_name=f"P {i}")
        pioneers.append(
            Pioneer(
                user=member,
                name=f"Pioneer {i}",
                area_name=d.outcode,
                helps_with="Street parties",
                postcode=d.outcode,
                outcode=d.outcode,
                lad_code=d.local_authority_id,
                nation=d.nation,
                latitude=d.latitude,
                longitude=d.longitude,
            )
        )
    Pioneer.objects.bulk_create(pioneers)


def fill():
    """The groups (two tags each, one organiser), the pioneers; kept if already there."""
    from accounts.models import User
    from communities.models import Group, Membership, Pioneer, Role
    from postcodes.models import District

    if Group.objects.count() == GROUPS + INTEREST:
        return
    Group.objects.all().delete()
    Pioneer.objects.all().delete()
    User.objects.filter(email__endswith="@example.org", email__startswith="pioneer").delete()
    rng = random.Random(7)
    districts = list(District.objects.all())
    tags = ["food", "repair", "energy", "street parties", "gardening", "co-ops", "housing"]
    user, _ = User.objects.get_or_create(email="bench@example.org")
    Group.objects.bulk_create(place_groups(rng, districts), batch_size=1000)
    for group in Group.objects.all().iterator():
        group.tags.set(rng.sample(tags, 2))
    Membership.objects.bulk_create(
        [Membership(group=g, user=user, role=Role.ORGANISER) for g in Group.objects.all()],
        batch_size=1000,
    )
    place_pioneers(rng, districts)


def timed(fn, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main():
    django_on_postgres("coopcentre_bench_communities")
    t0 = time.perf_counter()
    fill()
    print(f"data ready in {time.perf_counter() - t0:.1f} s")

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from communities.models import Group
    from communities.selectors import groups_near
    from portal.audit import deserts_rank, place_audit
    from postcodes.services import lookup

    print(
        f"groups: {Group.objects.count():,} (of which interest: {INTEREST}); pioneers: {PIONEERS}"
    )
    places = [lookup(code) for code in ("M1", "EH6", "CF24", "BT7", "E8", "LS1", "B1", "G1")]
    client = Client()

    p50, worst = timed(lambda: groups_near(point=random.choice(places).point, km=10, limit=20))
    print(f"groups_near 10 km, 20 rows: p50 {p50:.1f} ms, max {worst:.1f} ms")

    def page():
        loc = random.choice(places)
        response = client.get("/communities/", {"postcode": loc.postcode, "km": "10"})
        assert response.status_code == 200

    # Filling ran with DEBUG's query log at its cap: empty it so the count below is true.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        page()
    page_p50, worst = timed(page)
    print(
        f"list page, postcode + 10 km: p50 {page_p50:.1f} ms, max {worst:.1f} ms, "
        f"{len(queries)} queries"
    )

    p50, worst = timed(lambda: client.get("/communities/", {"tags": "food, repair"}))
    print(f"list page, two tags: p50 {p50:.1f} ms, max {worst:.1f} ms")

    p50, worst = timed(lambda: place_audit(location=random.choice(places), km=5), runs=20)
    print(f"audit of a postcode, 5 km: p50 {p50:.1f} ms, max {worst:.1f} ms")

    p50, worst = timed(lambda: deserts_rank(), runs=10)
    print(f"deserts ranking, 361 local authorities: p50 {p50:.1f} ms, max {worst:.1f} ms")
    p50, worst = timed(lambda: deserts_rank(level="district"), runs=10)
    print(f"deserts ranking, 2,943 districts: p50 {p50:.1f} ms, max {worst:.1f} ms")

    print(f"communities_search_p50_ms: {page_p50:.1f}")


if __name__ == "__main__":
    main()
