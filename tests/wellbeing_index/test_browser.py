"""In a real browser: from the home page to a postcode's index and into a domain."""

import pytest

from tests.core.test_browser_axe import too_wide

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
        # At 390 px, with the index loaded (a postcode's page has results): nothing wider.
        assert not too_wide(page), f"{path}: {too_wide(page)}"


def test_compare_four_places_download_the_csv_and_act_on_a_weak_domain(
    page, city_postcodes, default_index
):
    """At phone width: compare four places, download their figures, then follow the
    postcode's weakest domain to something nearby that works on it; axe on both pages."""
    import csv

    from axe_playwright_python.sync_playwright import Axe

    from postcodes.services import lookup
    from spaces.models import Space
    from wellbeing_index.models import AreaScore, Domain

    location = lookup("M1 1AD")
    scores = AreaScore.objects.get(area__code=location.small_area_code).scores["d"]
    weakest = min(scores.items(), key=lambda kv: (kv[1], kv[0]))[0]
    hall = Space(moderation_status="approved", name="Ancoats Hall", slug="ancoats-hall")
    hall.set_location(location)
    hall.save()
    hall.tags.add(Domain.objects.get(slug=weakest).tag_list[0])

    page.goto("/wellbeing/compare/")
    for label, typed in [
        ("First postcode or council code", "M1 1AD"),
        ("Second postcode or council code", "EH1 1YZ"),
        ("Third (optional)", "W06000015"),
        ("Fourth (optional)", "BT1 5GS"),
    ]:
        page.get_by_label(label).fill(typed)
    page.get_by_role("button", name="Compare").click()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "M1 1AD, EH1 1YZ, Cardiff and BT1 5GS compared"
    assert page.get_by_role("table").get_by_role("columnheader").count() == 5
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures as CSV").click()
    with open(download.value.path(), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["area_name"] for r in rows if r["kind"] == "overall"] == [
        "Manchester",
        "City of Edinburgh",
        "Cardiff",
        "Belfast",
    ]
    assert all(r["source"] and r["year"] for r in rows if r["kind"] == "indicator")

    page.goto("/wellbeing/M11AD/")
    action = page.locator(f"article.wellbeing-action:has(#act-{weakest})")
    assert (
        page.locator("article.wellbeing-action").first.get_attribute("aria-labelledby")
        == f"act-{weakest}"
    )  # the weakest domain comes first
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    action.get_by_role("link", name="Ancoats Hall").click()
    page.wait_for_url("**/spaces/ancoats-hall/**")
    assert "Ancoats Hall" in page.get_by_role("heading", level=1).inner_text()
