"""Words on a match: one distance, who we still wait for, one full stop after a reason."""

import pytest

from matching.wording import distance_phrase, km_text

from .factories import IntroductionFactory, NeedFactory, OfferFactory
from .helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def intro(kinds, member, owner):
    return IntroductionFactory(
        need=NeedFactory(person=member, kinds=[kinds["shopping"]]),
        offer=OfferFactory(person=owner, kinds=[kinds["shopping"]]),
        distance_km=4.05,
        reason="4.1 km away, offers collecting food and shopping any time.",
    )


def test_one_rounding_rule_for_every_distance():
    # 4.05 is 4.04999… in binary: Python's own formatting said 4.0, the template 4.1.
    assert km_text(4.05) == "4.1 km"
    assert km_text(4.04) == "4.0 km"
    assert distance_phrase(4.05) == "4.1 km away"


def test_the_page_and_the_reason_give_the_same_distance(member_client, intro):
    text = page_text(member_client.get(f"/help/matches/{intro.pk}/"))
    assert "4.1 km from you" in text
    assert "4.0 km" not in text


def test_after_one_side_accepts_the_status_says_who_we_wait_for(member_client, owner_client, intro):
    url = f"/help/matches/{intro.pk}/"
    assert "Waiting for both to accept" in page_text(member_client.get(url))
    owner_client.post(f"{url}answer/", {"answer": "accept"})
    text = page_text(member_client.get(url))
    assert "Waiting for both to accept" not in text
    assert "Waiting for the person asking for help to accept" in text
    intro.refresh_from_db()
    intro.offer_response, intro.need_response = "pending", "accepted"
    assert intro.status_text == "Waiting for the volunteer to accept"


def test_a_reason_that_ends_a_sentence_gets_no_second_full_stop(member_client, intro):
    text = page_text(member_client.get(f"/help/matches/{intro.pk}/"))
    assert "shopping any time." in text
    assert "any time.." not in text
