"""What the matching admin screens share behaves the same on each screen: the category
lists count open requests, history inlines are read-only, and the buttons on a match's or
a campaign's page refuse what they don't know."""

import pytest

from matching.models import CampaignStatus, MatchStatus, RequestStatus

from .factories import (
    CampaignFactory,
    IntroductionFactory,
    NeedFactory,
    OfferFactory,
    SkillTopicFactory,
)
from .helpers import page_text

pytestmark = pytest.mark.django_db


def test_the_kinds_list_counts_only_open_needs_and_offers(staff_client, kinds):
    shopping = kinds["shopping"]
    NeedFactory(kinds=[shopping])
    NeedFactory(kinds=[shopping])
    NeedFactory(kinds=[shopping], status=RequestStatus.PAUSED)
    OfferFactory(kinds=[shopping])
    OfferFactory(kinds=[shopping], status=RequestStatus.WITHDRAWN)
    content = page_text(staff_client.get("/admin/matching/helpkind/?q=shopping"))
    assert "Open needs" in content
    assert '<td class="field-open_needs">2</td>' in content
    assert '<td class="field-open_offers">1</td>' in content


def test_the_topics_list_counts_open_learners_and_teachers(staff_client):
    topic = SkillTopicFactory(name="Bread baking", slug="bread-baking")
    NeedFactory(topics=[topic])
    OfferFactory(topics=[topic])
    OfferFactory(topics=[topic])
    OfferFactory(topics=[topic], status=RequestStatus.PAUSED)
    content = page_text(staff_client.get("/admin/matching/skilltopic/"))
    assert "Want to learn" in content
    assert '<td class="field-to_learn">1</td>' in content
    assert '<td class="field-to_teach">2</td>' in content


def test_a_needs_matches_are_shown_but_cannot_be_added_there(staff_client, kinds):
    intro = IntroductionFactory(need=NeedFactory(kinds=[kinds["shopping"]]))
    content = page_text(staff_client.get(f"/admin/matching/need/{intro.need_id}/change/"))
    assert f"Offer #{intro.offer_id}" in content
    assert 'name="matches-MAX_NUM_FORMS" value="0"' in content


def test_an_unknown_button_on_a_match_changes_nothing(staff_client, kinds):
    intro = IntroductionFactory(need=NeedFactory(kinds=[kinds["shopping"]]))
    response = staff_client.post(f"/admin/matching/match/{intro.pk}/do/explode/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/matching/match/{intro.pk}/change/"
    assert "Unknown action." in page_text(response)
    intro.refresh_from_db()
    assert intro.status == MatchStatus.PROPOSED


def test_an_unknown_button_on_a_campaign_changes_nothing(staff_client):
    campaign = CampaignFactory(subject="Hello")
    response = staff_client.post(f"/admin/matching/campaign/{campaign.pk}/do/explode/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/matching/campaign/{campaign.pk}/change/"
    assert "Unknown action." in page_text(response)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT


def test_a_button_on_a_missing_match_is_a_404(staff_client):
    assert staff_client.post("/admin/matching/match/999999/do/cancel/").status_code == 404
