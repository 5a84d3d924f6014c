"""Hostile query strings on every listing and feed: never a 500.

With the demo community loaded, every query parameter each listing's search form names
(and the kit's own: ``page``, ``postcode``, ``km``, dates) is sent, one at a time, with what
an attacker or a fuzzer sends: numbers too big for any integer, negative and non-finite
numbers, the last and first representable dates, NUL bytes, bytes that are not UTF-8 and
very long text. Each answer must be a 200 (the value clamped or ignored), a redirect to the
canonical search, or a 400 that shows the problem; never a 500.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.test_site_crawl import demo  # noqa: F401 (the demo community, loaded once)

# One test process runs every module that needs the demo (tests/demo_db.py loads it once).
pytestmark = pytest.mark.xdist_group("demo")

# Each listing page, with the feeds that take the same search.
LISTINGS = {
    "/events/": ["/events/calendar.ics"],
    "/events/online/": ["/events/online/calendar.ics"],
    "/spaces/": ["/spaces/map.geojson"],
    "/spaces/endangered/": [],
    "/help/": [],
    "/help/schemes/": [],
    "/help/mine/": [],
    "/communities/": [],
    "/communities/interest/": [],
    "/communities/worked/": [],
    "/communities/deserts/": [],
    "/communities/audit/": [],
    "/communities/guides/": [],
    "/wellbeing/": [],
    "/wellbeing/councils/": [],
    "/wellbeing/compare/": [],
    "/near/": [],
    "/have-your-say/": [],
    "/have-your-say/co-operative-sector-strategy/blog/": [
        "/have-your-say/co-operative-sector-strategy/feed/"
    ],
    "/have-your-say/co-operative-sector-strategy/proposals/": [],
    "/have-your-say/surveys/co-op-census-2026/results/": [],
}
# The listing kit's parameters, asked for on every listing whether its form shows them or not.
KIT_PARAMS = {"page", "postcode", "km", "radius", "date_from", "date_to", "when", "year"}
HOSTILE_VALUES = [
    "99999999999999999999999",
    "-99999999999999999999999",
    "NaN",
    "9999-12-31",
    "0001-01-01",
    "a%00b",
    "%FF%FE%C3%28",
    "9" * 5_000,
]
# ``?year=`` names an edition of the wellbeing index: one there is not is a 404, as a
# wrong address is.
NOT_FOUND_PARAMS = {"year"}
ERROR_MARKERS = ('aria-invalid="true"', 'class="errorlist', 'role="alert"')


class GetFormFields(HTMLParser):
    """The names of the controls of a page's GET forms (its search forms)."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_get_form = (a.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self._in_get_form and a.get("name"):
            self.names.add(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def search_params(client: Client, path: str) -> set[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    parser = GetFormFields()
    parser.feed(response.content.decode())
    return parser.names | KIT_PARAMS


def problem(response, name: str) -> str | None:
    status = response.status_code
    if status in (200, 301, 302) or (status == 404 and name in NOT_FOUND_PARAMS):
        return None
    if status != 400:
        return f"HTTP {status}"
    if response["Content-Type"].startswith("text/html"):
        body = response.content.decode()
        if not any(marker in body for marker in ERROR_MARKERS):
            return "400 without a visible error"
    return None


@pytest.mark.parametrize("listing", list(LISTINGS))
def test_hostile_values_in_every_query_parameter_never_give_a_500(demo, db, listing):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(demo["staff"])
    params = sorted(search_params(client, listing))
    failures = {}
    for path in [listing, *LISTINGS[listing]]:
        for name in params:
            for value in HOSTILE_VALUES:
                # Sent as typed: the percent-escapes reach the server undecoded.
                url = f"{path}?postcode=M1+1AE&{name}={value}"
                shown = url if len(url) < 100 else url[:97] + "..."
                if why := problem(client.get(url), name):
                    failures[shown] = why
    assert not failures, "\n".join(f"{url}: {why}" for url, why in sorted(failures.items()))
