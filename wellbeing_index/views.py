"""Pages of the wellbeing index. Views are thin: the services read the index."""

import zlib
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from postcodes.parsing import InvalidPostcode, OutsideUK, PostcodeError, UnknownPostcode, parse
from postcodes.services import lookup

from .filters import CouncilScoreFilter, IndicatorFilter
from .forms import CompareForm, EditionForm, IndexSearchForm
from .models import AreaScore, Indicator, Level
from .services import (
    area_report,
    council_neighbourhoods,
    edition_pick,
    postcode_reports,
)
from .services.editions import catalogue_for, editions_available
from .services.reports import AreaInfo, reports_compare
from .signposting import ALL_LINES, SAMARITANS, support_lines_for

COUNCILS_PER_PAGE = 50
FIGURES_TIMEOUT = 24 * 3600
_UNSET = object()
# How long browsers and shared caches may keep a postcode page seen without cookies, and
# how long the server keeps a neighbourhood's shared page (as long as the nearby snapshot).
SHARED_PAGE_SECONDS = 120
NEIGHBOURHOOD_PAGE_SECONDS = 120
OUTSIDE_INDEX = (
    "The wellbeing index covers England, Scotland, Wales and Northern Ireland: the Isle of "
    "Man, Guernsey and Jersey are outside it."
)


def postcode_slug(postcode: str) -> str:
    """The compact form used in shareable addresses: ``M1 1AD`` → ``M11AD``."""
    return postcode.replace(" ", "").upper()


def _year(request) -> int | None:
    if "year" not in request.GET:
        return None
    form = EditionForm(request.GET)
    if not form.is_valid():
        raise Http404("There is no such edition of the index.")
    year = form.cleaned_data["year"]
    if year is not None and edition_pick(year) is None:
        raise Http404("There is no such edition of the index.")
    return year


def _common(nations=()) -> dict:
    return {"support_lines": support_lines_for(nations=nations), "samaritans": SAMARITANS}


@require_GET
def index(request):
    """The start page: a postcode search (which leads to the postcode's page)."""
    form = IndexSearchForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect(
            "wellbeing_index:postcode",
            postcode=postcode_slug(form.cleaned_data["postcode"].postcode),
        )
    edition = edition_pick()
    context = {
        "form": form,
        "edition": edition,
        "catalogue": catalogue_for(edition) if edition else None,
        "outside_index": OUTSIDE_INDEX
        if "postcode" in form.errors and _is_outside(request)
        else "",
        **_common(),
    }
    return render(
        request, "wellbeing_index/index.html", context, status=400 if request.GET else 200
    )


def _is_outside(request) -> bool:
    try:
        parse(request.GET.get("postcode", ""))
    except OutsideUK:
        return True
    except PostcodeError:
        return False
    return False


def _postcode_problem(request, typed: str, *, status: int, outside: bool = False):
    form = IndexSearchForm({"postcode": typed})
    form.is_valid()
    return render(
        request,
        "wellbeing_index/postcode_problem.html",
        {
            "form": form,
            "typed": typed,
            "outside_index": OUTSIDE_INDEX if outside else "",
            **_common(),
        },
        status=status,
    )


_links: dict[str, str] = {}


def _wellbeing_links() -> dict[str, str]:
    """Addresses every postcode page links to, worked out once per process."""
    if not _links:
        _links.update(
            index=reverse("wellbeing_index:index"),
            methodology=reverse("wellbeing_index:methodology"),
            compare=reverse("wellbeing_index:compare"),
            api=reverse("wellbeing_api:postcode", kwargs={"postcode": "-"})[:-1],
        )
    return _links


@dataclass(frozen=True)
class PageFigures:
    """What a postcode page needs of its areas' report: the rendered figures and a summary."""

    area: AreaInfo
    edition_year: int
    weakest: tuple[str, ...]  # names of the weakest domains
    help_tags: tuple[str, ...]
    body: bytes  # the rendered figures, zlib-compressed (a cached copy is about 5 KB)
    key: str  # names the edition's computation and the (neighbourhood, council) pair

    @property
    def is_neighbourhood(self) -> bool:
        return self.area.level == Level.NEIGHBOURHOOD

    @property
    def html(self) -> str:
        # Rendered by our own template, with autoescaping on.
        return mark_safe(zlib.decompress(self.body).decode())  # noqa: S308


