"""Panels the portal puts on capabilities' pages (see core/panels.py)."""

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template.loader import render_to_string

from communities.selectors import commitments_tagged, guides_tagged

from .nearby import SNAPSHOT_SECONDS, help_nearby, snapshot_generation

# The panel is kept a little longer than a snapshot lives; a new snapshot names new keys.
NEARBY_FRAGMENT_SECONDS = 2 * SNAPSHOT_SECONDS


def wellbeing_nearby_panel(*, request, point, tags, location, figures, from_neighbourhood) -> str:
    """Slot "wellbeing-postcode": spaces, events and groups near ``point`` tagged for the
    area's weakest domains (``tags``), measured from the neighbourhood's centre when
    ``from_neighbourhood``.

    Measured from the centre, the panel is the same for every postcode of the area, so it is
    rendered once per (areas, snapshot) and kept in the ``fragments`` cache under
    ``figures.key`` (which names the language, the edition's computation and the areas)
    and the snapshot's generation; measured from a postcode, it is rendered for that
    postcode."""
    if not from_neighbourhood:
        return _render(request, point, tags, location, figures, from_neighbourhood)
    fragments = caches["fragments"]
    key = make_template_fragment_key(
        "portal.wellbeing-nearby", [figures.key, snapshot_generation()]
    )
    html = fragments.get(key)
    if html is None:
        html = _render(request, point, tags, location, figures, from_neighbourhood)
        fragments.set(key, html, NEARBY_FRAGMENT_SECONDS)
    return html


def _guides_and_commitments(tags: tuple[str, ...]) -> tuple[list, list]:
    """Guides and other communities' commitments tagged with any of ``tags``. They depend
    on the tags of an area's weakest domains, not on where the area is, so each process
    keeps them per set of tags for as long as a snapshot of what is nearby is read (the
    same freshness as the rest of the panel): a first visit to an area whose weakest
    domains were seen before asks the database nothing for them."""
    fragments = caches["fragments"]
    key = make_template_fragment_key("portal.wellbeing-guides", [tags, snapshot_generation()])
    found = fragments.get(key)
    if found is None:
        found = (guides_tagged(tags=list(tags)), commitments_tagged(tags=list(tags)))
        fragments.set(key, found, NEARBY_FRAGMENT_SECONDS)
    return found


def _render(request, point, tags, location, figures, from_neighbourhood) -> str:
    weakest = getattr(figures, "weakest_domains", ())
    every_tag = tuple(t for _, _, domain_tags in weakest for t in domain_tags)
    guides, commitments = _guides_and_commitments(every_tag)
    actions = []
    for slug, name, domain_tags in weakest:
        wanted = {t.lower() for t in domain_tags}
        actions.append(
            {
                "slug": slug,
                "name": name,
                "help": help_nearby(point=point, tags=list(domain_tags)),
                "guides": [g for g, tags_of in guides if tags_of & wanted][:3],
                "commitments": [c for c, tags_of in commitments if tags_of & wanted][:3],
            }
        )
    area = getattr(figures, "area", None)
    context = {
        # A "left behind" neighbourhood is pointed at starting a space or a group, after
        # what is already near it.
        "left_behind": bool(getattr(area, "left_behind", False)),
        "nearby": help_nearby(point=point, tags=list(tags)),
        "actions": actions,
        "figures": figures,
        "location": location,
        "nearby_from_neighbourhood": from_neighbourhood,
    }
    return render_to_string("portal/includes/wellbeing_nearby.html", context, request)
