"""A site-wide sweep: crawl every page a visitor can reach and check each one.

With the demo community loaded, follow every internal ``<a href>`` from the home page and
each app's index, as an anonymous visitor, a signed-in member and staff. No page may fail
(5xx), and every HTML page must have one ``<h1>``, a ``<main>``, a ``<title>``, alt text on
every image and a label on every form control. Then throw bad input at every listing page:
it must answer 200 or 400 with the problem shown, never 500.
"""

from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from coopcentre.celery import app as celery_app
from postcodes import services as postcodes_services
from tests.demo_db import load_demo_community

from . import html_validator
from .conftest import skip_or_fail

# One test process runs every module that needs the demo (tests/demo_db.py loads it once).
pytestmark = pytest.mark.xdist_group("demo")

START_PAGES = [
    "/",
    "/events/",
    "/spaces/",
    "/help/",
    "/communities/",
    "/wellbeing/",
    "/wellbeing/M1%201AD/",
    "/near/?postcode=M1+1AE",
    "/about/data/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/profile/",
]
SKIP_PREFIXES = (
    "/admin/",
    "/accounts/logout/",
    "/api/wellbeing/",
    "/media/",
    "/static/",
)
MAX_PAGES = 400
PERSONAS = ["anonymous", "member", "staff"]
# Filter and page links multiply: follow a few query-string variants of each path, so
# the cap is spent on distinct pages.
MAX_VARIANTS_PER_PATH = 6

LISTING_PAGES = [
    "/events/",
    "/events/online/",
    "/events/calendar.ics",
    "/spaces/",
    "/spaces/endangered/",
    "/spaces/map.geojson",
    "/help/",
    "/help/schemes/",
    "/communities/",
    "/communities/interest/",
    "/communities/worked/",
    "/communities/deserts/",
    "/communities/audit/",
    "/communities/guides/",
    "/near/",
    "/have-your-say/",
    "/have-your-say/co-operative-sector-strategy/blog/",
    "/have-your-say/co-operative-sector-strategy/proposals/",
]
BAD_POSTCODES = ["ZZ", "BFPO 1", "GY1 1AA", "M" * 50_000, "<script>", "   "]
BAD_QUERIES = [
    *({"postcode": value} for value in BAD_POSTCODES),
    *({"postcode": "M1 1AE", "radius": value} for value in ["0", "10000", "-5", "abc", "nan"]),
    *({"postcode": "M1 1AE", "km": value} for value in ["0", "10000", "-5", "abc"]),
    {"page": "999"},
    {"page": "abc"},
    {"page": "-1"},
    {"page": "0"},
    {"when": "someday"},
    {"when": "custom", "date_from": "2026-12-31", "date_to": "2026-01-01"},
    {"date_from": "2026-12-31", "date_to": "2026-01-01"},
    {"date_from": "yesterday", "date_to": "31/02/2026"},
    {"date_from": "9999-99-99"},
    {"tag": "no-such-interest"},
    {"tags": "no-such-interest"},
    {"kind": "castle"},
    {"kind": "99999"},
    {"topic": "abc"},
    {"status": "imaginary"},
    {"facility": "helipad"},
    {"capacity": "lots"},
    {"capacity": "-3"},
    {"free": "maybe"},
    {"format": "hologram"},
    {"communities": "perhaps"},
    {"area": "everything"},
    {"show": "all-of-it"},
    {"q": "x" * 5_000},
    {"q": "%' OR 1=1 --"},
]
ERROR_MARKERS = ('aria-invalid="true"', 'class="errorlist', 'role="alert"')


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo community, loaded once for this module (it takes seconds) and committed;
    the database is flushed back to its freshly-migrated state afterwards.

    Postcode-precise (the four-city sample is loaded), so /near/ and radius searches find
    things. Each test still runs in its own transaction (``db``), so nothing it does leaks.
    """
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with django_db_blocker.unblock():
            load_demo_community()
            users = {u.email.split("@")[0]: u for u in get_user_model().objects.all()}
    finally:
        celery_app.conf.task_always_eager = previous
    yield users
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
    postcodes_services.clear_cache()


class PageAudit(HTMLParser):
    """What a crawl needs from one HTML page: its links and its accessibility basics."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.h1 = 0
        self.main = 0
        self.title = ""
        self._in_title = False
        self.images_without_alt: list[str] = []
        self.controls: list[dict] = []
        self.label_for: set[str] = set()
        self._label_depth = 0
        self.ids: Counter[str] = Counter()
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids[a["id"]] += 1
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "h1":
            self.h1 += 1
        elif tag == "main":
            self.main += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "img" and "alt" not in a:
            self.images_without_alt.append(a.get("src", "?"))
        elif tag == "label":
            self._label_depth += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag in ("input", "select", "textarea"):
            kind = (a.get("type") or "text").lower() if tag == "input" else tag
            if kind not in ("hidden", "submit", "button", "reset", "image"):
                self.controls.append({**a, "_tag": tag, "_in_label": self._label_depth > 0})

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "label" and self._label_depth:
            self._label_depth -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def unlabelled_controls(self) -> list[str]:
        return [
            f"<{c['_tag']} name={c.get('name')!r} id={c.get('id')!r}>"
            for c in self.controls
            if not (
                c["_in_label"]
                or c.get("aria-label")
                or c.get("aria-labelledby")
                or (c.get("id") and c["id"] in self.label_for)
            )
        ]


