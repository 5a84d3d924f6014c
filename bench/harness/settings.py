"""Settings of every bench server: the real site, plus /bench/bare/ (see ``urls``).

``BENCH_PAGE_CACHE`` (``on``, the default, or ``off``; set per server by
``server.Gunicorn``) is the one switch of the anonymous page caches. Off, every page is
computed on every request while the site's other caches (sessions, postcode tables, each
area's figures) keep working, so the figure is the page's own cost.
"""

import os

from coopcentre.settings import *  # noqa: F403

ROOT_URLCONF = "bench.harness.urls"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}},
}

PAGE_CACHE_ON = os.environ.get("BENCH_PAGE_CACHE", "on") != "off"
if not PAGE_CACHE_ON:
    # The one anonymous page-cache policy (core.page_cache) is off at 0 seconds.
    ANONYMOUS_PAGE_CACHE_SECONDS = 0
