"""Harvest another publisher's OpenActive RPDE feed or Open Referral UK API into pending
listings (``HarvestedListing``) for staff to review.

Idempotent: a listing is keyed by (source URL, item id), so the same item twice is an
update; an RPDE tombstone, or a service gone from an API, withdraws it. Each page is read
with a size cap (``OPENDATA_HARVEST_MAX_BYTES``) and written in one transaction, so a page
is imported whole or not at all; broken JSON, a page too large, a ``next`` link seen
before (a loop) or a page that cannot be fetched is logged and the walk stops there.
"""

import json
import logging
import urllib.request
from dataclasses import dataclass, field
from urllib.error import URLError
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.models import ModerationStatus
from events.services import imported_event_save, imported_event_withdraw

from ..models import HarvestedListing
from . import harvest_events

log = logging.getLogger(__name__)

MAX_PAGES = 10_000
TIMEOUT_SECONDS = 30
USER_AGENT = "coopcentre-harvester/1.0 (+https://coopcentre.localhost/openactive/)"


class PageError(Exception):
    """A page that cannot be used: not fetched, too large, not JSON, not the right shape."""


@dataclass
class Report:
    pages: int = 0
    created: int = 0
    updated: int = 0
    withdrawn: int = 0
    skipped: list[str] = field(default_factory=list)

    def __str__(self):
        text = (
            f"{self.pages} pages: {self.created} new, {self.updated} updated, "
            f"{self.withdrawn} withdrawn"
        )
        return text + (f"; stopped: {'; '.join(self.skipped)}" if self.skipped else "")


def fetch_json(url: str, *, max_bytes: int | None = None):
    """GET ``url`` and parse its JSON, reading at most ``max_bytes`` (PageError past it)."""
    max_bytes = max_bytes or settings.OPENDATA_HARVEST_MAX_BYTES
    if urlsplit(url).scheme not in ("http", "https"):
        raise PageError(f"{url}: only http and https addresses can be harvested")
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise PageError(f"{url}: page of {declared} bytes is over {max_bytes}")
            body = response.read(max_bytes + 1)
    except (URLError, OSError, ValueError) as error:
        raise PageError(f"{url}: could not fetch ({error})") from error
    if len(body) > max_bytes:
        raise PageError(f"{url}: page is over {max_bytes} bytes")
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PageError(f"{url}: not valid JSON ({error})") from error


def _name_and_url(data: dict) -> tuple[str, str]:
    name = str(data.get("name") or "")[:300]
    url = data.get("url") or data.get("@id") or ""
    if not isinstance(url, str) or not url.startswith(("http://", "https://")) or len(url) > 500:
        url = ""
    return name, url


def _upsert(report: Report, source: str, item_id: str, kind: str, data, modified) -> None:
    """Create or update one listing from the source's data (None: withdraw it)."""
    existing = HarvestedListing.objects.filter(source_url=source, item_id=item_id).first()
    now = timezone.now()
    if data is None:
        if existing and existing.withdrawn_at is None:
            existing.withdrawn_at = now
            existing.modified = str(modified)[:40]
            existing.save(update_fields=["withdrawn_at", "modified"])
            if existing.event is not None:
                imported_event_withdraw(event=existing.event)
            report.withdrawn += 1
        return
    name, url = _name_and_url(data)
    listing = existing or HarvestedListing(source_url=source, item_id=item_id)
    came_back = existing is not None and existing.withdrawn_at is not None
    if existing is None:
        report.created += 1
    else:
        report.updated += 1
        if existing.withdrawn_at is not None:
            # Back after a withdrawal: staff look at it again.
            listing.moderation_status = ModerationStatus.PENDING
    listing.kind = kind[:40]
    listing.name, listing.url, listing.data = name, url, data
    listing.modified = str(modified)[:40]
    listing.withdrawn_at = None
    listing.harvested_at = now
    _event_sync(listing, source, came_back=came_back)
    listing.save()


