"""Smoke tests of the benches' shared harness (bench/harness): it imports, its settings
load, the page-cache switch turns the page cache off, the report reads as documented."""

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.harness import report
from bench.harness.client import Phase

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "module", ["config", "settings", "urls", "client", "report", "server", "run"]
)
def test_every_harness_module_imports(module):
    assert importlib.import_module(f"bench.harness.{module}")


def bench_settings(page_cache: str) -> dict:
    """The bench settings as a fresh process loads them, with the switch set so."""
    code = (
        "import json, bench.harness.settings as s; "
        "print(json.dumps({'urls': s.ROOT_URLCONF, 'on': s.PAGE_CACHE_ON, "
        "'cache': s.CACHES['default']['BACKEND'], "
        "'seconds': s.ANONYMOUS_PAGE_CACHE_SECONDS}))"
    )
    env = {"PATH": "/usr/bin:/bin", "BENCH_PAGE_CACHE": page_cache}
    env["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_the_bench_settings_serve_the_site_with_the_page_cache_on():
    loaded = bench_settings("on")
    assert loaded["urls"] == "bench.harness.urls"
    assert loaded["on"] is True
    assert loaded["cache"] == "core.cache.FailSoftRedisCache"
    assert loaded["seconds"] > 0


def test_page_cache_off_turns_the_anonymous_page_cache_off_and_keeps_redis():
    loaded = bench_settings("off")
    assert loaded["on"] is False
    assert loaded["seconds"] == 0
    assert loaded["cache"] == "core.cache.FailSoftRedisCache"


def test_the_bare_view_answers_behind_the_site_middleware(client, settings):
    settings.ROOT_URLCONF = "bench.harness.urls"
    response = client.get("/bench/bare/")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_a_phase_walks_its_paths_once_unless_it_cycles():
    once = Phase("once", ["/a", "/b"], cycle=False)
    assert [once.next_path() for _ in range(3)] == ["/a", "/b", None]
    again = Phase("again", ["/a", "/b"])
    assert [again.next_path() for _ in range(3)] == ["/a", "/b", "/a"]


def test_the_report_prints_a_line_per_phase_and_the_ratio(capsys):
    page = Phase("search page", ["/s/?q=1", "/s/?q=2"], position=2, seconds=2.0)
    page.latencies = [0.010] * 19 + [0.100]
    page.statuses.update({200: 20})
    bare = Phase("bare view", ["/bench/bare/"], position=40, seconds=2.0)
    bare.latencies = [0.005] * 40
    bare.statuses.update({200: 40})
    report.phase_line(page, "on")
    value = report.ratio("spaces_vs_bare", page, bare)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("search page [page cache on]: 10 req/s, p50 10.0 ms, p95 ")
    assert lines[0].endswith("20 requests, 2 distinct paths, status {200: 20}")
    assert lines[1] == "spaces_vs_bare: 0.50"
    assert value == 0.5
