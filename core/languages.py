"""The site's two languages in URLs: English at the URLs it always had, Welsh under /cy/.

Every page's path is the same in both languages apart from the prefix (no translated slugs),
so the other language's version of any page, even one that does not exist, is the same path
with the prefix added or taken away. See docs/i18n.md.
"""

from django.conf import settings

# The hreflang value for each language (BCP 47, as search engines read it).
HREFLANG = {"en-gb": "en-GB", "cy": "cy"}


def default_language() -> str:
    return settings.LANGUAGE_CODE


def strip_prefix(path: str) -> str:
    """``path`` without its language prefix: ``/cy/events/`` → ``/events/``."""
    for code, _name in settings.LANGUAGES:
        if code == default_language():
            continue
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
        if path == prefix[:-1]:
            return "/"
    return path


def path_in(path: str, language: str) -> str:
    """``path`` (with or without a prefix) as it reads in ``language``."""
    bare = strip_prefix(path)
    if language == default_language():
        return bare
    return f"/{language}{bare}"


def alternates(request) -> list[dict]:
    """The page ``request`` asked for in each language: code, hreflang, name (in its own
    language), href (site-relative, query string kept) and absolute url."""
    query = request.META.get("QUERY_STRING", "")
    result = []
    for code, name in settings.LANGUAGES:
        href = path_in(request.path, code) + (f"?{query}" if query else "")
        result.append(
            {
                "code": code,
                "hreflang": HREFLANG.get(code, code),
                "name": name,
                "href": href,
                "url": request.build_absolute_uri(href),
            }
        )
    return result


def drop_empty_fallbacks() -> None:
    """Take the catalogues that hold no message out of each language's fallback chain.

    A message with no translation (every English one: the English is the message) is
    looked up in the language's catalogue and then in each of its fallbacks in turn.
    Several installed apps ship both ``en_GB`` and ``en`` catalogues, and gettext chains
    every ``en`` one behind the language as a fallback: seven catalogues holding nothing
    but their header, walked for every ``{% translate %}`` on an English page (about half
    the cost of each lookup). Dropping them changes no translation. Called once at start-up
    (``CoreConfig.ready``); a language built later (a test changing the settings) keeps
    its whole chain and is only slower.
    """
    from gettext import GNUTranslations

    from django.utils.translation import trans_real

    for code, _name in settings.LANGUAGES:
        link = trans_real.translation(code)
        while link._fallback is not None:
            fallback = link._fallback
            empty = type(fallback) is GNUTranslations and set(fallback._catalog) <= {""}
            if empty:
                link._fallback = fallback._fallback
            else:
                link = fallback
