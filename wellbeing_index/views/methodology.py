"""How the index is made."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.signposting import ALL_SUPPORT_LINES, SAMARITANS

from ..filters import IndicatorFilter
from ..services import edition_pick
from ..services.editions import catalogue_for
from ..services.listings import edition_indicators


@require_GET
def methodology(request):
    """What the index measures, each indicator and its source, and how scores are made."""
    edition = edition_pick()
    catalogue = catalogue_for(edition) if edition else None
    filterset = IndicatorFilter(request.GET or None, queryset=edition_indicators(edition=edition))
    context = {
        "edition": edition,
        "catalogue": catalogue,
        "filter": filterset,
        "indicators": filterset.qs,
        "unscored": catalogue.unscored_domains if catalogue else [],
        "support_lines": list(ALL_SUPPORT_LINES),
        "samaritans": SAMARITANS,
    }
    return render(request, "wellbeing_index/methodology.html", context)
