"""The site works under its Content-Security-Policy: the main pages and the maps load with
no CSP error in the browser's console (issue 11, item 8)."""

import pytest

from ..events.factories import EventFactory
from ..spaces.factories import SpaceFactory

pytestmark = pytest.mark.browser


def test_main_pages_and_the_maps_load_with_no_csp_errors(page):
    # The machine may be busy: pages get a minute, not the default 15 seconds.
    page.set_default_timeout(60_000)
    space = SpaceFactory(name="Ancoats Hall", at="M4")
    event = EventFactory(title="Clothes swap")
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    for url in [
        "/",
        "/spaces/",
        f"/spaces/{space.slug}/",
        "/events/",
        f"/events/{event.slug}/",
        "/communities/",
        "/communities/new/",
        "/help/",
        "/wellbeing/",
        "/near/?postcode=M4",
        "/accounts/login/",
        "/accounts/signup/",
    ]:
        response = page.goto(url, wait_until="domcontentloaded")
        assert response.status in (200, 302), url
        assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
    page.goto(f"/spaces/{space.slug}/")
    # The map drew: Leaflet (a script from our own files) ran and styled its container.
    page.wait_for_selector(".leaflet-container .leaflet-marker-icon")
    page.goto("/spaces/")
    page.wait_for_selector(".leaflet-container")
    assert problems == []
