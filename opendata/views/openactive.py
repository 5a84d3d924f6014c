"""OpenActive: the dataset page and the RPDE feeds (https://openactive.io/)."""

import re
from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..models import FeedKind
from ..services import openactive
from .common import bad_request, open_endpoint, open_json

# RPDE: pages with items may be cached an hour; the last page (no items) for seconds.
PAGE_CACHE = "public, max-age=3600"
LAST_PAGE_CACHE = "public, max-age=8"
# Above any microsecond timestamp we write; keeps the query inside a 64-bit integer.
MAX_TIMESTAMP = 2**62


def _integer(raw: str, name: str) -> int:
    raw = raw.strip()
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    if not re.fullmatch(r"[0-9]{1,19}", raw) or int(raw) > MAX_TIMESTAMP:
        raise ValueError(f"{name} must be a whole number of at most 19 digits, not {raw[:40]!r}.")
    return int(raw)


def _after(request) -> tuple[int | None, int | None]:
    raw_ts = request.GET.get("afterTimestamp")
    raw_id = request.GET.get("afterId")
    if raw_ts is None and raw_id is None:
        return None, None
    if raw_ts is None:
        raise ValueError("afterId needs afterTimestamp: use the feed's own next links.")
    after_ts = _integer(raw_ts, "afterTimestamp")
    after_id = _integer(raw_id, "afterId") if raw_id is not None else None
    return after_ts, after_id


def _feed(request, kind: str):
    try:
        after_ts, after_id = _after(request)
    except ValueError as error:
        return bad_request(str(error))
    page = openactive.feed_page(kind, after_timestamp=after_ts, after_id=after_id)
    query = {}
    if page.next_timestamp is not None:
        query["afterTimestamp"] = page.next_timestamp
        if page.next_id is not None:
            query["afterId"] = page.next_id
    next_url = request.build_absolute_uri(request.path)
    if query:
        next_url += "?" + urlencode(query)
    body = {"next": next_url, "items": page.items, "license": openactive.LICENSE}
    return open_json(body, cache=LAST_PAGE_CACHE if page.is_last else PAGE_CACHE)


@open_endpoint
def session_series(request):
    return _feed(request, FeedKind.SESSION_SERIES)


@open_endpoint
def scheduled_sessions(request):
    return _feed(request, FeedKind.SCHEDULED_SESSION)


@require_GET
def dataset(request):
    """The dataset site: what the feeds hold, their licence and attribution."""
    feeds = [
        (
            "Session series",
            "Regular and one-off activities: what, where, who runs them, the cost.",
            request.build_absolute_uri(openactive.feed_urls()[FeedKind.SESSION_SERIES]),
        ),
        (
            "Scheduled sessions",
            "Each date of those activities, with the places left.",
            request.build_absolute_uri(openactive.feed_urls()[FeedKind.SCHEDULED_SESSION]),
        ),
    ]
    return render(
        request,
        "opendata/dataset.html",
        {"feeds": feeds, "licence_url": openactive.LICENSE, "mappings": openactive.activity_map()},
    )
