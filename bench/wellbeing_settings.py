"""Settings for bench/wellbeing.py: the real site plus one bare view at /bench/bare/."""

import os

from coopcentre.settings import *  # noqa: F403

ROOT_URLCONF = "wellbeing_urls"
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
# collectstatic with the manifest storage currently fails on Leaflet's missing source map
# (static/vendor/leaflet/leaflet.js names leaflet.js.map); serve plain static files here.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
