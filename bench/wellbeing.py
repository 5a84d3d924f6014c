"""Bench: the wellbeing postcode page and API against a bare Django view, under gunicorn.

Sets up its own PostgreSQL database (``coopcentre_bench_wellbeing``) with the full default
data set (361 councils, 42,619 neighbourhoods), 10,000 random real postcodes
(BENCH_POSTCODES) from ``uk_postcodes.csv.gz`` and up to six neighbours of each (other
postcodes of the same small area), then serves the real site through the shared harness
(bench/harness), twice: with the anonymous page cache on, then off (each from an empty
cache). Each mode drives, in short rounds taken in turn with the bare view:

1. first visits: the postcodes in random order, nearly every one in an area nobody has
   asked for since the index was computed;
2. neighbours: other postcodes of the areas visited, each asked for once: new pages, but
   each area's figures were worked out and cached once, at the first visit;
3. repeat visits: the pages of phase 1 again, as when a shared link is opened many times.

A third of the postcodes are asked for as the page, a third as the API, and a third as
the page by a signed-in member (first visits only). The last line,
``wellbeing_vs_bare: <ratio>``, is the page in phase 2 with the page cache on: what the
site sustains once each area's figures are computed, for any postcode of the area.

    .venv/bin/python bench/wellbeing.py

Besides the last line: ``cold_vs_bare`` (the page's first visits with the cache off) and
``signed_in_vs_bare`` (a signed-in member's first visits). Environment: bench/README.md.
"""

import csv
import gzip
import os
import random
import sys
import tempfile
import time
from pathlib import Path

# This file is bench/wellbeing.py: put the repository first so the apps come first.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench._setup import SHARED_DATA  # noqa: E402
from bench.harness import config, report, server  # noqa: E402
from bench.harness.client import Phase, alternate, warm  # noqa: E402
from bench.harness.run import each_cache_mode  # noqa: E402

DB_NAME = os.environ.get("BENCH_WELLBEING_DB") or config.database("wellbeing")
SAMPLE = config.size("postcodes", 10_000)
WORK = Path(tempfile.gettempdir()) / DB_NAME.replace("_", "-")
BARE_FIRST = "bare view, alongside first visits"
BARE = "bare view"
SIGNED_IN = "page, first visits, signed in"


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


def prepare() -> tuple[list[str], dict[str, list[str]]]:
    """The data set and the sampled postcodes in the database; returns the sampled
    postcodes and, for each, its neighbours."""
    from django.core.management import call_command

    from postcodes.models import Postcode
    from wellbeing_index.services.dataset import dataset_load_default

    WORK.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    print(dataset_load_default(), f"({time.perf_counter() - start:.1f} s)")
    source = SHARED_DATA / "uk_postcodes.csv.gz"
    sample = sample_postcodes(source, SAMPLE)
    neighbours_file = neighbour_postcodes(source, sample)
    start = time.perf_counter()
    call_command("import_postcodes", str(sample), "--quiet")
    call_command("import_postcodes", str(neighbours_file), "--quiet")
    with open(sample, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_area: dict[str, list[str]] = {}
    with open(neighbours_file, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_area.setdefault(row["small_area_code"], []).append(row["postcode"])
    print(
        f"postcodes: {len(rows):,} random real postcodes imported "
        f"({Postcode.objects.count():,} in the table, {time.perf_counter() - start:.1f} s)"
    )
    neighbours = {r["postcode"]: by_area.get(r["small_area_code"], []) for r in rows}
    return [row["postcode"] for row in rows], neighbours


def page(postcode: str) -> str:
    return f"/wellbeing/{postcode.replace(' ', '')}/"


def api(postcode: str) -> str:
    return f"/api/wellbeing/{postcode.replace(' ', '')}"


def measure(
    mode: str, postcodes: list[str], neighbours: dict[str, list[str]], member: str
) -> list[Phase]:
    """The phases of one page-cache mode (see the module's docstring)."""
    rng = random.Random(7)
    postcodes = rng.sample(postcodes, len(postcodes))
    third = len(postcodes) // 3
    asked = {page: postcodes[:third], api: postcodes[third : 2 * third]}
    # Warm each worker's per-process state (district tables, catalogue, templates).
    warm(["/bench/bare/", "/wellbeing/M1/", "/api/wellbeing/EH1"], seconds=1.5)
    first = [
        Phase(f"{kind.__name__}, first visits", [kind(p) for p in pcs])
        for kind, pcs in asked.items()
    ]
    # A member's first visits: areas nobody else asks for in this run.
    member_first = Phase(SIGNED_IN, [page(p) for p in postcodes[2 * third :]], member)
    bare_first = Phase(BARE_FIRST, ["/bench/bare/"])
    alternate([bare_first, *first, member_first])
    later = []
    for (kind, pcs), visits in zip(asked.items(), first, strict=True):
        visited = pcs[: visits.done]
        paths = [kind(n) for p in visited for n in neighbours[p]]
        later.append(
            Phase(
                f"{kind.__name__}, neighbours of visited postcodes",
                rng.sample(paths, len(paths)),
                cycle=False,
            )
        )
    for kind, visits in zip(asked, first, strict=True):
        seen = visits.paths[: min(visits.done, len(visits.paths))]
        later.append(Phase(f"{kind.__name__}, repeat visits", rng.sample(seen, len(seen))))
    bare = Phase(BARE, ["/bench/bare/"])
    alternate([bare, *later])
    return [bare_first, *first, member_first, bare, *later]


def main():
    url = server.prepare(DB_NAME)
    postcodes, neighbours = prepare()
    member = server.signed_in_cookie()
    report.setup_line(f"wellbeing: {len(postcodes):,} postcodes")
    results = each_cache_mode(url, lambda mode: measure(mode, postcodes, neighbours, member))
    on, off = results.get("on"), results.get("off")
    # A first visit is computed whatever the page cache does: "cold" is the page's
    # first visits with the cache off (on when only that mode ran).
    cold = off or on
    report.ratio("cold_vs_bare", cold["page, first visits"], cold[BARE_FIRST])
    report.ratio("signed_in_vs_bare", cold[SIGNED_IN], cold[BARE_FIRST])
    if on:
        for key, name, bare in [
            ("page_first_visit_vs_bare", "page, first visits", BARE_FIRST),
            ("api_first_visit_vs_bare", "api, first visits", BARE_FIRST),
            ("page_repeat_visit_vs_bare", "page, repeat visits", BARE),
            ("api_repeat_visit_vs_bare", "api, repeat visits", BARE),
            ("api_vs_bare", "api, neighbours of visited postcodes", BARE),
            ("page_vs_bare", "page, neighbours of visited postcodes", BARE),
        ]:
            report.ratio(key, on[name], on[bare])
    if off:
        report.ratio("cold_api_vs_bare", off["api, neighbours of visited postcodes"], off[BARE])
        report.ratio("cold_page_vs_bare", off["page, neighbours of visited postcodes"], off[BARE])
    if on:
        # The headline: the page (the heavier of the two) for a postcode whose area's
        # figures were worked out once already: "cache what is computed once per area".
        report.ratio("wellbeing_vs_bare", on["page, neighbours of visited postcodes"], on[BARE])


if __name__ == "__main__":
    main()