def _areas_key(location, edition) -> str:
    """Names a computation and the (neighbourhood, council) pair a postcode lies in."""
    return f"{edition.key}:{location.small_area_code or '-'}:{location.lad_code}"


def _postcode_figures(location, year) -> PageFigures | None:
    """The figures of a postcode's neighbourhood and council. They are the same for every
    postcode of the area, so they are worked out and rendered once per area and computation,
    then read back with one cache lookup."""
    edition = edition_pick(year)
    if edition is None:
        return None
    areas = _areas_key(location, edition)
    key = f"wellbeing:page:figures:{areas}"
    figures = cache.get(key, _UNSET)
    if figures is _UNSET:
        reports = postcode_reports(location=location, year=year)
        report = reports.report
        figures = None
        if report:
            html = render_to_string(
                "wellbeing_index/includes/postcode_body.html",
                {"report": report, "council": reports.council},
            )
            figures = PageFigures(
                area=report.area,
                edition_year=report.edition_year,
                weakest=tuple(d.name for d in report.weakest),
                help_tags=tuple(report.help_tags),
                body=zlib.compress(html.encode()),
                key=areas,
            )
        cache.set(key, figures, FIGURES_TIMEOUT)
    return figures


def _shareable(request, response: HttpResponse) -> HttpResponse:
    """Let browsers and shared caches (a CDN) keep a page briefly when the visitor sent no
    cookies: every such visitor sees the same page. A link shared many times is then served
    from those caches; the server caches per area, not per address."""
    patch_vary_headers(response, ["Cookie"])
    if not request.COOKIES and not response.cookies:
        patch_cache_control(response, public=True, max_age=SHARED_PAGE_SECONDS)
    return response


@require_GET
def postcode_detail(request, postcode: str):
    """The shareable page of one postcode: its area's scores, strengths, gaps and help."""
    try:
        parsed = parse(postcode)
    except OutsideUK:
        return _postcode_problem(request, postcode, status=404, outside=True)
    except InvalidPostcode:
        return _postcode_problem(request, postcode, status=400)
    slug = postcode_slug(str(parsed))
    if slug != postcode:
        url = reverse("wellbeing_index:postcode", kwargs={"postcode": slug})
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url, permanent=True)
    year = _year(request)
    try:
        location = lookup(parsed)
    except UnknownPostcode:
        return _postcode_problem(request, postcode, status=404)
    shared = not request.COOKIES and location.small_area_code
    if shared and (edition := edition_pick(year)):
        # A neighbourhood's shared page, when a neighbour was here first: one cache read.
        packed = cache.get(_neighbourhood_page_key(_areas_key(location, edition), year))
        if packed is not None:
            return _shareable(request, _personalised(packed, location, slug))
    figures = _postcode_figures(location, year)
    if shared and figures and figures.is_neighbourhood and figures.area.centre:
        return _shareable(request, _neighbourhood_page(request, location, slug, year, figures))
    html = _postcode_page(request, location, slug, year, figures, parsed.is_full)
    return _shareable(request, HttpResponse(html))


def _postcode_page(request, location, slug, year, figures, asked_full_postcode) -> str:
    # "What's near you" is measured from the neighbourhood's centre on a neighbourhood page
    # (the same for all its postcodes), else from the postcode itself.
    centre = figures.area.centre if figures and figures.is_neighbourhood else None
    point = centre or location.point
    links = _wellbeing_links()
    context = {
        "location": location,
        "figures": figures,
        "nearby_point": point,
        "nearby_from_neighbourhood": centre is not None,
        "links": links,
        "page_url": f"{links['index']}{slug}/",
        "api_url": f"{links['api']}{slug}",
        "slug": slug,
        "year": year,
        "editions": editions_available(),
        "asked_full_postcode": asked_full_postcode,
        **_common([location.nation]),
    }
    return render_to_string("wellbeing_index/postcode_detail.html", context, request)


# Stand-ins for the postcode in a neighbourhood's shared page (private-use characters, which
# no postcode, name or figure contains).
POSTCODE_MARK = "\ue000"
SLUG_MARK = "\ue001"


