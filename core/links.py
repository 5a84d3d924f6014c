"""Absolute links: one rule for every link that leaves the page it is on.

Emails, calendar files, JSON-LD, API responses, staff CSV exports: each absolute link is
``SITE_URL`` followed by the path, never the host a request happened to arrive on (a
health check on an internal address, a proxy's name), so a space's link and an event's
link in the same place agree. ``make run`` sets ``SITE_URL`` to the address it serves.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(location: str) -> str:
    """``location`` (a path like ``/events/x/``) on ``SITE_URL``; a URL that is already
    absolute (a photo in object storage) is returned as it is."""
    if urlsplit(location).scheme:
        return location
    return settings.SITE_URL + location
