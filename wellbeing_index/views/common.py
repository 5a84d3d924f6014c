"""What every wellbeing page reads from the request or adds to its context."""

from django.http import Http404

from core.signposting import SAMARITANS, support_lines_for

from ..forms import EditionForm
from ..services import edition_pick


def edition_year(request) -> int | None:
    """The edition asked for with ``?year=`` (None: the latest); 404 for one that isn't."""
    if "year" not in request.GET:
        return None
    form = EditionForm(request.GET)
    if not form.is_valid():
        raise Http404("There is no such edition of the index.")
    year = form.cleaned_data["year"]
    if year is not None and edition_pick(year) is None:
        raise Http404("There is no such edition of the index.")
    return year


def support_context(nations=()) -> dict:
    """The support lines every page shows: those of ``nations``, or all of them."""
    return {"support_lines": support_lines_for(nations=nations), "samaritans": SAMARITANS}