def _neighbourhood_page(request, location, slug, year, figures) -> HttpResponse:
    """The page of a full postcode with neighbourhood figures, for a visitor with no cookies.

    Every postcode of a neighbourhood gets the same page but for the postcode itself, so it
    is rendered once per neighbourhood (with stand-ins for the postcode), cached compressed
    for as long as the nearby-places snapshot, and the postcode is put in on the way out
    (``_personalised``).
    """
    stand_in = replace(location, postcode=POSTCODE_MARK)
    html = _postcode_page(request, stand_in, SLUG_MARK, year, figures, True)
    packed = zlib.compress(html.encode(), 1)
    cache.set(_neighbourhood_page_key(figures.key, year), packed, NEIGHBOURHOOD_PAGE_SECONDS)
    return _personalised(packed, location, slug)


def _neighbourhood_page_key(areas_key: str, year: int | None) -> str:
    return f"wellbeing:page:neighbourhood:{areas_key}:{year or ''}"


def _personalised(packed: bytes, location, slug: str) -> HttpResponse:
    html = zlib.decompress(packed).decode()
    return HttpResponse(
        html.replace(POSTCODE_MARK, escape(location.postcode)).replace(SLUG_MARK, escape(slug))
    )


@require_GET
def area_detail(request, code: str, level: str):
    """A council area's or a neighbourhood's page, by its GSS code."""
    year = _year(request)
    report = area_report(level=level, code=code, year=year)
    if report is None:
        raise Http404("There are no index figures for that area.")
    neighbourhoods = (
        council_neighbourhoods(code=code, year=year) if level == Level.LOCAL_AUTHORITY else []
    )
    parent = (
        area_report(level=report.parent.level, code=report.parent.code, year=year)
        if report.parent
        else None
    )
    context = {
        "report": report,
        "council": parent,
        "neighbourhoods": neighbourhoods,
        "year": year,
        **_common([report.nation]),
    }
    return render(request, "wellbeing_index/area_detail.html", context)


@require_GET
def council_list(request):
    """Every council area with its scores, filtered by nation or name."""
    year = _year(request)
    edition = edition_pick(year)
    queryset = (
        AreaScore.objects.filter(
            edition_id=edition.pk if edition else None, area__level=Level.LOCAL_AUTHORITY
        )
        .select_related("area")
        .only("overall", "scores", "area__code", "area__name", "area__level", "area__nation")
        .order_by("area__name")
    )
    filterset = CouncilScoreFilter(request.GET or None, queryset=queryset)
    page = Paginator(filterset.qs, COUNCILS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "edition": edition,
        "catalogue": catalogue_for(edition) if edition else None,
        "query": query.urlencode(),
        **_common(),
    }
    return render(request, "wellbeing_index/council_list.html", context)


@require_GET
def compare(request):
    """Two postcodes side by side, domain by domain."""
    form = CompareForm(request.GET or None)
    first = second = None
    if request.GET and form.is_valid():
        first = postcode_reports(location=form.cleaned_data["a"])
        second = postcode_reports(location=form.cleaned_data["b"])
    pair = _comparable(first, second) if first else None
    rows = reports_compare(first=pair[0], second=pair[1]) if pair else []
    nations = [r.location.nation for r in (first, second) if r]
    context = {
        "form": form,
        "first": first,
        "second": second,
        "pair": pair,
        "rows": rows,
        **_common(nations),
    }
    status = 400 if request.GET and not form.is_valid() else 200
    return render(request, "wellbeing_index/compare.html", context, status=status)


def _comparable(first, second):
    """The two reports to compare, at the same level: neighbourhoods when both have one,
    else council areas."""
    if first.report is None or second.report is None:
        return None
    if first.is_neighbourhood and second.is_neighbourhood:
        return first.report, second.report
    return (first.council or first.report, second.council or second.report)


@require_GET
def methodology(request):
    """What the index measures, each indicator and its source, and how scores are made."""
    edition = edition_pick()
    catalogue = catalogue_for(edition) if edition else None
    queryset = (
        Indicator.objects.filter(edition_id=edition.pk if edition else None)
        .select_related("domain")
        .order_by("order", "code")
    )
    filterset = IndicatorFilter(request.GET or None, queryset=queryset)
    scored = (
        set().union(*catalogue.scored_domains.values())
        if catalogue and catalogue.scored_domains
        else set()
    )
    context = {
        "edition": edition,
        "catalogue": catalogue,
        "filter": filterset,
        "indicators": filterset.qs,
        "unscored": [d for d in catalogue.domains if d.slug not in scored] if catalogue else [],
        "support_lines": list(ALL_LINES),
        "samaritans": SAMARITANS,
    }
    return render(request, "wellbeing_index/methodology.html", context)
