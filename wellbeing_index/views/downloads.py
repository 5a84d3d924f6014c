"""Any wellbeing page's figures as a CSV or JSON file, with sources and years."""

from django import forms
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..forms import AREA_FIELDS, AreaField
from ..models import Level
from ..services.compare import areas_compare
from ..services.downloads import figure_rows, figures_csv, figures_json
from ..services.reports import area_report, postcode_reports
from .common import edition_year

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class DownloadForm(forms.Form):
    """The areas of a page: up to four postcodes or council codes, or one neighbourhood."""

    a = AreaField(required=False)
    b = AreaField(required=False)
    c = AreaField(required=False)
    d = AreaField(required=False)
    neighbourhood = forms.CharField(required=False, max_length=20)

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(n) for n in (*AREA_FIELDS, "neighbourhood")):
            raise forms.ValidationError(_("Say which area: ?a=<postcode or council code>."))
        return cleaned


def _reports(data: dict, year) -> list:
    if data.get("neighbourhood"):
        return [area_report(level=Level.NEIGHBOURHOOD.value, code=data["neighbourhood"], year=year)]
    entries = [data[n] for n in AREA_FIELDS if data.get(n)]
    if len(entries) > 1:
        comparison = areas_compare(entries, year=year)
        return [] if isinstance(comparison, list) else list(comparison.reports)
    entry = entries[0]
    if isinstance(entry, str):
        return [area_report(level=Level.LOCAL_AUTHORITY.value, code=entry, year=year)]
    found = postcode_reports(location=entry, year=year)
    return [found.report, found.council]


@require_GET
def figures(request, fmt: str):
    """``figures.csv`` / ``figures.json``: every score and indicator of the page's areas.
    An area without figures gives a file with the header only; bad input a 400 that says
    what is wrong."""
    if fmt not in CONTENT_TYPES:
        raise Http404("Figures come as .csv or .json.")
    year = edition_year(request)
    form = DownloadForm(request.GET)
    if not form.is_valid():
        problems = [str(e) for errors in form.errors.values() for e in errors]
        return HttpResponse(
            "\n".join(problems) + "\n", status=400, content_type="text/plain; charset=utf-8"
        )
    rows = figure_rows(_reports(form.cleaned_data, year))
    body = figures_csv(rows) if fmt == "csv" else figures_json(rows)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="wellbeing-figures.{fmt}"'
    return response