def audit(html: str) -> PageAudit:
    parser = PageAudit()
    parser.feed(html)
    parser.close()
    return parser


def page_problems(html: str) -> list[str]:
    """The accessibility basics every HTML page must meet, as a list of what's wrong."""
    page = audit(html)
    problems = []
    if page.h1 != 1:
        problems.append(f"{page.h1} <h1> elements (want exactly 1)")
    if page.main != 1:
        problems.append(f"{page.main} <main> elements (want exactly 1)")
    if not page.title.strip():
        problems.append("no <title>")
    if not page.lang:
        problems.append("no <html lang>")
    problems += [f"id={i!r} used {n} times" for i, n in page.ids.items() if n > 1]
    problems += [
        f"<label for={i!r}> labels nothing" for i in sorted(page.label_for - set(page.ids))
    ]
    problems += [f"<img src={src!r}> has no alt" for src in page.images_without_alt]
    problems += [f"{control} has no label" for control in page.unlabelled_controls()]
    return problems


def internal(base: str, href: str) -> str | None:
    """The site-relative URL an ``<a href>`` points to, or None if it leaves the crawl."""
    if href.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
        return None
    url = urlsplit(urljoin(base, href))
    if url.netloc not in ("", "testserver") or url.scheme not in ("", "http", "https"):
        return None
    if url.path.startswith(SKIP_PREFIXES):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def crawl(client: Client, pages: dict[str, str] | None = None) -> tuple[dict[str, list[str]], int]:
    """Visit every page reachable from START_PAGES; return {url: problems} and pages seen.

    Each HTML page that answered 200 is also put in ``pages`` ({url: html}) when given.
    """
    queue = list(START_PAGES)
    seen = set(queue)
    linked_from: dict[str, str] = {}
    variants: Counter[str] = Counter()
    failures: dict[str, list[str]] = {}
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.pop(0)
        response = client.get(url)
        visited += 1
        if response.status_code >= 500:
            failures[url] = [f"HTTP {response.status_code}"]
            continue
        if response.status_code == 404 and url in linked_from:
            failures[url] = [f"broken link: 404, linked from {linked_from[url]}"]
            continue
        if not response["Content-Type"].startswith("text/html") or response.status_code != 200:
            continue
        html = response.content.decode()
        if pages is not None:
            pages[url] = html
        if problems := page_problems(html):
            failures[url] = problems
        for href in audit(html).links:
            target = internal(url, href)
            if not target or target in seen:
                continue
            path = target.partition("?")[0]
            if "?" in target and variants[path] >= MAX_VARIANTS_PER_PATH:
                continue
            variants[path] += 1
            linked_from[target] = url
            seen.add(target)
            queue.append(target)
    return failures, visited


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def test_the_page_audit_catches_what_it_should():
    """The checker itself: a page that breaks every rule is caught on each count."""
    bad = (
        "<html><head></head><body><h1>A</h1><h1 id='b'>B</h1><p id='b'></p>"
        "<img src='x.png'><form><input name='q'><select name='s'></select>"
        "<label for='ok'>OK</label><input id='ok'><label>Wrapped <input name='w'></label>"
        "<label for='gone'>Gone</label>"
        "<input type='hidden' name='h'><input aria-label='Find' name='f'></form></body></html>"
    )
    problems = page_problems(bad)
    assert problems == [
        "2 <h1> elements (want exactly 1)",
        "0 <main> elements (want exactly 1)",
        "no <title>",
        "no <html lang>",
        "id='b' used 2 times",
        "<label for='gone'> labels nothing",
        "<img src='x.png'> has no alt",
        "<input name='q' id=None> has no label",
        "<select name='s' id=None> has no label",
    ]


@dataclass
class Crawl:
    failures: dict[str, list[str]]
    visited: int
    pages: dict[str, str]


