"""Two postcodes side by side."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..forms import CompareForm
from ..services import postcode_reports
from ..services.compare import reports_comparable, reports_compare
from .common import support_context


@require_GET
def compare(request):
    """Two postcodes side by side, domain by domain."""
    form = CompareForm(request.GET or None)
    first = second = None
    if request.GET and form.is_valid():
        first = postcode_reports(location=form.cleaned_data["a"])
        second = postcode_reports(location=form.cleaned_data["b"])
    pair = reports_comparable(first=first, second=second) if first else None
    rows = reports_compare(first=pair[0], second=pair[1]) if pair else []
    nations = [r.location.nation for r in (first, second) if r]
    context = {
        "form": form,
        "first": first,
        "second": second,
        "pair": pair,
        "rows": rows,
        **support_context(nations),
    }
    status = 400 if request.GET and not form.is_valid() else 200
    return render(request, "wellbeing_index/compare.html", context, status=status)
