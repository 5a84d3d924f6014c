"""Running the engine on the database: matches saved, emails sent, needs flagged."""

import pytest
from django.test import override_settings

from core.outbox.models import OutgoingEmail
from matching.models import (
    Match,
    MatchRun,
    MatchStatus,
    Need,
)
from matching.services.runs import matching_run
from postcodes.models import LocalAuthority

from .factories import NeedFactory, OfferFactory, SchemeFactory

pytestmark = pytest.mark.django_db


def test_a_need_is_matched_with_a_nearby_offer_and_a_scheme(kinds, run_on_commit, mailoutbox):
    need = NeedFactory(at="M14 5LL", kinds=[kinds["shopping"]])
    offer = OfferFactory(at="M13 9PL", kinds=[kinds["shopping"]])
    scheme = SchemeFactory(name="Food Line", kinds=[kinds["shopping"]])
    with run_on_commit():
        run = matching_run(need_ids=[need.pk], trigger=MatchRun.Trigger.SAVE)

    assert (run.introductions, run.scheme_suggestions, run.flagged) == (1, 1, 0)
    intro = Match.objects.get(need=need, offer=offer)
    assert intro.status == MatchStatus.PROPOSED
    assert "offers collecting food and shopping" in intro.reason
    assert Match.objects.get(need=need, scheme=scheme).status == MatchStatus.SUGGESTED
    # One email to the member (scheme and introduction together), one to the volunteer.
    assert sorted(m.to[0] for m in mailoutbox) == sorted([need.person.email, offer.person.email])
    assert OutgoingEmail.objects.exclude(status="sent").count() == 0


def test_running_again_proposes_nothing_new(kinds, run_on_commit, mailoutbox):
    need = NeedFactory(kinds=[kinds["shopping"]])
    OfferFactory(kinds=[kinds["shopping"]])
    SchemeFactory(kinds=[kinds["shopping"]])
    with run_on_commit():
        matching_run()
    with run_on_commit():
        second = matching_run()
    assert (second.introductions, second.scheme_suggestions) == (0, 0)
    assert need.matches.count() == 2
    assert len(mailoutbox) == 2


def test_a_need_with_nothing_suitable_is_flagged_then_unflagged(kinds, run_on_commit):
    need = NeedFactory(at="M14 5LL", kinds=[kinds["medication"]])
    OfferFactory(at="EH1 1YZ", kinds=[kinds["medication"]])  # 290 km away
    with run_on_commit():
        matching_run()
    need.refresh_from_db()
    assert need.needs_attention
    assert need.attention_since is not None

    OfferFactory(at="M14 5LL", kinds=[kinds["medication"]])
    with run_on_commit():
        matching_run()
    need.refresh_from_db()
    assert not need.needs_attention


def test_the_cap_holds_across_runs(kinds, run_on_commit, settings):
    settings.MATCHING_VOLUNTEER_CAP = 2
    offer = OfferFactory(kinds=[kinds["chat"]])
    needs = [NeedFactory(kinds=[kinds["chat"]]) for _ in range(4)]
    for need in needs:
        with run_on_commit():
            matching_run(need_ids=[need.pk])
    assert Match.objects.filter(offer=offer).count() == 2
    assert Need.objects.filter(needs_attention=True).count() == 2


@override_settings(MATCHING_REVIEW_INTRODUCTIONS=True)
def test_in_review_mode_introductions_wait_for_staff(kinds, run_on_commit, mailoutbox):
    need = NeedFactory(kinds=[kinds["shopping"]])
    OfferFactory(kinds=[kinds["shopping"]])
    with run_on_commit():
        matching_run()
    assert need.matches.get().status == MatchStatus.REVIEW
    assert mailoutbox == []


def test_paused_withdrawn_and_unconsented_requests_are_not_matched(kinds, run_on_commit):
    NeedFactory(kinds=[kinds["shopping"]], status="paused")
    NeedFactory(kinds=[kinds["shopping"]], consent_given_at=None)
    OfferFactory(kinds=[kinds["shopping"]], status="withdrawn")
    with run_on_commit():
        run = matching_run()
    assert run.needs_considered == 0
    assert Match.objects.count() == 0


def test_saving_an_offer_matches_needs_that_were_waiting(kinds, run_on_commit, mailoutbox):
    need = NeedFactory(at="M14 5LL", kinds=[kinds["shopping"]])
    with run_on_commit():
        matching_run()
    assert Need.objects.get(pk=need.pk).needs_attention

    from matching import tasks

    offer = OfferFactory(at="M14 5LL", kinds=[kinds["shopping"]])
    with run_on_commit():
        tasks.match_offer.delay(offer.pk)
    assert Match.objects.filter(need=need, offer=offer).exists()
    assert not Need.objects.get(pk=need.pk).needs_attention
    assert {m.to[0] for m in mailoutbox} == {need.person.email, offer.person.email}


def test_local_schemes_are_suggested_before_national_ones(kinds, run_on_commit):
    manchester = LocalAuthority.objects.get(name="Manchester")
    need = NeedFactory(at="M14 5LL", kinds=[kinds["shopping"]])
    national = SchemeFactory(name="A national line", kinds=[kinds["shopping"]])
    local = SchemeFactory(
        name="Z Manchester helpers",
        kinds=[kinds["shopping"]],
        coverage="local_authorities",
        local_authorities=[manchester],
    )
    with run_on_commit():
        matching_run()
    reasons = list(need.matches.schemes().order_by("pk").values_list("scheme_id", flat=True))
    assert reasons == [local.pk, national.pk]


def test_the_match_email_has_text_and_html_with_scheme_contacts(kinds, run_on_commit, mailoutbox):
    need = NeedFactory(at="M14 5LL", kinds=[kinds["shopping"]])
    SchemeFactory(name="Food Line", phone="0800 111 2222", kinds=[kinds["shopping"]])
    with run_on_commit():
        matching_run()
    [email] = mailoutbox
    assert email.to == [need.person.email]
    assert email.subject == "We've found help for you"
    html = email.alternatives[0][0]
    for body in (email.body, html):
        assert "Food Line" in body
        assert "0800 111 2222" in body
        assert "not an emergency service" in body
        assert "111" in body  # NHS 111 for England
    assert OutgoingEmail.objects.get().purpose == "matching.need-matched"
