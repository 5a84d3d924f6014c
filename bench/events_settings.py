"""Settings for bench/events.py: the real site, plus a bare view, static files collected."""

from coopcentre.settings import *  # noqa: F403

ROOT_URLCONF = "bench.events_urls"
STATIC_ROOT = "/tmp/coopcentre-bench-events-static"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# collectstatic with the manifest storage stops at leaflet.js's missing source map
# (vendor/leaflet/leaflet.js.map): reported to the lead. The bench serves static files
# unhashed; pages render the same.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
