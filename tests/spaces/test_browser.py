"""A real Chromium: search by postcode, see the list and the map's markers, open a space, pledge."""

import pytest

from spaces.models import Pledge
from tests.factories import UserFactory

from .factories import SpaceFactory, ThreatenedSpaceFactory

pytestmark = pytest.mark.browser


def test_search_see_list_and_markers_open_a_space_and_pledge(page, login_page):
    from playwright.sync_api import expect

    member = UserFactory(email="pat@example.org", display_name="Pat Pledger")
    SpaceFactory(name="Ancoats Hall", at="M4")
    library = ThreatenedSpaceFactory(name="Rusholme Library", at="M14")
    SpaceFactory(name="Edinburgh Hall", at="EH1")
    login_page(member)

    page.goto("/spaces/")
    page.get_by_label("Your postcode").fill("m4 6de")
    page.get_by_label("Within").select_option("10")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/spaces/?postcode=*")

    expect(
        page.get_by_role("heading", level=2, name="2 spaces within 10 km of M4 6DE")
    ).to_be_visible()
    results = page.locator("ol.space-list > li h3")
    expect(results).to_have_text(["Ancoats Hall", "Rusholme Library"])
    # map.js sets data-markers once Leaflet has drawn them (tiles are blocked; markers are not).
    expect(page.locator("[data-map]")).to_have_attribute("data-markers", "2")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)

    page.get_by_role("link", name="Rusholme Library").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rusholme Library")
    expect(page.locator("[data-map]")).to_have_attribute("data-markers", "1")
    expect(page.locator("[data-pledge-total]")).to_have_text("0")

    page.get_by_label("Time", exact=False).first.check()
    page.get_by_label("A voice").check()
    page.get_by_role("button", name="Pledge to help").click()

    expect(page.locator("[data-pledge-total]")).to_have_text("1")
    expect(page.get_by_text("Thank you for pledging to help save Rusholme Library")).to_be_visible()
    pledge = Pledge.objects.get(space=library)
    assert (pledge.user, pledge.time, pledge.voice) == (member, True, True)


def test_the_search_and_space_pages_pass_axe(page):
    from axe_playwright_python.sync_playwright import Axe

    space = ThreatenedSpaceFactory(name="Rusholme Library", at="M14", tags=["reading"])
    page.goto("/spaces/?postcode=M14&km=5")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    page.goto(f"/spaces/{space.slug}/")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
