"""Panels the portal puts on capabilities' pages (see core/panels.py)."""

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template.loader import render_to_string
from django.utils.translation import get_language

from communities.selectors import commitments_tagged, guides_tagged

from .nearby import SNAPSHOT_SECONDS, help_nearby, snapshot_generation

# The panel is kept a little longer than a snapshot lives; a new snapshot names new keys.
NEARBY_FRAGMENT_SECONDS = 2 * SNAPSHOT_SECONDS


def wellbeing_nearby_panel(*, request, point, tags, location, figures, from_neighbourhood) -> str:
    """Slot "wellbeing-postcode": spaces, events and groups near ``point`` tagged for the
    area's weakest domains (``tags``), measured from the neighbourhood's centre when
    ``from_neighbourhood``.

    What is near is picked from the snapshot (cheap); the panel is then rendered once per
    version of what it shows and kept in the ``fragments`` cache: the language, the
    snapshot's generation, the weakest domains and the places found (a place is the same
    within a snapshot), the "left behind" notice and, measured from a postcode, that
    postcode. Every postcode of a neighbourhood shares it, and so does every area with the
    same weakest domains and the same places near it (often none)."""
    context = _context(point, tags, location, figures, from_neighbourhood)
    key = make_template_fragment_key("portal.wellbeing-nearby", _version(context))
    fragments = caches["fragments"]
    html = fragments.get(key)
    if html is None:
        html = _render(request, context)
        fragments.set(key, html, NEARBY_FRAGMENT_SECONDS)
    return html


def _version(context: dict) -> tuple:
    """Names everything the panel shows (see ``wellbeing_nearby_panel``)."""

    def places(found) -> tuple:
        return tuple(
            (p.kind, p.url, p.distance_km) for p in (*found.spaces, *found.events, *found.groups)
        )

    return (
        get_language(),
        snapshot_generation(),
        context["left_behind"],
        context["nearby_from_neighbourhood"],
        "" if context["nearby_from_neighbourhood"] else context["location"].postcode,
        places(context["nearby"]),
        tuple(
            (
                a["slug"],
                a["name"],
                a["tags"],
                places(a["help"]),
                tuple(g.pk for g in a["guides"]),
                tuple(c.pk for c in a["commitments"]),
            )
            for a in context["actions"]
        ),
    )


def _guides_and_commitments(tags: tuple[str, ...]) -> tuple[list, list]:
    """Guides and other communities' commitments tagged with any of ``tags`` (one domain's
    help tags). They depend on the domain, not on where the area is, so each process keeps
    them per domain's tags for as long as a snapshot of what is nearby is read (the same
    freshness as the rest of the panel): nine domains, so at most nine reads a snapshot, and
    a first visit to any area asks the database nothing for them."""
    fragments = caches["fragments"]
    key = make_template_fragment_key("portal.wellbeing-guides", [tags, snapshot_generation()])
    found = fragments.get(key)
    if found is None:
        found = (guides_tagged(tags=list(tags)), commitments_tagged(tags=list(tags)))
        fragments.set(key, found, NEARBY_FRAGMENT_SECONDS)
    return found


def _context(point, tags, location, figures, from_neighbourhood) -> dict:
    weakest = getattr(figures, "weakest_domains", ())
    actions = []
    for slug, name, domain_tags in weakest:
        # Kept per domain (not per set of weakest domains, which differs from area to
        # area): each domain's own best three, not crowded out by another domain's.
        guides, commitments = _guides_and_commitments(tuple(domain_tags))
        actions.append(
            {
                "slug": slug,
                "name": name,
                "tags": tuple(domain_tags),
                "help": help_nearby(point=point, tags=list(domain_tags)),
                "guides": [g for g, _tags in guides[:3]],
                "commitments": [c for c, _tags in commitments[:3]],
            }
        )
    area = getattr(figures, "area", None)
    return {
        # A "left behind" neighbourhood is pointed at starting a space or a group, after
        # what is already near it.
        "left_behind": bool(getattr(area, "left_behind", False)),
        "nearby": help_nearby(point=point, tags=list(tags)),
        "actions": actions,
        "location": location,
        "nearby_from_neighbourhood": from_neighbourhood,
    }


def _render(request, context: dict) -> str:
    return render_to_string("portal/includes/wellbeing_nearby.html", context, request)
