"""Reads behind the list pages: council areas with their scores, and an edition's
indicators (the methodology page). Each page filters these through its ``FilterSet``."""

from django.db.models import QuerySet

from ..models import AreaScore, Indicator, Level
from .editions import EditionRef


def council_scores(*, edition: EditionRef | None) -> QuerySet[AreaScore]:
    """Every council area's scores in ``edition`` (none without one), by name."""
    return (
        AreaScore.objects.filter(
            edition_id=edition.pk if edition else None, area__level=Level.LOCAL_AUTHORITY
        )
        .select_related("area")
        .only("overall", "scores", "area__code", "area__name", "area__level", "area__nation")
        .order_by("area__name")
    )


def edition_indicators(*, edition: EditionRef | None) -> QuerySet[Indicator]:
    """The indicators of ``edition`` (none without one) in display order, with domains."""
    return (
        Indicator.objects.filter(edition_id=edition.pk if edition else None)
        .select_related("domain")
        .order_by("order", "code")
    )
