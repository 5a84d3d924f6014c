"""In a real browser: find an event near a postcode, say you're going, see the join link."""

import pytest

from tests.factories import UserFactory

from .factories import EventFactory

pytestmark = pytest.mark.browser


def test_find_an_event_near_a_postcode_rsvp_and_see_the_join_link(page, login_page):
    member = UserFactory(email="walker@example.org", display_name="Wendy Walker")
    EventFactory(
        title="Ancoats wellbeing walk and chat",
        attendance_mode="mixed",
        place="M4",
        join_url="https://meet.example.org/ancoats-walk",
        capacity=12,
        accessibility_notes="Flat route; benches on the way.",
    )
    EventFactory(title="Leith repair café", place="EH6")
    login_page(member)

    page.goto("/events/")
    page.get_by_label("Postcode").fill("m1 1ad")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/events/?postcode=*")
    assert page.get_by_role("heading", level=1).inner_text() == "What's on near M1 1AD"
    results = page.get_by_role("list", name="Events")
    assert "Leith repair café" not in results.inner_text()
    assert "0.9 km away" in results.inner_text()
    results.get_by_role("link", name="Ancoats wellbeing walk and chat").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Ancoats wellbeing walk and chat"
    assert page.get_by_role("link", name="Join online").count() == 0
    assert "The join link appears here once you say you're going." in page.content()
    page.get_by_role("button", name="I'm going").click()
    page.wait_for_load_state()

    assert "You're going on" in page.get_by_role("status").first.inner_text()
    join = page.get_by_role("link", name="Join online")
    assert join.get_attribute("href") == "https://meet.example.org/ancoats-walk"
    assert page.get_by_role("button", name="I can't go any more").is_visible()


def test_the_events_pages_pass_axe(page, login_page):
    from axe_playwright_python.sync_playwright import Axe

    event = EventFactory(title="Clothes swap", capacity=10, tags=["swap"])
    login_page(UserFactory())
    pages = [
        "/events/?postcode=M1+1AD",
        "/events/?postcode=nowhere&when=someday",
        "/events/online/",
        event.get_absolute_url(),
        "/events/new/",
        "/events/yours/",
    ]
    for url in pages:
        page.goto(url)
        results = Axe().run(page)
        assert results.violations_count == 0, f"{url}\n{results.generate_report()}"


def test_a_member_finds_a_space_near_a_postcode_without_losing_what_they_typed(page, login_page):
    from playwright.sync_api import expect

    from ..spaces.factories import SpaceFactory

    SpaceFactory(name="Ancoats Hall", at="M4 6DE")
    SpaceFactory(name="Leith Hall", at="EH6")
    login_page(UserFactory())
    page.goto("/events/new/")
    page.get_by_label("Title").fill("Clothes swap")
    page.get_by_label("Find community spaces near").fill("m4 6de")
    page.get_by_role("button", name="Find spaces").click()

    assert page.get_by_label("Title").input_value() == "Clothes swap"
    space = page.get_by_label("At a community space on coopcentre")
    labels = space.locator("option").all_inner_texts()
    assert any(label.startswith("Ancoats Hall") for label in labels)
    assert not any("Leith" in label for label in labels)
    # Enter in a field sends the event, not another search.
    page.get_by_label("Title").press("Enter")
    expect(page.locator(".errorlist").first).to_be_visible()  # checked, so sent
