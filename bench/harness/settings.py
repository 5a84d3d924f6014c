"""Settings of every bench server: the real site, plus /bench/bare/ (see ``urls``).

``BENCH_PAGE_CACHE`` (``on``, the default, or ``off``; set per server by
``server.Gunicorn``) is the one switch of the anonymous page caches. Off, every page is
computed on every request while the site's other caches (sessions, postcode tables, each
area's figures) keep working, so the figure is the page's own cost. When the site's page caches change, this block is the only place to adapt.
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
    # The listing kit's one policy (core.page_cache) has its switch; before it, spaces had
    # its own, and events and wellbeing none, so their page keys are dropped on the way to
    # Redis (bench.harness.cache). A copy: the site's CACHES stays as it is.
    ANONYMOUS_PAGE_CACHE_SECONDS = 0
    SPACES_SEARCH_CACHE_SECONDS = 0
    CACHES = {  # noqa: F405
        **CACHES,  # noqa: F405
        "default": {
            **CACHES["default"],  # noqa: F405
            "BACKEND": "bench.harness.cache.RedisCacheWithoutPages",
        },
    }
