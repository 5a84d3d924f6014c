"""Finding spaces: the search page, its GeoJSON, and the spaces under threat.

Small function views rather than ``FilterView``: they answer bad input with status 400,
clamp page numbers instead of raising 404, and serve anonymous visitors cached pages
(``core.page_cache``, group "spaces"). The postcode and distance are the near-me kit's
(``postcodes.near``).
"""

from urllib.parse import urlencode

from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from core.page_cache import cache_anonymous_page
from core.paging import page_with_total, query_without_page
from core.render_cache import render_each
from postcodes.near import redirect_old_distance

from .. import listing, selectors
from ..filters import EndangeredFilter, SpaceFilter
from ..geojson import feature_collection
from ..models import FACILITIES, Kind, Space, Status

PAGE_SIZE = 20
FILTER_KEYS = ("q", "kind", "tag", "facility", "capacity", "status")
GEOJSON_LIMIT = 1000
CARD_TEMPLATE = "spaces/includes/space_card.html"


def _listing_queryset():
    return Space.objects.approved().for_listing().order_by("name", "pk")


def _search_box(form) -> dict:
    """What the postcode box shows: the typed text (kept even when wrong; None when nothing
    was sent, so the box starts from the member's saved postcode) and its error."""
    data = form.data if form.is_bound else {}
    errors = form.errors if form.is_bound else {}
    return {
        "postcode": data.get("postcode"),
        "postcode_error": (errors.get("postcode") or [""])[0],
    }


def _choices(values, choices):
    chosen = set(values or [])
    return [(value, label, value in chosen) for value, label in choices]


@require_GET
@redirect_old_distance
@cache_anonymous_page("spaces")
def space_list(request):
    """Search: postcode and distance (nearest first), kind, interests, facilities, status."""
    filterset = SpaceFilter(request.GET or None, queryset=_listing_queryset())
    valid = not filterset.is_bound or filterset.is_valid()
    if valid and filterset.location:
        # Near a postcode, the search asked for most: its query written once as SQL.
        page = listing.near_page(filterset, request.GET.get("page"), PAGE_SIZE)
    else:
        queryset = filterset.qs if valid else filterset.queryset.none()
        page = page_with_total(selectors.card_rows(queryset), request.GET.get("page"), PAGE_SIZE)
    spaces = selectors.space_cards(page.object_list)
    cards_html = render_each(CARD_TEMPLATE, spaces, version=selectors.card_version, name="card")
    for card, html in zip(spaces, cards_html, strict=True):
        card["html"] = html
    form = filterset.form
    data = form.data if filterset.is_bound else {}
    getlist = data.getlist if hasattr(data, "getlist") else (lambda _k: [])
    chosen_tags = getlist("tag")
    tag_choices = list(form.fields["tag"].choices)
    known = {slug for slug, _name in tag_choices}
    tag_choices += [(slug, slug) for slug in chosen_tags if slug not in known and len(slug) < 60]
    extra_filters = [k for k in FILTER_KEYS if data.get(k)]
    filters_state = urlencode([(k, v) for k in FILTER_KEYS for v in getlist(k)])
    filters_state += "|" + ",".join(slug for slug, _label in tag_choices)
    # The fragment's labels are in the page's language.
    filters_state += f"|{bool(extra_filters)}|{get_language()}"
    context = {
        "filter": filterset,
        "form": form,
        "valid": valid,
        "location": filterset.location,
        "km": filterset.within_km,
        "page_obj": page,
        "spaces": spaces,
        "features": feature_collection(spaces),
        "kind_choices": _choices(getlist("kind"), Kind.choices),
        "status_choices": _choices(getlist("status"), Status.choices),
        "facility_choices": _choices(getlist("facility"), FACILITIES),
        "tag_choices": _choices(chosen_tags, tag_choices),
        "filters_open": bool(extra_filters) or not valid,
        "querystring": query_without_page(request.GET),
        "searched": filterset.is_bound,
        "box": _search_box(form),
        "total": page.paginator.count,
    }
    context["filters_html"] = _filters_html(context, filters_state if valid else None)
    return render(request, "spaces/space_list.html", context, status=200 if valid else 400)


# The filters fragment (33 checkboxes) is the same for everyone with the same filters:
# each process keeps it rendered, keyed on the filter state (and the interests offered).
_filters_fragments: dict[str, str] = {}


def _filters_html(context: dict, state: str | None) -> str:
    html = _filters_fragments.get(state) if state is not None else None
    if html is None:
        html = render_to_string("spaces/includes/search_filters.html", context)
        if state is not None:
            if len(_filters_fragments) >= 500:
                _filters_fragments.clear()
            _filters_fragments[state] = html
    return html


@require_GET
@redirect_old_distance
def space_geojson(request):
    """The search's results as a GeoJSON FeatureCollection (nearest first, up to 1,000)."""
    filterset = SpaceFilter(request.GET or None, queryset=Space.objects.approved().for_listing())
    if filterset.is_bound and not filterset.is_valid():
        return JsonResponse(
            {"errors": {k: [str(e) for e in v] for k, v in filterset.errors.items()}}, status=400
        )
    rows = list(selectors.card_rows(filterset.qs, with_tags=False)[: GEOJSON_LIMIT + 1])
    spaces = selectors.space_cards(rows[:GEOJSON_LIMIT])
    collection = feature_collection(spaces)
    collection["truncated"] = len(rows) > GEOJSON_LIMIT
    return JsonResponse(collection, content_type="application/geo+json")


@require_GET
@redirect_old_distance
def endangered(request):
    """Spaces under threat near a postcode (or everywhere), the soonest deadline first."""
    queryset = (
        Space.objects.approved()
        .threatened()
        .for_listing("threat_summary")
        .annotate(pledge_count=selectors.pledge_total())
    )
    filterset = EndangeredFilter(request.GET or None, queryset=queryset)
    valid = not filterset.is_bound or filterset.is_valid()
    queryset = filterset.qs if valid else filterset.queryset.none()
    order = [F("threat_deadline").asc(nulls_last=True)]
    order += ["distance_km"] if filterset.location else []
    queryset = queryset.order_by(*order, "name", "pk")
    page = page_with_total(queryset, request.GET.get("page"), PAGE_SIZE)
    spaces = list(page.object_list)
    context = {
        "form": filterset.form,
        "filter": filterset,
        "location": filterset.location,
        "km": filterset.within_km,
        "page_obj": page,
        "spaces": spaces,
        "features": feature_collection(spaces),
        "querystring": query_without_page(request.GET),
        "searched": filterset.is_bound,
        "box": _search_box(filterset.form),
        "total": page.paginator.count,
    }
    return render(request, "spaces/endangered_list.html", context, status=200 if valid else 400)
