import datetime
import re

import pytest
from django.utils import timezone

from communities.models import Group
from core.moderation import listing_moderate
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_register_a_community_with_two_commitments_post_progress_and_see_it_on_the_map(
    page, login_page
):
    organiser = UserFactory(email="aisha@example.org", display_name="Aisha")
    staff = UserFactory(email="staff@example.org", is_staff=True)
    due = (timezone.localdate() + datetime.timedelta(days=200)).isoformat()

    login_page(organiser)
    page.goto("/communities/register/")
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Three steps to a co-operative community"
    )
    page.get_by_role("button", name="Start registering").click()

    # Step 1: the group.
    page.get_by_label("Name of the group").fill("Cathays Together")
    page.get_by_label("What kind of group is it?").select_option("action_group")
    page.get_by_label("What the group does").fill("Neighbours making Cathays friendlier.")
    page.get_by_label("Interests").fill("street parties, co-ops")
    # Only the fields of the chosen kind of area show.
    page.get_by_label("Postcode districts", exact=True).check()
    assert not page.get_by_label("Postcode at the centre of your area").is_visible()
    page.get_by_label("A place and the area around it").check()
    page.get_by_label("Postcode at the centre of your area").fill("cf24 4hq")
    page.get_by_label("How far around it").select_option("1.0")
    page.get_by_role("button", name="Save and go to step 2").click()
    page.wait_for_url(re.compile(r"/communities/register/cathays-together/commitments/$"))

    # Step 2: two commitments, one in each area.
    def add(area, what, target, unit):
        page.get_by_label(area).check()
        page.get_by_label("What you will do").fill(what)
        page.get_by_label("Target").fill(target)
        page.get_by_label("Counted in").fill(unit)
        page.get_by_label("By when").fill(due)
        page.get_by_role("button", name="Add this commitment").click()
        page.wait_for_load_state()

    add("Co-operative action", "Hold street parties", "4", "street parties")
    assert "Still to add" in page.content()
    add("Co-operative enterprise", "Publish a directory of local co-ops", "1", "directory")
    page.get_by_role("button", name="Continue to step 3").click()

    # Step 3: register.
    page.get_by_label("We will check in once a year").check()
    page.get_by_role("button", name="Register as a co-operative community").click()
    page.wait_for_url(re.compile(r"/communities/cathays-together/$"))
    assert "is registered as a co-operative community" in page.locator(".messages").inner_text()

    # Post progress on the first commitment.
    page.get_by_role("button", name="Post progress on Hold street parties").click()
    page.get_by_label("How many since your last update?").fill("1")
    page.get_by_label("The story").fill("Our first party on Cathays Terrace: 60 people came.")
    page.get_by_role("button", name="Post progress").click()
    page.wait_for_url(re.compile(r"/communities/cathays-together/$"))
    assert "1 of 4 street parties" in page.content()
    assert "60 people came" in page.content()
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    # Staff approve it; then it is on the map of a search near it.
    listing_moderate(listing=Group.objects.get(), decision="approved", by=staff, notify=False)
    page.goto("/communities/?postcode=CF24+4HQ&km=5")
    map_element = page.locator("[data-map]")
    map_element.wait_for(state="visible")
    page.wait_for_function("document.querySelector('[data-map]').dataset.markers === '1'")
    marker = page.locator(".leaflet-marker-icon[title='Cathays Together']")
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    assert (
        "Co-operative community" in popup.inner_text()
        or "co-operative community" in popup.inner_text()
    )
    popup.get_by_role("link", name="Cathays Together").click()
    page.wait_for_url(re.compile(r"/communities/cathays-together/$"))


def test_the_group_list_and_registration_start_pass_axe(page):
    from axe_playwright_python.sync_playwright import Axe

    for path in ("/communities/", "/communities/register/", "/communities/audit/?postcode=M1&km=5"):
        page.goto(path)
        results = Axe().run(page)
        assert results.violations_count == 0, f"{path}: {results.generate_report()}"
