""" "What's on near me" is read far more than events change: its results are cached.

Each search's rendered results (list, map, pagination) are kept for a minute under a key
made of the search as understood (the located postcode, the dates it resolved to, the
sorted interests…) and a listing *version*. Anything that changes what a listing shows
(an event saved, approved, cancelled or deleted, its dates refreshed, a reply changing
the places left) bumps the version once its transaction commits, so no one is shown
stale results; the minute only bounds how long a date that just ended stays listed.

A member's own replies ("You're going") are not in the cached HTML: each card carries a
marker that is filled in per member after the cache read. Visitors who are not logged in
(most searches) get the whole page from the cache, keyed by their query string.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

VERSION_KEY = "events:listing-version"
TTL_SECONDS = 60


def listing_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY) or 1
    return version


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def listing_changed() -> None:
    """Call when something a listing shows has changed.

    Bumps the version now and again on commit: a search rendered in between, from data
    not yet committed, cannot outlive the commit.
    """
    _bump()
    transaction.on_commit(_bump)


def search_key(*, kind: str, cleaned: dict, page: str) -> str:
    """The cache key of one page of one search, as understood (not as typed)."""
    location = cleaned.get("postcode")
    parts = {
        "kind": kind,
        "postcode": location.postcode if location else "",
        "radius": cleaned.get("radius"),
        "when": cleaned.get("when") or "",
        "from": str(cleaned.get("date_from") or ""),
        "to": str(cleaned.get("date_to") or ""),
        "tags": sorted(cleaned.get("tag") or []),
        "free": cleaned.get("free") is True,
        "format": cleaned.get("format") or "",
        "page": page,
        # "Today" and "this weekend" mean other dates tomorrow.
        "today": str(timezone.localdate()),
    }
    digest = hashlib.sha1(json.dumps(parts, sort_keys=True).encode()).hexdigest()  # noqa: S324
    return f"events:list:{listing_version()}:{digest}"


def page_key(*, kind: str, request) -> str | None:
    """The cache key of a whole search page for an anonymous visitor, or None when the
    page may hold something of theirs (a session, a message waiting to be shown)."""
    # A CSRF cookie is harmless (the page has no form that posts); any other cookie may
    # mean a session or a message waiting to be shown.
    if request.user.is_authenticated or set(request.COOKIES) - {settings.CSRF_COOKIE_NAME}:
        return None
    query = sorted((k, sorted(v)) for k, v in request.GET.lists())
    parts = json.dumps([kind, query, str(timezone.localdate())])
    digest = hashlib.sha1(parts.encode()).hexdigest()  # noqa: S324
    return f"events:page:{listing_version()}:{digest}"


def reply_marker(occurrence_id: int) -> str:
    return f"<!--my-reply:{occurrence_id}-->"


BADGES = {
    "going": " · <strong>You're going</strong>",
    "waiting": " · <strong>You're on the waiting list</strong>",
}


def personalise(html: str, replies: dict[int, str]) -> str:
    """Fill in a member's replies on the cards of a cached page."""
    for occurrence_id, status in replies.items():
        html = html.replace(reply_marker(occurrence_id), BADGES.get(status, ""))
    return html