@pytest.fixture(scope="module")
def crawls(demo):
    """``crawls(persona)``: that persona's crawl, done once in this module and kept, so the
    accessibility test and the HTML validation read the same pages without fetching them
    twice. (A test that finds no crawl here, on another xdist worker, crawls for itself.)"""
    done: dict[str, Crawl] = {}

    def of(persona: str) -> Crawl:
        if persona not in done:
            user = {"anonymous": None, "member": demo["demo"], "staff": demo["staff"]}[persona]
            pages: dict[str, str] = {}
            failures, visited = crawl(_client(user), pages)
            done[persona] = Crawl(failures, visited, pages)
        return done[persona]

    return of


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_reachable_page_works_and_meets_the_accessibility_basics(crawls, db, persona):
    failures, visited = crawls(persona).failures, crawls(persona).visited
    assert visited > 40, "the crawl should reach most of the site"
    assert not failures, "\n".join(f"{url}: {why}" for url, why in sorted(failures.items()))


# A page that breaks the two rules this check was written for, validated in the same run as
# the crawl (Java starts once): if the checker stops reporting these, the test fails.
INVALID_PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><title>Bad</title></head><body>'
    "<p>Your password:<ul><li>is long</li></ul></p>"
    '<time datetime="2026-12-09T10:00:00.123456+00:00">9 Dec</time></body></html>'
)
INVALID_PAGE_NAME = "(the checker's own invalid page)"


# Pages a crawl cannot reach, since it only follows links: forms sent back with their
# errors (the error summary and each field's errors), as (persona, URL, what was sent).
SENT_BACK = [
    ("anonymous", "/accounts/signup/", {"email": "ana@", "password1": "1", "password2": "2"}),
    ("anonymous", "/accounts/login/", {"login": "ana@example.org", "password": "x"}),
    ("anonymous", "/accounts/password/reset/", {"email": "ana@"}),
    ("member", "/accounts/password/change/", {"oldpassword": "x", "password1": "1"}),
    ("member", "/accounts/email/", {"action_add": "", "email": "ana@"}),
    ("member", "/events/new/", {"title": "", "postcode": "ZZ"}),
    ("member", "/help/need/", {"postcode": "ZZ"}),
]


def _sent_back(demo) -> dict[str, str]:
    pages = {}
    for persona, url, data in SENT_BACK:
        user = {"anonymous": None, "member": demo["demo"]}[persona]
        response = _client(user).post(url, data)
        assert response.status_code == 400, f"{url}: {response.status_code}"
        pages[f"{url} sent back with errors ({persona})"] = response.content.decode()
    return pages


def test_every_crawled_page_is_valid_html_by_the_w3c_nu_checker(demo, crawls, db, tmp_path):
    if why := html_validator.missing():
        skip_or_fail(why)
    pages = {INVALID_PAGE_NAME: INVALID_PAGE, **_sent_back(demo)}
    for persona in PERSONAS:
        pages |= {f"{url} ({persona})": html for url, html in crawls(persona).pages.items()}
    errors = html_validator.validate(pages, tmp_path)
    own = [e for e in errors if e.startswith(INVALID_PAGE_NAME)]
    # A list closes the paragraph it was put in, so the paragraph's own end tag is stray.
    assert any("No “p” element in scope but a “p” end tag seen." in e for e in own), own
    assert any("“datetime” on element “time”" in e for e in own), own
    errors = [e for e in errors if not e.startswith(INVALID_PAGE_NAME)]
    assert not errors, f"{len(errors)} errors in {len(pages) - 1} pages:\n" + "\n".join(errors)


def test_bad_input_on_every_listing_page_is_answered_not_crashed(demo, db):
    client = _client(demo["staff"])  # staff see every listing, including the staff-only ones
    failures = {}
    for path in LISTING_PAGES:
        for params in BAD_QUERIES:
            url = f"{path}?{urlencode(params)}"
            # An old distance (``radius=``) is redirected to the page's ``km`` first.
            response = client.get(url, follow=True)
            shown = url if len(url) < 120 else url[:117] + "..."
            if response.status_code not in (200, 400):
                failures[shown] = f"HTTP {response.status_code}"
            elif response.status_code == 400 and response["Content-Type"].startswith("text/html"):
                body = response.content.decode()
                if not any(marker in body for marker in ERROR_MARKERS):
                    failures[shown] = "400 without a visible error"
    assert not failures, "\n".join(f"{url}: {why}" for url, why in sorted(failures.items()))


@pytest.mark.parametrize("postcode", BAD_POSTCODES[:4])
@pytest.mark.parametrize(
    "path",
    [
        "/events/",
        "/spaces/",
        "/spaces/endangered/",
        "/help/schemes/",
        "/communities/",
        "/near/",
    ],
)
def test_a_bad_postcode_is_explained_and_kept_on_the_page(demo, db, client, path, postcode):
    response = client.get(path, {"postcode": postcode})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'aria-invalid="true"' in body
    assert 'class="errorlist' in body or 'class="error-summary' in body
    if len(postcode) < 100:
        assert f'value="{postcode}"' in body  # what they typed is kept
