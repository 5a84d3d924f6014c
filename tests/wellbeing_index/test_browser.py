"""In a real browser: from the home page to a postcode's index and into a domain."""

import pytest

pytestmark = pytest.mark.browser


def test_enter_a_postcode_on_the_home_page_and_open_a_domain(page, city_postcodes, default_index):
    page.goto("/")
    page.get_by_label("Your postcode for the wellbeing index").fill("cf10 1ep")
    page.get_by_role("button", name="See the index").click()
    page.wait_for_url("**/wellbeing/CF101EP/")
    assert page.get_by_role("heading", level=1).inner_text() == "Wellbeing index for CF10 1EP"
    drill = page.locator("#domain-health")
    table = drill.get_by_role("table")
    assert not table.is_visible()
    drill.locator("summary").click()
    assert table.is_visible()
    assert "Health (WIMD 2019)" in table.inner_text()
    assert "Welsh Index of Multiple Deprivation 2019" in table.inner_text()


def test_the_wellbeing_pages_pass_axe(page, city_postcodes, default_index):
    from axe_playwright_python.sync_playwright import Axe

    for path in [
        "/wellbeing/",
        "/wellbeing/EH11YZ/",
        "/wellbeing/compare/?a=M1+1AD&b=BT1+5GS",
        "/wellbeing/councils/?nation=Wales",
        "/wellbeing/councils/S12000036/",
        "/wellbeing/methodology/",
        "/wellbeing/IM11AA/",
    ]:
        page.goto(path)
        results = Axe().run(page)
        assert results.violations_count == 0, f"{path}: {results.generate_report()}"
