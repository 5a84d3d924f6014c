"""The matching panels on the home page and on /near/, and the /help/ page."""

import pytest

from .factories import NeedFactory, OfferFactory, SchemeFactory
from .helpers import page_text

pytestmark = pytest.mark.django_db


def test_the_home_page_invites_people_to_ask_or_offer(client):
    content = page_text(client.get("/"))
    assert "Get or give help" in content
    assert 'href="/help/need/"' in content and 'href="/help/offer/"' in content


def test_the_near_page_lists_schemes_and_counts_offers_without_names(client, kinds):
    SchemeFactory(name="Food Line", kinds=[kinds["shopping"]])
    OfferFactory(at="M14 5LL", kinds=[kinds["shopping"]], person__display_name="Secret Sam")
    OfferFactory(at="EH1 1YZ", kinds=[kinds["shopping"]])
    content = page_text(client.get("/near/", {"postcode": "M14 5LL"}))
    assert "Help near M14" in content
    # The heading's link keeps the postcode: it opens the help covering it.
    html = client.get("/near/", {"postcode": "M14 5LL"}).content.decode()
    assert 'href="/help/schemes/?postcode=M14%205LL">Help near M14</a>' in html
    assert "Food Line" in content
    assert "1 neighbour offers help within 5 km" in content
    assert "Secret Sam" not in content


def test_the_help_page_for_anonymous_and_members(client, member_client, member, kinds):
    content = page_text(client.get("/help/"))
    assert "Get or give help" in content
    assert "This is not an emergency service" in content
    assert "Yours" not in content
    NeedFactory(person=member, kinds=[kinds["shopping"]])
    content = page_text(member_client.get("/help/"))
    assert "You have 1 request for help and 0 offers" in content
