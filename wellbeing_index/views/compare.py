"""Up to four areas side by side."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ..forms import AREA_FIELDS, CompareForm
from ..services.compare import areas_compare
from .common import edition_year, support_context


@require_GET
def compare(request):
    """Two to four postcodes or council areas, domain by domain, with figures far from their
    nation's median marked, and the figures to download."""
    year = edition_year(request)
    form = CompareForm(request.GET or None)
    comparison = missing = None
    if request.GET and form.is_valid():
        result = areas_compare(form.entries, year=year)
        if isinstance(result, list):
            missing = [str(getattr(form.entries[n], "postcode", form.entries[n])) for n in result]
        else:
            comparison = result
    query = urlencode({n: request.GET[n] for n in AREA_FIELDS if request.GET.get(n)})
    context = {
        "form": form,
        "comparison": comparison,
        "missing": missing,
        "download_query": query,
        "figures_csv": reverse("wellbeing_index:figures", kwargs={"fmt": "csv"}),
        "figures_json": reverse("wellbeing_index:figures", kwargs={"fmt": "json"}),
        **support_context(comparison.nations if comparison else ()),
    }
    status = 400 if request.GET and not form.is_valid() else 200
    return render(request, "wellbeing_index/compare.html", context, status=status)
