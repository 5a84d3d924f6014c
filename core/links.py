"""Absolute links: one rule for every link that leaves the page it is on.

Emails, calendar files, JSON-LD, API responses, staff CSV exports: each absolute link is
``SITE_URL`` followed by the path, never the host a request happened to arrive on (a
health check on an internal address, a proxy's name), so a space's link and an event's
link in the same place agree. ``make run`` sets ``SITE_URL`` to the address it serves.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def absolute_url(location: str) -> str:
    """``location`` (a path like ``/events/x/``) on ``SITE_URL``; a URL that is already
    absolute (a photo in object storage) is returned as it is."""
    if urlsplit(location).scheme:
        return location
    return settings.SITE_URL + location


# Stands for the argument in the one reverse() of ``url_for_each``: digits only, so any of
# Django's converters (int, slug, str) accepts it.
_MARKER = "90817263544536271809"


def url_for_each(url_name: str, kwarg: str = "slug") -> Callable[[object], str]:
    """The path of ``url_name`` for any value of its one argument ``kwarg``, from a single
    ``reverse()``: a page that links to many objects (a map's markers, a feed's items)
    reverses once, not once per object. For slugs and ids (which reverse() would not
    quote either), in the language active now::

        event_url = url_for_each("events:event-detail")
        urls = [event_url(event.slug) for event in events]
    """
    prefix, _, suffix = reverse(url_name, kwargs={kwarg: _MARKER}).partition(_MARKER)
    return lambda value: f"{prefix}{value}{suffix}"