def _event_sync(listing: HarvestedListing, source: str, *, came_back: bool) -> None:
    """An OpenActive opportunity with a date becomes (or updates) a site event, pending."""
    values = harvest_events.event_values(
        source=source, kind=listing.kind, data=listing.data, url=listing.url
    )
    if values is not None:
        listing.event = imported_event_save(event=listing.event, values=values, came_back=came_back)
    elif listing.event is not None:
        imported_event_withdraw(event=listing.event)


def _rpde_items(page, url: str) -> list[tuple[str, str, dict | None, object]]:
    items = page.get("items") if isinstance(page, dict) else None
    if not isinstance(items, list):
        raise PageError(f"{url}: not an RPDE page (no items list)")
    found = []
    for item in items:
        if (
            not isinstance(item, dict)
            or "id" not in item
            or item.get("state")
            not in (
                "updated",
                "deleted",
            )
        ):
            raise PageError(f"{url}: an item without id or state")
        data = item.get("data") if item["state"] == "updated" else None
        if item["state"] == "updated" and not isinstance(data, dict):
            raise PageError(f"{url}: an updated item without data")
        found.append((str(item["id"])[:200], str(item.get("kind", "")), data, item.get("modified")))
    return found


def harvest_rpde(url: str, *, source: str | None = None) -> Report:
    """Walk an RPDE feed from ``url`` to its last page (``next`` equal to the page itself,
    or a page with no items), importing each page in one transaction."""
    source = source or url
    report, seen = Report(), set()
    while len(seen) < MAX_PAGES:
        seen.add(url)
        try:
            page = fetch_json(url)
            items = _rpde_items(page, url)
        except PageError as error:
            log.warning("harvest: %s", error)
            report.skipped.append(str(error))
            break
        with transaction.atomic():
            for item_id, kind, data, modified in items:
                _upsert(report, source, item_id, kind, data, modified)
        report.pages += 1
        following = page.get("next")
        if not items or not isinstance(following, str):
            break
        following = urljoin(url, following)
        if following in seen:
            if following != url:
                message = f"{following}: a loop in next links"
                log.warning("harvest: %s", message)
                report.skipped.append(message)
            break
        url = following
    return report


def _oruk_pages(base: str, report: Report, seen_ids: set[str]):
    page_number = 1
    while page_number <= MAX_PAGES:
        url = f"{base.rstrip('/')}/services?page={page_number}&per_page=100"
        try:
            page = fetch_json(url)
            contents = page.get("contents") if isinstance(page, dict) else None
            if not isinstance(contents, list) or not all(
                isinstance(s, dict) and s.get("id") for s in contents
            ):
                raise PageError(f"{url}: not an Open Referral page (no contents)")
        except PageError as error:
            log.warning("harvest: %s", error)
            report.skipped.append(str(error))
            return False
        yield url, contents
        seen_ids.update(str(s["id"]) for s in contents)
        if page.get("last_page", True) or not contents:
            return True
        page_number += 1
    return True


def harvest_openreferral(base: str) -> Report:
    """Read every service of an Open Referral UK API (its stub ``base``); services no longer
    listed are withdrawn once every page was read."""
    report, seen_ids = Report(), set()
    complete = True
    pages = _oruk_pages(base, report, seen_ids)
    while True:
        try:
            url, contents = next(pages)
        except StopIteration as stop:
            complete = bool(stop.value)
            break
        with transaction.atomic():
            for service in contents:
                modified = service.get("last_modified", "")
                _upsert(report, base, str(service["id"])[:200], "Service", service, modified)
        report.pages += 1
    if complete:
        with transaction.atomic():
            gone = HarvestedListing.objects.filter(source_url=base, withdrawn_at__isnull=True)
            for listing in gone.exclude(item_id__in=seen_ids):
                _upsert(report, base, listing.item_id, listing.kind, None, "")
    return report


def harvest(url: str) -> Report:
    """Harvest ``url``: an Open Referral UK API stub (its root answers ``version`` and
    ``openapi_url``) or an RPDE feed."""
    try:
        first = fetch_json(url)
    except PageError as error:
        log.warning("harvest: %s", error)
        return Report(skipped=[str(error)])
    if isinstance(first, dict) and "openapi_url" in first and "items" not in first:
        return harvest_openreferral(url)
    return harvest_rpde(url)
