"""The journey in a real browser (chromium): ask for help, get schemes by email, be
introduced to a volunteer when both accept; a decline shares nothing."""

import re

import pytest

from matching.models import Match, MatchStatus

from .factories import OfferFactory, SchemeFactory, medication, phone_chat, shopping

pytestmark = pytest.mark.browser


def local(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def accept_links(text: str) -> list[str]:
    return [
        local(u) for u in re.findall(r"(http://\S+/help/respond/[^/\s]+/)\?answer=accept", text)
    ]


def check_accessibility(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def setting(db, owner):
    kinds = {"shopping": shopping(), "medication": medication(), "chat": phone_chat()}
    SchemeFactory(name="Manchester Food Line", phone="0161 000 1111", kinds=[kinds["shopping"]])
    OfferFactory(
        person=owner, at="M14 5LL", kinds=[kinds["shopping"]], contact_phone="07700 900002"
    )
    return kinds


def ask_for_help(page):
    page.goto("/help/")
    page.get_by_role("button", name="Ask for help").click()
    assert page.get_by_role("heading", name="This is not an emergency service").is_visible()
    check_accessibility(page)
    page.get_by_label("Collecting food and shopping").check()
    # No time starts ticked: the person says when they can be helped.
    page.get_by_label("weekday mornings", exact=True).check()
    page.get_by_label("Your postcode").fill("m14 5ll")
    page.get_by_label("How far away may a helper live? (km)").fill("-5")
    page.get_by_label("A short note (optional)").fill("Weekly shop, please")
    page.get_by_label("Phone number (optional)").fill("07700 900001")
    page.get_by_role("button", name="Send").click()
    # Bad input: a clear error, and what was typed is still there.
    assert page.get_by_role("alert").is_visible()
    assert "Enter a distance between 1 and 50 km" in page.get_by_role("alert").inner_text()
    assert "Tick this box" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("A short note (optional)").input_value() == "Weekly shop, please"
    page.get_by_label("How far away may a helper live? (km)").fill("5")
    page.get_by_label(re.compile("^I agree that coopcentre may share")).check()
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/help/needs/*/")


def test_ask_for_help_and_both_accept_the_introduction(
    page, login_page, member, setting, mailoutbox
):
    login_page(member)
    ask_for_help(page)
    assert page.get_by_role("heading", name="Your request for help").is_visible()
    assert page.get_by_text("Manchester Food Line").is_visible()

    # The member's email has the scheme's contacts and the introduction's links.
    [to_member] = [m for m in mailoutbox if m.to == ["member@example.org"]]
    assert "0161 000 1111" in to_member.body
    assert "Manchester Food Line" in to_member.alternatives[0][0]
    [to_owner] = [m for m in mailoutbox if m.to == ["owner@example.org"]]
    assert "07700 900001" not in to_owner.body

    # The volunteer accepts from their email, without logging in.
    volunteer = page.context.browser.new_context(base_url=page.base_url)
    volunteer_page = volunteer.new_page()
    volunteer_page.goto(page.base_url + accept_links(to_owner.body)[0] + "?answer=accept")
    check_accessibility(volunteer_page)
    volunteer_page.get_by_role("button", name="Yes, introduce us").click()
    assert volunteer_page.get_by_text("once they accept too").is_visible()
    volunteer.close()

    # The member accepts from their page.
    page.goto("/help/mine/")
    page.get_by_role("button", name="Yes, introduce us").click()
    assert page.get_by_text("You've both accepted").is_visible()
    assert page.get_by_role("heading", name="Their contact details").is_visible()
    assert page.get_by_text("owner@example.org").is_visible()
    check_accessibility(page)

    details = {m.to[0]: m for m in mailoutbox if "contact details" in m.subject}
    assert "07700 900002" in details["member@example.org"].body
    assert "07700 900001" in details["owner@example.org"].body
    assert (
        Match.objects.get(offer__person__email="owner@example.org").status == MatchStatus.INTRODUCED
    )


def test_a_declined_introduction_shares_nothing(page, login_page, member, setting, mailoutbox):
    login_page(member)
    ask_for_help(page)
    [to_owner] = [m for m in mailoutbox if m.to == ["owner@example.org"]]
    decline = accept_links(to_owner.body)[0] + "?answer=decline"

    volunteer = page.context.browser.new_context(base_url=page.base_url)
    volunteer_page = volunteer.new_page()
    volunteer_page.goto(page.base_url + decline)
    volunteer_page.get_by_role("button", name="No, thanks").click()
    assert volunteer_page.get_by_text("We won't share any of your details").is_visible()
    assert "07700 900001" not in volunteer_page.content()
    volunteer.close()

    page.goto("/help/mine/")
    page.get_by_role("link", name=re.compile("A neighbour who could help")).click()
    assert page.get_by_text("This introduction won't go ahead").is_visible()
    assert "owner@example.org" not in page.content()
    assert "07700 900002" not in page.content()
    assert not [m for m in mailoutbox if "contact details" in m.subject]
    everything = " ".join(m.body for m in mailoutbox)
    assert "owner@example.org" not in everything and "07700 900002" not in everything


def test_a_forged_link_shows_a_clear_page(page):
    response = page.goto("/help/respond/not-a-real-token/")
    assert response.status == 400
    assert page.get_by_role("heading", name="We can't use this link").is_visible()
