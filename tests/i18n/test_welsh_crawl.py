"""The site crawl in Welsh: every page under /cy/ works, says it is Welsh, points at its
English twin (and back), keeps its links in Welsh, and shows no English that the catalogue
has a translation for (a string someone forgot to mark, or marked but left untranslated)."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import polib
import pytest
from django.test import Client

from core.management.commands.compile_translations import catalogues

from ..test_site_crawl import MAX_VARIANTS_PER_PATH, demo, page_problems  # noqa: F401

# One test process runs every module that needs the demo (tests/demo_db.py loads it once).
pytestmark = pytest.mark.xdist_group("demo")

START_PAGES = [
    "/cy/",
    "/cy/events/",
    "/cy/spaces/",
    "/cy/help/",
    "/cy/communities/",
    "/cy/wellbeing/",
    "/cy/near/?postcode=M1+1AE",
    "/cy/about/data/",
    "/cy/accounts/login/",
    "/cy/accounts/signup/",
    "/cy/accounts/profile/",
]
SKIP_PREFIXES = ("/cy/admin/", "/cy/accounts/logout/", "/cy/api/", "/media/", "/static/")
MAX_PAGES = 250
TWINS_CHECKED = 40
# A catalogue entry this many words long or more is specific enough that its English on a
# Welsh page means it was not translated there (shorter ones, "Events", are names too).
MIN_WORDS = 4
# Names shown as published in the data (a source's licence; who runs the demo process),
# which the catalogue also translates where the site uses them in words of its own.
DATA_NAMES = {
    "Open Government Licence v3.0",
    "Open Parliament Licence v3.0",
    "House of Commons Library, General election 2024 results",
    "The strategic reference panel",
    # A field's label (Commitment.what) that the demo's staff-written guide also uses as
    # plain words ("Say what you will do about each"): the guide is shown as written.
    "what you will do",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}|<[^>]+>")


def english_phrases() -> list[str]:
    """Literal runs of words (placeholders and tags cut out) from every translated entry."""
    phrases = set()
    for path in catalogues():
        for entry in polib.pofile(str(path)):
            if not entry.translated() or entry.msgstr == entry.msgid:
                continue
            for chunk in PLACEHOLDER.split(" ".join(entry.msgid.split())):
                chunk = chunk.strip(" .,:;!?“”\"'()")
                if len(chunk.split()) >= MIN_WORDS and chunk not in DATA_NAMES:
                    phrases.add(chunk)
    return sorted(phrases)


class WelshPage(HTMLParser):
    """Links (with their hreflang), hreflang alternates, <html lang> and visible text."""

    HIDDEN = {"script", "style", "head", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.alternates: dict[str, str] = {}
        self.lang = ""
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        elif tag == "a" and a.get("href"):
            self.links.append((a["href"], a.get("hreflang") or ""))
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a.get("href") or ""
        if tag in self.HIDDEN:
            self._hidden += 1
        # What a screen reader says counts as visible text too (not the <head>'s).
        for name in ("aria-label", "placeholder", "title", "alt"):
            if a.get(name) and not self._hidden:
                self.text.append(a[name])
        if tag == "input" and a.get("type") in ("submit", "button"):
            self.text.append(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)

    def visible_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(html: str) -> WelshPage:
    page = WelshPage()
    page.feed(html)
    page.close()
    return page


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def welsh_problems(client: Client, url: str, page: WelshPage, phrases, check_twin) -> list[str]:
    problems = []
    if page.lang != "cy":
        problems.append(f'<html lang="{page.lang}"> (want "cy")')
    english = page.alternates.get("en-GB", "")
    if page.alternates.get("cy") is None or local(page.alternates["cy"]) != url:
        problems.append(f"hreflang cy is {page.alternates.get('cy')!r}, not this page")
    if page.alternates.get("x-default") != english or not english:
        problems.append("no English or x-default alternate")
    elif check_twin:
        twin = parse(client.get(local(english)).content.decode())
        if local(twin.alternates.get("cy", "")) != url or twin.lang != "en-GB":
            problems.append(f"the English page {local(english)} does not point back here")
    for href, hreflang in page.links:
        path = urlsplit(urljoin(url, href)).path
        netloc = urlsplit(urljoin("http://testserver" + url, href)).netloc
        welsh_or_static = path.startswith(("/cy/", "/static/", "/media/"))
        # Guides are staff-written Markdown: their links are content, as written.
        welsh_or_static = welsh_or_static or url.startswith("/cy/communities/guides/")
        if netloc == "testserver" and not hreflang and not welsh_or_static:
            problems.append(f"links to the English page {path}")
    text = page.visible_text()
    problems += [f"English left: {phrase!r}" for phrase in phrases if phrase in text]
    return problems


def crawl_in_welsh(client: Client, *, check_twins: bool) -> tuple[dict[str, list[str]], int]:
    phrases = english_phrases()
    queue, seen = list(START_PAGES), set(START_PAGES)
    variants: dict[str, int] = {}
    failures: dict[str, list[str]] = {}
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.pop(0)
        response = client.get(url)
        visited += 1
        if response.status_code == 404 or response.status_code >= 500:
            failures[url] = [f"HTTP {response.status_code}"]
            continue
        if response.status_code != 200:
            continue  # a page for members only, or a redirect
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        page = parse(html)
        # Fetching each page's English twin doubles the crawl: the first pages (one of each
        # kind) are enough, since every page gets its alternates the same way.
        twin = check_twins and visited <= TWINS_CHECKED
        problems = page_problems(html) + welsh_problems(client, url, page, phrases, twin)
        if problems:
            failures[url] = problems
        for href, hreflang in page.links:
            target = urlsplit(urljoin(url, href))
            if hreflang or target.netloc not in ("", "testserver"):
                continue
            if not target.path.startswith("/cy/") or target.path.startswith(SKIP_PREFIXES):
                continue
            full = target.path + (f"?{target.query}" if target.query else "")
            if full in seen:
                continue
            if target.query and variants.get(target.path, 0) >= MAX_VARIANTS_PER_PATH:
                continue
            variants[target.path] = variants.get(target.path, 0) + 1
            seen.add(full)
            queue.append(full)
    return failures, visited


def test_the_check_finds_english_left_on_a_welsh_page():
    phrases = english_phrases()
    assert "The one place to go to make things happen in local communities" in phrases
    page = parse(
        '<html lang="en-GB"><body><p>Cael neu roi help</p>'
        "<p>The one place to go to make things happen in local communities.</p>"
        '<a href="/events/">x</a><a href="/events/" hreflang="en-GB">English</a></body></html>'
    )
    problems = welsh_problems(Client(), "/cy/", page, phrases, check_twin=False)
    assert '<html lang="en-GB"> (want "cy")' in problems
    assert "links to the English page /events/" in problems
    assert (
        "English left: 'The one place to go to make things happen in local communities'" in problems
    )


@pytest.mark.parametrize("persona", ["anonymous", "member"])
def test_every_welsh_page_is_welsh_and_points_at_its_english_twin(demo, db, persona):  # noqa: F811
    client = Client(raise_request_exception=False)
    if persona == "member":
        client.force_login(demo["demo"])
    failures, visited = crawl_in_welsh(client, check_twins=persona == "anonymous")
    assert visited > 40, "the crawl should reach most of the site"
    assert not failures, "\n".join(f"{url}: {why}" for url, why in sorted(failures.items()))
