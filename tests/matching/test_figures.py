"""The staff figures page in admin."""

import datetime as dt

import pytest
from django.utils import timezone

from matching.models import Match, MatchStatus

from .factories import IntroductionFactory, NeedFactory, OfferFactory, SkillTopicFactory
from .helpers import page_text

pytestmark = pytest.mark.django_db


def test_figures_show_needs_offers_topics_and_match_rate(staff_client, kinds):
    wellbeing = SkillTopicFactory(name="Mental wellbeing", slug="mental-wellbeing")
    cooking = SkillTopicFactory(name="Cooking", slug="cooking")
    matched = NeedFactory(at="M14 5LL", kinds=[kinds["shopping"]], topics=[wellbeing])
    NeedFactory(at="EH1 1YZ", kinds=[kinds["shopping"]], topics=[wellbeing, cooking])
    OfferFactory(at="M14 5LL", kinds=[kinds["chat"]], topics=[cooking])
    intro = IntroductionFactory(need=matched, offer=OfferFactory(kinds=[kinds["shopping"]]))
    Match.objects.filter(pk=intro.pk).update(
        created_at=matched.created_at + dt.timedelta(hours=3), status=MatchStatus.INTRODUCED
    )

    response = staff_client.get("/admin/matching/figures/")
    content = page_text(response)
    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures.needs, figures.offers) == (2, 2)
    assert ("Collecting food and shopping", 2, 1) in figures.by_kind
    assert figures.learn_topics[0] == ("Mental wellbeing", 2)
    assert figures.teach_topics == [("Cooking", 1)]
    assert figures.needs_matched == 1
    assert figures.median_hours_to_first_match == 3.0
    assert ("Scotland", 1, 0) in figures.by_nation
    assert "50.0% (1)" in content
    assert "3.0 h" in content
    assert "Manchester" in content


def test_the_period_filter(staff_client, kinds):
    old = NeedFactory(kinds=[kinds["shopping"]])
    old.created_at = timezone.now() - dt.timedelta(days=40)
    old.save()
    NeedFactory(kinds=[kinds["shopping"]])
    assert staff_client.get("/admin/matching/figures/?days=30").context["figures"].needs == 1
    assert staff_client.get("/admin/matching/figures/?days=").context["figures"].needs == 2
    assert staff_client.get("/admin/matching/figures/?days=nonsense").status_code == 200


def test_figures_are_for_staff_only(member_client):
    assert member_client.get("/admin/matching/figures/").status_code == 302
