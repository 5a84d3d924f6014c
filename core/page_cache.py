"""One cache policy for the pages anonymous visitors share, on Django's cache framework.

A listing asked for again and again (spaces near a popular district, what's on this
weekend) is the same page for every visitor who is not logged in, so it is rendered once
and served from the cache until its listings change or ``ANONYMOUS_PAGE_CACHE_SECONDS``
(one setting for every page; 0 turns the cache off) runs out.

- **Who shares pages**: a visitor who is not logged in and has no message waiting (no
  messages cookie, nothing in the session's message store). Members always get their own
  page: it carries their name, their replies, their messages.
- **What is kept**: a 200 response that sets no cookie (and asked for no CSRF cookie), as
  Django's own cache middleware keeps it (the ``HttpResponse`` object, pickled by the cache
  backend). Errors (400 with the typed text) and redirects are never kept.
- **The key**: ``make_template_fragment_key`` (Django's own hashing) of the page's group,
  the group's *version*, the host and path, the query parameters in sorted order (so
  ``?a=1&b=2`` and ``?b=2&a=1`` share a page) and the local date (so "today" moves on at
  midnight). Queries longer than ``MAX_QUERY_LENGTH`` are not worth keeping.
- **Invalidation**: anything that changes what a group's pages show calls
  ``listings_changed(group)``: the version moves on, now and again when the transaction
  commits (so a page rendered in between from uncommitted data cannot outlive the commit).
  Each process reads a group's version at most every ``VERSION_MEMO_SECONDS``; the process
  that made the change forgets its memo at once.

Use ``@cache_anonymous_page("spaces")`` on a function view, or
``method_decorator(cache_anonymous_page("events"), name="get")`` on a class view.
"""

import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.utils import timezone

DEFAULT_SECONDS = 120
VERSION_MEMO_SECONDS = 2
MAX_QUERY_LENGTH = 600
_memo: dict[str, tuple[float, int]] = {}


def lifetime() -> int:
    """How long a shared page is kept, in seconds (0: the cache is off)."""
    return int(getattr(settings, "ANONYMOUS_PAGE_CACHE_SECONDS", DEFAULT_SECONDS))


def is_anonymous_visitor(request) -> bool:
    """Whether this visitor sees the page everyone else not logged in sees: not logged in,
    and no message waiting to be shown (a messages cookie, even an unreadable one, or
    messages kept in the session)."""
    if request.user.is_authenticated:
        return False
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    return not len(messages.get_messages(request))


def _version_key(group: str) -> str:
    return f"page-cache:version:{group}"


def _fresh_version() -> int:
    # A version that starts from the clock: if the cache loses a version (evicted,
    # cleared), the next one is still newer than any page kept under the old ones.
    return int(time.time() * 1000)


def version(group: str) -> int:
    """The current version of ``group``'s pages (memoised for ``VERSION_MEMO_SECONDS``)."""
    now = time.monotonic()
    memo = _memo.get(group)
    if memo is None or memo[0] < now:
        key = _version_key(group)
        current = cache.get(key)
        if current is None:
            cache.add(key, _fresh_version(), None)
            current = cache.get(key) or _fresh_version()
        memo = (now + VERSION_MEMO_SECONDS, current)
        _memo[group] = memo
    return memo[1]


def _bump(group: str) -> None:
    key = _version_key(group)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _fresh_version(), None)
    _memo.pop(group, None)


def listings_changed(*groups: str) -> None:
    """Retire every cached page of each of ``groups``: now, and again once the current
    transaction commits."""
    for group in groups:
        _bump(group)
        transaction.on_commit(lambda group=group: _bump(group))


def page_key(group: str, request) -> str | None:
    """The cache key of this request's page in ``group``, or None when the query is too
    long to be worth keeping."""
    query = sorted((k, v) for k, values in request.GET.lists() for v in values)
    if sum(len(k) + len(v) + 2 for k, v in query) > MAX_QUERY_LENGTH:
        return None
    return make_template_fragment_key(
        f"page:{group}:{version(group)}",
        [request.get_host(), request.path, query, timezone.localdate()],
    )


def _keepable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def cache_anonymous_page(group: str):
    """Decorate a GET view: anonymous visitors share its pages (see the module's notes)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            seconds = lifetime()
            if (
                not seconds
                or request.method not in ("GET", "HEAD")
                or not is_anonymous_visitor(request)
            ):
                return view(request, *args, **kwargs)
            key = page_key(group, request)
            if key is None:
                return view(request, *args, **kwargs)
            response = cache.get(key)
            if response is not None:
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(
                    lambda r: cache.set(key, r, seconds) if _keepable(request, r) else None
                )
            elif _keepable(request, response):
                cache.set(key, response, seconds)
            return response

        return wrapped

    return decorator
