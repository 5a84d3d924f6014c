"""The start page (a postcode search) and the shareable page of one postcode."""

from dataclasses import dataclass

from django.core.cache import cache, caches
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from core.page_cache import cache_anonymous_page
from postcodes.parsing import InvalidPostcode, OutsideUK, UnknownPostcode, parse
from postcodes.services import lookup

from ..forms import IndexSearchForm
from ..models import Level
from ..services import edition_pick, postcode_reports
from ..services.editions import catalogue_for, editions_available
from ..services.places import OUTSIDE_INDEX, areas_key, postcode_outside_index, postcode_slug
from ..services.reports import AreaInfo
from .common import edition_year, support_context

FIGURES_TIMEOUT = 24 * 3600
_UNSET = object()
# How long browsers and shared caches may keep a postcode page seen without cookies.
SHARED_PAGE_SECONDS = 120


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
        if "postcode" in form.errors and postcode_outside_index(request.GET.get("postcode", ""))
        else "",
        **support_context(),
    }
    return render(
        request, "wellbeing_index/index.html", context, status=400 if request.GET else 200
    )


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
            **support_context(),
        },
        status=status,
    )


_links: dict[str, dict[str, str]] = {}


def _wellbeing_links() -> dict[str, str]:
    """Addresses every postcode page links to, worked out once per process and language
    (a Welsh page's links start /cy/)."""
    language = get_language()
    if language not in _links:
        _links[language] = {
            "index": reverse("wellbeing_index:index"),
            "methodology": reverse("wellbeing_index:methodology"),
            "compare": reverse("wellbeing_index:compare"),
            "figures_csv": reverse("wellbeing_index:figures", kwargs={"fmt": "csv"}),
            "figures_json": reverse("wellbeing_index:figures", kwargs={"fmt": "json"}),
            "api": reverse("wellbeing_api:postcode", kwargs={"postcode": "-"})[:-1],
        }
    return _links[language]


@dataclass(frozen=True)
class PageFigures:
    """What a postcode page needs of its areas' report: the rendered figures and a summary."""

    area: AreaInfo
    edition_year: int
    weakest: tuple[str, ...]  # names of the weakest domains
    help_tags: tuple[str, ...]
    body: str  # the rendered figures
    key: str  # names the language, the edition's computation and the (neighbourhood, council)
    # (slug, name, help tags) of each weakest domain, weakest first: "what you can do"
    weakest_domains: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @property
    def is_neighbourhood(self) -> bool:
        return self.area.level == Level.NEIGHBOURHOOD

    @property
    def html(self) -> str:
        # Rendered by our own template, with autoescaping on.
        return mark_safe(self.body)  # noqa: S308


def _postcode_figures(location, year) -> PageFigures | None:
    """The figures of a postcode's neighbourhood and council. They are the same for every
    postcode of the area, so they are worked out and rendered once per area and computation
    (kept in Redis for every process), then read back with one cache lookup: from this
    process's ``fragments`` cache once it has read them (the key names the computation, so
    that copy is never stale), else from Redis."""
    edition = edition_pick(year)
    if edition is None:
        return None
    # The figures are rendered in the page's language (headings, domain names): a Welsh
    # page must not show an English visitor's copy, nor the other way round.
    areas = f"{get_language()}:{areas_key(location, edition)}"
    # "pf4": PageFigures gained weakest_domains. "pf3": PageFigures moved to
    # wellbeing_index.views.postcode ("pf2"), then its body became plain text; copies
    # pickled under an older key could not be read back.
    key = f"wellbeing:page:pf4:{areas}"
    local = caches["fragments"]
    figures = local.get(key, _UNSET)
    if figures is not _UNSET:
        return figures
    figures = cache.get(key, _UNSET)
    if figures is not _UNSET:
        local.set(key, figures, FIGURES_TIMEOUT)
        return figures
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
            body=html,
            key=areas,
            weakest_domains=tuple((d.slug, d.name, d.info.tags) for d in report.weakest),
        )
    cache.set(key, figures, FIGURES_TIMEOUT)
    local.set(key, figures, FIGURES_TIMEOUT)
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
@cache_anonymous_page("wellbeing")
def postcode_detail(request, postcode: str):
    """The shareable page of one postcode: its area's scores, strengths, gaps and help.

    Visitors who are not logged in share each postcode's page (``core.page_cache``); the
    figures are worked out and rendered once per area (``_postcode_figures``)."""
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
    year = edition_year(request)
    try:
        location = lookup(parsed)
    except UnknownPostcode:
        return _postcode_problem(request, postcode, status=404)
    figures = _postcode_figures(location, year)
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
        **support_context([location.nation]),
    }
    return render_to_string("wellbeing_index/postcode_detail.html", context, request)
