"""The search page as anonymous visitors see it, cached per query and emptied on any change.

Most searches are for a district and a distance, and many people share a district: the
same page is asked for again and again. Each cached page is keyed on a version that any
change to a space, its photos or its tags moves on, so a cached page is never older than
the data (give or take ``VERSION_MEMO_SECONDS`` in other processes).
``SPACES_SEARCH_CACHE_SECONDS`` (default 600) sets the lifetime; 0 turns it off.
"""

import time
from hashlib import md5
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "spaces:search-version"
VERSION_MEMO_SECONDS = 2
MAX_QUERY_LENGTH = 600
_memo = {"until": 0.0, "version": 1}


def lifetime() -> int:
    return int(getattr(settings, "SPACES_SEARCH_CACHE_SECONDS", 600))


def version() -> int:
    now = time.monotonic()
    if _memo["until"] < now:
        _memo["version"] = cache.get(VERSION_KEY) or 1
        _memo["until"] = now + VERSION_MEMO_SECONDS
    return _memo["version"]


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
    _memo["until"] = 0.0


def search_changed() -> None:
    """Retire every cached search page: now, and again once the change commits (so a
    page read from the old data in between cannot outlive it)."""
    _bump()
    transaction.on_commit(_bump)


def page_key(request) -> str | None:
    """The cache key of this request's page, or None when it must not be cached.

    Only anonymous visitors with no messages waiting share pages; odd, long queries
    are not worth keeping.
    """
    if not lifetime() or request.user.is_authenticated:
        return None
    if len(messages.get_messages(request)):
        return None
    query = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
    if len(query) > MAX_QUERY_LENGTH:
        return None
    digest = md5(query.encode(), usedforsecurity=False).hexdigest()
    return f"spaces:search:{version()}:{digest}"
