"""Panels the portal puts on capabilities' pages (see core/panels.py)."""

from django.template.loader import render_to_string

from .nearby import help_nearby


def wellbeing_nearby_panel(*, request, point, tags, location, figures, from_neighbourhood) -> str:
    """Slot "wellbeing-postcode": spaces, events and groups near ``point`` tagged for the
    area's weakest domains (``tags``), measured from the neighbourhood's centre when
    ``from_neighbourhood``."""
    context = {
        "nearby": help_nearby(point=point, tags=list(tags)),
        "figures": figures,
        "location": location,
        "nearby_from_neighbourhood": from_neighbourhood,
    }
    return render_to_string("portal/includes/wellbeing_nearby.html", context, request)
