"""Bench-only settings: the real site's settings plus one trivial view (see spaces_bench_urls)."""

from coopcentre.settings import *  # noqa: F403

ROOT_URLCONF = "spaces_bench_urls"
