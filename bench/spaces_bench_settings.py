"""Bench-only settings: the real site's settings plus one trivial view (see spaces_bench_urls)."""

import os

from coopcentre.settings import *  # noqa: F403
from coopcentre.settings import STATIC_ROOT

ROOT_URLCONF = "spaces_bench_urls"
# collectstatic writes the bench's manifest to a temporary folder, not the project's.
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)
