from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .languages import HREFLANG, alternates, strip_prefix

# (label, URL name): the main menu, in this order.
NAVIGATION = [
    (_("Events"), "events:event-list"),
    (_("Spaces"), "spaces:space-list"),
    (_("Get or give help"), "matching:index"),
    (_("Wellbeing"), "wellbeing_index:index"),
    (_("Communities"), "communities:group-list"),
    (_("Have your say"), "participation:process-list"),
]


def _navigation() -> list[tuple[str, str, str]]:
    """(label, href, section) in the active language; section is the language-free path's
    first four characters, which is how a page knows which item it is under."""
    items = []
    for label, name in NAVIGATION:
        href = reverse(name)
        items.append((label, href, strip_prefix(href)[:4]))
    return items


def site(request):
    return {
        "SITE_NAME": "coopcentre",
        "SITE_URL": settings.SITE_URL,
        "NAVIGATION": _navigation(),
        # The page's section (language-free) and the same page in each language.
        "NAV_SECTION": strip_prefix(request.path)[:4],
        "LANGUAGE_ALTERNATES": alternates(request),
        "HTML_LANG": HREFLANG.get(get_language(), get_language()),
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
