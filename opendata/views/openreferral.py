"""Open Referral UK API (HSDS 3.0, UK profile) under one stub: /openreferral/.

Open (no key), ``Access-Control-Allow-Origin: *``, throttled per address, read-only.
Paging: ``page`` (from 1) and ``per_page`` (1 to ``MAX_PER_PAGE``, default 50); the
answer says ``total_items``, ``total_pages``, ``page_number``, ``size``, ``first_page``,
``last_page`` and ``empty`` around ``contents``.
"""

import re

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from postcodes.parsing import PostcodeError
from postcodes.services import lookup

from ..services import openreferral as oruk
from ..services.openapi import openapi_document
from .common import bad_request, not_found, open_endpoint, open_json

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
# Within a postcode with no proximity: groups within this many metres.
DEFAULT_PROXIMITY_M = 5000
MAX_PROXIMITY_M = 200_000
MAX_PAGE = 100_000
NOWHERE = "nowhere"


class BadQuery(ValueError):
    pass


def _whole(request, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    raw = raw.strip()
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    if not re.fullmatch(r"-?[0-9]{1,12}", raw) or not low <= int(raw) <= high:
        raise BadQuery(
            _("%(name)s must be a whole number from %(low)s to %(high)s, not %(value)s.")
            % {"name": name, "low": low, "high": high, "value": repr(raw[:40])}
        )
    return int(raw)


def _paging(request) -> tuple[int, int]:
    page = _whole(request, "page", 1, 1, MAX_PAGE)
    per_page = _whole(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    return page, per_page


def _filters(request) -> oruk.Filters:
    return oruk.Filters(
        search=request.GET.get("search", "").strip()[:100],
        term_id=request.GET.get("taxonomy_term_id", "").strip()[:40],
        taxonomy_id=request.GET.get("taxonomy_id", "").strip()[:40],
    )


def _page(contents: list, *, total: int, page: int, per_page: int) -> dict:
    pages = max(-(-total // per_page), 1)
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": contents,
    }


def _listing(request, fetch):
    try:
        page, per_page = _paging(request)
        total, contents = fetch(offset=(page - 1) * per_page, limit=per_page)
    except BadQuery as error:
        return bad_request(str(error))
    return open_json(_page(contents, total=total, page=page, per_page=per_page))


@open_endpoint
def root(request):
    return open_json(
        {
            "version": oruk.HSDS_VERSION,
            "profile": oruk.PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("opendata:oruk-openapi")),
        }
    )


@open_endpoint
def openapi(request):
    return open_json(openapi_document(request.build_absolute_uri(reverse("opendata:oruk-root"))))


@require_GET
def api_page(request):
    """The API page for people: what is published, how to page, the OpenAPI link."""
    base = request.build_absolute_uri(reverse("opendata:oruk-root"))
    return render(
        request,
        "opendata/openreferral.html",
        {
            "base": base,
            "openapi_url": request.build_absolute_uri(reverse("opendata:oruk-openapi")),
            "max_per_page": MAX_PER_PAGE,
        },
    )


@open_endpoint
def services(request):
    filters = _filters(request)
    return _listing(
        request, lambda offset, limit: oruk.services_page(filters, offset=offset, limit=limit)
    )


@open_endpoint
def service(request, service_id: str):
    data = oruk.service_detail(service_id)
    if data is None:
        return not_found(_("There is no service with id %(id)s.") % {"id": repr(service_id[:60])})
    return open_json(data)


def _near(request):
    raw_postcode = request.GET.get("postcode")
    metres = _whole(request, "proximity", DEFAULT_PROXIMITY_M, 1, MAX_PROXIMITY_M)
    if raw_postcode is None:
        # Proximity is measured from the postcode: without one, there is nothing to filter by.
        return None
    raw_postcode = raw_postcode.strip()
    if not re.fullmatch(oruk.POSTCODE_PATTERN, raw_postcode):
        raise BadQuery(
            _("postcode %(value)s is not a UK postcode: give one like M1 1AE.")
            % {"value": repr(raw_postcode[:20])}
        )
    try:
        location = lookup(raw_postcode)
    except PostcodeError:
        # Shaped like a postcode but not one we can place (no such area, retired, outside
        # the UK): no services there.
        return NOWHERE
    return location.point, metres / 1000


@open_endpoint
def service_at_locations(request):
    filters = _filters(request)
    try:
        near = _near(request)
    except BadQuery as error:
        return bad_request(str(error))
    if near == NOWHERE:
        return _listing(request, lambda offset, limit: (0, []))
    return _listing(
        request,
        lambda offset, limit: oruk.service_at_locations_page(
            filters, near=near, offset=offset, limit=limit
        ),
    )


@open_endpoint
def taxonomies(request):
    numbers = sorted(oruk.TAXONOMIES)
    return _listing(
        request,
        lambda offset, limit: (
            len(numbers),
            [oruk.taxonomy_data(n) for n in numbers[offset : offset + limit]],
        ),
    )


@open_endpoint
def taxonomy_terms(request):
    terms = oruk.terms()
    return _listing(
        request,
        lambda offset, limit: (
            len(terms),
            [oruk.term_data(t) for t in terms[offset : offset + limit]],
        ),
    )
