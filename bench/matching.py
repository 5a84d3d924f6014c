"""Bench: the matching engine on 10,000 needs and 100,000 offers over real UK districts.

Needs and offers are placed around the centroids of the 2,943 real postcode districts
(weighted by how many live postcodes each has, so cities are dense and the Highlands
sparse), with the service's help kinds and skill topics, travel distances of 1–15 km and
mixed availability; 400 support schemes cover the whole UK, nations, local authorities and
districts. The engine (k-d trees per category, a per-volunteer cap of 3) runs three times;
the runs must agree (determinism) and their output is checked against the rules.

Prints the times, the process's peak memory and what was matched. Last line:
``matching_seconds: <median of the three runs>``. No database needed.

    .venv/bin/python bench/matching.py [--needs 10000] [--offers 100000]
"""

import argparse
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

# This file is bench/matching.py: put the repository first so "matching" is the app.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench._setup import districts as live_districts  # noqa: E402
from bench._setup import peak_rss_mb  # noqa: E402
from matching.services.engine import (  # noqa: E402
    CategoryInput,
    EngineSettings,
    NeedInput,
    OfferInput,
    SchemeInput,
    match,
)

CATEGORIES = {
    "k1": CategoryInput(
        "k1", "Collecting food and shopping", True, "offers collecting food and shopping", 10
    ),
    "k2": CategoryInput("k2", "Collecting medication", True, "offers collecting medication", 20),
    "k3": CategoryInput(
        "k3", "A friendly chat by phone", False, "offers a friendly chat by phone", 30
    ),
    "t1": CategoryInput("t1", "Mental wellbeing", False, "can teach mental wellbeing", 10_010),
    "t2": CategoryInput("t2", "Getting fit", False, "can teach getting fit", 10_020),
    "t3": CategoryInput("t3", "Cooking", False, "can teach cooking", 10_030),
    "t4": CategoryInput("t4", "Home schooling", False, "can teach home schooling", 10_040),
    "t5": CategoryInput("t5", "Getting online", False, "can teach getting online", 10_050),
}
# Roughly the first week's mix: needs mostly practical, offers mostly practical.
NEED_CATEGORIES = (
    ["k1"] * 5 + ["k2"] * 3 + ["k3"] * 3 + ["t1"] * 3 + ["t2"] * 2 + ["t3"] * 2 + ["t4", "t5"]
)
OFFER_CATEGORIES = (
    ["k1"] * 6 + ["k2"] * 4 + ["k3"] * 3 + ["t1"] * 2 + ["t4"] * 2 + ["t5"] * 2 + ["t2", "t3"]
)
AVAILABILITY = [15, 15, 15, 1, 2, 4, 8, 12, 3, 5]


def districts():
    rows = live_districts()
    return rows, [int(r["live_postcodes"]) for r in rows]


def jitter(rng, lat, lon, km=1.5):
    """A point within about ``km`` of (lat, lon)."""
    return (
        lat + rng.gauss(0, km / 111.2 / 2),
        lon + rng.gauss(0, km / (111.2 * math.cos(math.radians(lat))) / 2),
    )


def build(n_needs, n_offers, seed=2026):
    rng = random.Random(seed)
    rows, weights = districts()
    placed = rng.choices(rows, weights, k=n_needs + n_offers)
    needs = build_needs(rng, placed[:n_needs])
    offers = build_offers(rng, placed[n_needs:])
    return needs, offers, build_schemes(rng, rows)


def build_needs(rng, placed):
    needs = []
    for i, r in enumerate(placed):
        lat, lon = jitter(rng, float(r["latitude"]), float(r["longitude"]))
        cats = {rng.choice(NEED_CATEGORIES) for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))}
        needs.append(
            NeedInput(
                id=i + 1,
                person_id=1_000_000 + i,
                lat=lat,
                lon=lon,
                max_km=rng.choice([2, 3, 5, 5, 10]),
                availability=rng.choice(AVAILABILITY),
                categories=frozenset(cats),
                outcode=r["outcode"],
                lad_code=r["lad_code"],
                lad_name=r["lad_name"],
                nation=r["country"],
            )
        )
    return needs


def build_offers(rng, placed):
    n_offers = len(placed)
    offers = []
    for i, r in enumerate(placed):
        lat, lon = jitter(rng, float(r["latitude"]), float(r["longitude"]))
        cats = {rng.choice(OFFER_CATEGORIES) for _ in range(rng.choice([1, 1, 2, 2, 3]))}
        offers.append(
            OfferInput(
                id=i + 1,
                # Some volunteers make more than one offer (the cap is per volunteer).
                person_id=2_000_000 + (i if rng.random() < 0.9 else rng.randrange(n_offers)),
                lat=lat,
                lon=lon,
                travel_km=rng.choice([1, 2, 3, 5, 8, 10, 15]),
                availability=rng.choice(AVAILABILITY),
                categories=frozenset(cats),
            )
        )
    return offers


