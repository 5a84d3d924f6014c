from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
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
# What every page's header and footer link to, by name in SITE_LINKS (URL name).
SITE_LINKS = {
    "home": "home",
    "about_data": "about-data",
    "profile": "accounts:profile",
    "staff": "admin:index",
    "log_in": "account_login",
    "log_out": "account_logout",
    "join": "account_signup",
}


@lru_cache(maxsize=64)
def _links(language: str, urlconf: str, script_prefix: str) -> tuple[tuple, dict]:
    """The menu's (label, href, section) and the header's and footer's paths, in
    ``language``: the same on every page, so reversed once per process and language (the
    URLconf and script prefix are in the key, so a test that swaps either gets its own).
    A menu item's section is the language-free path's first four characters, which is how
    a page knows which item it is under."""
    navigation = []
    for label, name in NAVIGATION:
        href = reverse(name)
        navigation.append((label, href, strip_prefix(href)[:4]))
    return tuple(navigation), {key: reverse(name) for key, name in SITE_LINKS.items()}


def site(request):
    navigation, links = _links(
        get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    )
    return {
        "SITE_NAME": "coopcentre",
        "SITE_URL": settings.SITE_URL,
        "NAVIGATION": navigation,
        "SITE_LINKS": links,
        # The page's section (language-free) and the same page in each language.
        "NAV_SECTION": strip_prefix(request.path)[:4],
        "LANGUAGE_ALTERNATES": alternates(request),
        "HTML_LANG": HREFLANG.get(get_language(), get_language()),
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
