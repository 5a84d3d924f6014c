"""How the index is made."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.signposting import ALL_SUPPORT_LINES, SAMARITANS

from ..filters import IndicatorFilter
from ..services import edition_pick
from ..services.editions import catalogue_for
from ..services.listings import edition_indicators
from ..services.sources import NO_DATA_REASONS


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
        "gaps": _gaps(catalogue),
        "support_lines": list(ALL_SUPPORT_LINES),
        "samaritans": SAMARITANS,
    }
    return render(request, "wellbeing_index/methodology.html", context)


@require_GET
def indicators(request):
    """Every indicator of the current edition: source, year, licence, when it was loaded."""
    edition = edition_pick()
    filterset = IndicatorFilter(request.GET or None, queryset=edition_indicators(edition=edition))
    context = {"edition": edition, "filter": filterset, "indicators": filterset.qs}
    return render(request, "wellbeing_index/indicators.html", context)


def _gaps(catalogue) -> list[tuple[str, str, str]]:
    """(domain name, nation, reason) of each scored domain a nation has no source for."""
    if catalogue is None:
        return []
    names = {d.slug: d.name for d in catalogue.domains}
    return [
        (names[slug], nation, reason)
        for (slug, nation), reason in NO_DATA_REASONS.items()
        if slug in names
    ]
