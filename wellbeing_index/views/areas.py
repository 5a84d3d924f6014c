"""Area pages: every council with its scores, and one council's or neighbourhood's page."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.paging import query_without_page

from ..filters import CouncilScoreFilter
from ..models import Level
from ..services import area_report, council_neighbourhoods, edition_pick
from ..services.editions import catalogue_for
from ..services.listings import council_scores
from .common import edition_year, support_context

COUNCILS_PER_PAGE = 50


@require_GET
def area_detail(request, code: str, level: str):
    """A council area's or a neighbourhood's page, by its GSS code."""
    year = edition_year(request)
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
        **support_context([report.nation]),
    }
    return render(request, "wellbeing_index/area_detail.html", context)


@require_GET
def council_list(request):
    """Every council area with its scores, filtered by nation or name."""
    edition = edition_pick(edition_year(request))
    filterset = CouncilScoreFilter(request.GET or None, queryset=council_scores(edition=edition))
    page = Paginator(filterset.qs, COUNCILS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "edition": edition,
        "catalogue": catalogue_for(edition) if edition else None,
        "query": query_without_page(request.GET),
        **support_context(),
    }
    return render(request, "wellbeing_index/council_list.html", context)
