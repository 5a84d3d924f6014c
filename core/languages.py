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
