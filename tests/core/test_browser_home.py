import pytest

pytestmark = pytest.mark.browser


def test_home_page_passes_axe_with_no_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Make things happen where you live"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_postcode_search_from_the_home_page_by_keyboard(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.get_by_label("Enter your postcode to see what's near you").fill("eh1 1yz")
    page.keyboard.press("Enter")
    page.wait_for_url("**/near/?postcode=*")
    assert page.get_by_role("heading", level=1).inner_text() == "Near EH1 1YZ"
