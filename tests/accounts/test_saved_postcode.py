"""The home postcode saved in the profile starts every postcode box the member has not
typed in; visitors never see it, and the anonymous page cache never keeps it."""

import re

import pytest

PAGES = [
    ("/", 'id="home-postcode" name="postcode" value="CF10 1EP"'),
    ("/", 'id="wellbeing-home-postcode" name="postcode" value="CF10 1EP"'),
    ("/near/", 'name="postcode" value="CF10 1EP"'),
    ("/events/", 'name="postcode" value="CF10 1EP"'),
    ("/spaces/", 'name="postcode" value="CF10 1EP"'),
    ("/wellbeing/", 'id="wellbeing-postcode" name="postcode" value="CF10 1EP"'),
    ("/help/", 'id="schemes-postcode" name="postcode" value="CF10 1EP"'),
    ("/help/schemes/", 'value="CF10 1EP"'),
    ("/communities/", 'value="CF10 1EP"'),
    ("/communities/?tags=food", 'value="CF10 1EP"'),
    ("/communities/audit/", 'value="CF10 1EP"'),
]
# Pages whose box is a Django form field: the saved postcode must be its one value.
FORM_FIELD_PAGES = ["/help/schemes/", "/communities/", "/communities/audit/"]


@pytest.fixture
def saved(member):
    member.home_postcode = "CF10 1EP"
    member.save(update_fields=["home_postcode"])
    return member


@pytest.mark.parametrize(("path", "box"), PAGES)
def test_the_box_starts_from_the_saved_postcode(saved, member_client, path, box):
    response = member_client.get(path)
    assert box in response.content.decode()


@pytest.mark.parametrize("path", ["/events/", "/spaces/", *FORM_FIELD_PAGES])
def test_what_the_member_typed_wins(saved, member_client, path):
    html = member_client.get(path, {"postcode": "M1 1AE"}).content.decode()
    assert 'value="M1 1AE"' in html and "CF10 1EP" not in html


@pytest.mark.parametrize("path", ["/events/", *FORM_FIELD_PAGES])
def test_a_box_sent_empty_stays_empty(saved, member_client, path):
    html = member_client.get(f"{path}?postcode=").content.decode()
    assert "CF10 1EP" not in html


@pytest.mark.parametrize("path", FORM_FIELD_PAGES)
def test_a_form_field_box_has_the_saved_postcode_as_its_only_value(saved, member_client, path):
    html = member_client.get(path).content.decode()
    box = re.search(r'<input[^>]*name="postcode"[^>]*>', html).group(0)
    assert box.count("value=") == 1, box


def test_a_member_without_one_sees_an_empty_box(member_client):
    html = member_client.get("/events/").content.decode()
    assert 'name="postcode" value=""' in html


@pytest.mark.parametrize("path", ["/events/", "/spaces/", "/communities/", "/help/schemes/"])
def test_the_shared_page_cache_never_keeps_it(saved, member_client, client, settings, path):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 120
    # The member's page first (it must not be kept), then a visitor's (kept), then the
    # member's again: each sees their own box.
    assert "CF10 1EP" in member_client.get(path).content.decode()
    assert "CF10 1EP" not in client.get(path).content.decode()
    assert "CF10 1EP" not in client.get(path).content.decode()
    assert "CF10 1EP" in member_client.get(path).content.decode()


def test_a_kept_events_search_form_is_each_visitors_own(saved, client, member_client, settings):
    # The events search form is kept per search (events.views.search); with the page
    # cache off, the visitor's and the member's pages are both computed.
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    assert "CF10 1EP" not in client.get("/events/?km=10").content.decode()
    assert (
        'name="postcode" value="CF10 1EP"' in member_client.get("/events/?km=10").content.decode()
    )
    assert "CF10 1EP" not in client.get("/events/?km=10").content.decode()
    html = member_client.get("/events/?km=10&when=week").content.decode()
    assert 'value="week" id="id_when_4" checked' in html
    html = member_client.get("/events/?km=10").content.decode()
    assert 'value="week" id="id_when_4">' in html and 'value="" id="id_when_0" checked' in html