def build_schemes(rng, rows):
    """400 schemes: three UK-wide, one per nation, 250 local authorities, 143 districts."""
    las = sorted({(r["lad_code"], r["country"]) for r in rows})
    schemes = [
        SchemeInput(1, "National food line", "uk", frozenset({"k1"})),
        SchemeInput(2, "National prescriptions", "uk", frozenset({"k2"})),
        SchemeInput(3, "Chat nationwide", "uk", frozenset({"k3", "t1"})),
    ]
    for j, nation in enumerate(["England", "Scotland", "Wales", "Northern Ireland"]):
        schemes.append(
            SchemeInput(
                10 + j, f"{nation} helpers", "nation", frozenset({"k1", "k2"}), nation=nation
            )
        )
    for j in range(250):
        lad, _nation = rng.choice(las)
        schemes.append(
            SchemeInput(
                100 + j,
                f"Local scheme {j}",
                "local_authorities",
                frozenset(rng.sample(list(CATEGORIES), 2)),
                lad_codes=frozenset({lad}),
            )
        )
    outcodes = [r["outcode"] for r in rows]
    for j in range(143):
        schemes.append(
            SchemeInput(
                1000 + j,
                f"District scheme {j}",
                "districts",
                frozenset({"k1"}),
                outcodes=frozenset(rng.sample(outcodes, 3)),
            )
        )
    return schemes


def check(result, needs, offers, settings):
    """The rules hold in the output: cap, distances, times, no self-matches."""
    from postcodes.geo import Point, distance_km

    by_need = {n.id: n for n in needs}
    by_offer = {o.id: o for o in offers}
    load = {}
    for intro in result.introductions:
        need, offer = by_need[intro.need_id], by_offer[intro.offer_id]
        load[offer.person_id] = load.get(offer.person_id, 0) + 1
        assert need.person_id != offer.person_id
        assert need.availability & offer.availability
        true_km = distance_km(Point(need.lat, need.lon), Point(offer.lat, offer.lon))
        assert abs(true_km - intro.distance_km) < 0.02, (true_km, intro)
        for key in intro.covers:
            assert key in need.categories and key in offer.categories
            if CATEGORIES[key].needs_proximity:
                assert true_km <= need.max_km + 0.01 and true_km <= offer.travel_km + 0.01
    assert max(load.values()) <= settings.volunteer_cap
    return load


def run_engine(needs, offers, schemes, settings) -> tuple[list[float], object]:
    """Three timed runs, which must agree, and a fourth on the inputs shuffled."""
    times, results = [], []
    for _ in range(3):
        start = time.perf_counter()
        result = match(
            needs=needs, offers=offers, schemes=schemes, categories=CATEGORIES, settings=settings
        )
        times.append(time.perf_counter() - start)
        results.append(result)
    assert results[0] == results[1] == results[2], "the engine is not deterministic"
    shuffled = needs[:]
    random.Random(1).shuffle(shuffled)
    assert (
        match(
            needs=shuffled,
            offers=offers[::-1],
            schemes=schemes[::-1],
            categories=CATEGORIES,
            settings=settings,
        )
        == results[0]
    )
    return times, results[0]


def describe(result, needs, load, settings) -> None:
    """What was matched: introductions, suggestions, distances, volunteers at the cap."""
    helped = {i.need_id for i in result.introductions} | {s.need_id for s in result.suggestions}
    proximity = [
        i.distance_km
        for i in result.introductions
        if any(CATEGORIES[k].needs_proximity for k in i.covers)
    ]
    print(
        f"introductions: {len(result.introductions)} "
        f"(needs with at least one: {len({i.need_id for i in result.introductions})})"
    )
    print(
        f"scheme suggestions: {len(result.suggestions)} "
        f"(local first; needs with at least one: {len({s.need_id for s in result.suggestions})})"
    )
    print(f"needs helped: {len(helped)} of {len(needs)}; nothing suitable: {len(result.unmatched)}")
    if proximity:
        print(
            f"in-person introductions: median {statistics.median(proximity):.2f} km, max {max(proximity):.2f} km"
        )
    print(
        f"volunteers at the cap of {settings.volunteer_cap}: {sum(1 for v in load.values() if v >= settings.volunteer_cap)}"
    )
    print(f"example reason: {result.introductions[0].reason}")
    print(f"example scheme: {result.suggestions[0].reason}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--needs", type=int, default=10_000)
    parser.add_argument("--offers", type=int, default=100_000)
    args = parser.parse_args()

    start = time.perf_counter()
    needs, offers, schemes = build(args.needs, args.offers)
    print(
        f"inputs: {len(needs)} needs, {len(offers)} offers, {len(schemes)} schemes "
        f"over {len(districts()[0])} real postcode districts (built in {time.perf_counter() - start:.1f} s)"
    )
    settings = EngineSettings(volunteer_cap=3, introductions_per_need=3, schemes_per_need=3)
    before = peak_rss_mb()
    times, result = run_engine(needs, offers, schemes, settings)
    describe(result, needs, check(result, needs, offers, settings), settings)
    print(
        "runs (s): "
        + ", ".join(f"{t:.3f}" for t in times)
        + " (identical results; same again with inputs shuffled)"
    )
    print(
        "machine load average (1, 5, 15 min): "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        + f" on {os.cpu_count()} cores"
    )
    print(f"peak_memory_mb: {peak_rss_mb():.0f} (after building the inputs: {before:.0f})")
    print(f"matching_seconds: {statistics.median(times):.3f}")


if __name__ == "__main__":
    main()
