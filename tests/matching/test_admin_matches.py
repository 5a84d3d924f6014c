"""Staff work with matches in admin: list, history, approve, cancel, re-run."""

import pytest

from matching.models import Match, MatchEvent, MatchRun, MatchStatus
from matching.services.matches import match_report

from .factories import IntroductionFactory, NeedFactory, OfferFactory, SchemeFactory
from .helpers import page_text

pytestmark = pytest.mark.django_db


def test_the_match_list_takes_constant_queries(staff_client, kinds, django_assert_max_num_queries):
    for _ in range(3):
        IntroductionFactory()
    with django_assert_max_num_queries(12) as small:
        assert staff_client.get("/admin/matching/match/").status_code == 200
    for _ in range(27):
        IntroductionFactory()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = staff_client.get("/admin/matching/match/")
    assert "30 matches" in page_text(response)


def test_members_cannot_see_matches_in_admin(member_client):
    response = member_client.get("/admin/matching/match/")
    assert response.status_code == 302


def test_a_match_page_shows_its_history_and_emails(
    staff_client, member, kinds, django_capture_on_commit_callbacks
):
    intro = IntroductionFactory(need=NeedFactory(person=member, kinds=[kinds["shopping"]]))
    MatchEvent.objects.create(match=intro, action=MatchEvent.Action.CREATED, note=intro.reason)
    match_report(match=intro, by=member, side="need", reason="no_show", details="Never came")
    content = page_text(staff_client.get(f"/admin/matching/match/{intro.pk}/change/"))
    assert "Proposed by the matching engine" in content
    assert "Problem reported" in content
    assert "Put on hold for staff review" in content
    assert "Never came" in content
    assert "Approve (emails both)" in content


def test_staff_approve_a_held_introduction(
    staff_client, kinds, django_capture_on_commit_callbacks, mailoutbox
):
    intro = IntroductionFactory(status=MatchStatus.REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/admin/matching/match/{intro.pk}/do/approve/")
    assert response.status_code == 302
    intro.refresh_from_db()
    assert intro.status == MatchStatus.PROPOSED
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [intro.need.person.email, intro.offer.person.email]
    )
    event = intro.events.get(action=MatchEvent.Action.APPROVED)
    assert event.actor.email == "staff@example.org"


def test_staff_cancel_from_the_list(staff_client, django_capture_on_commit_callbacks, mailoutbox):
    intro = IntroductionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            "/admin/matching/match/",
            {"action": "cancel_selected", "_selected_action": [intro.pk]},
        )
    intro.refresh_from_db()
    assert intro.status == MatchStatus.CANCELLED
    assert len(mailoutbox) == 2
    assert all("won't go ahead" in m.subject for m in mailoutbox)


def test_staff_rerun_matching_for_a_need(staff_client, kinds, django_capture_on_commit_callbacks):
    need = NeedFactory(kinds=[kinds["shopping"]])
    scheme_match = Match.objects.create(
        need=need,
        scheme=SchemeFactory(kinds=[kinds["shopping"]]),
        status=MatchStatus.SUGGESTED,
        reason="x",
    )
    OfferFactory(kinds=[kinds["shopping"]])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/admin/matching/match/{scheme_match.pk}/do/rerun/", follow=True
        )
    assert "1 new introductions" in page_text(response)
    assert need.matches.people().count() == 1
    run = MatchRun.objects.get()
    assert (run.trigger, run.started_by.email) == ("staff", "staff@example.org")


def test_object_actions_refuse_get(staff_client):
    intro = IntroductionFactory()
    assert staff_client.get(f"/admin/matching/match/{intro.pk}/do/cancel/").status_code == 405
    intro.refresh_from_db()
    assert intro.status == MatchStatus.PROPOSED


def test_needs_with_nothing_suitable_are_listed_for_staff(
    staff_client, kinds, django_capture_on_commit_callbacks
):
    need = NeedFactory(kinds=[kinds["medication"]], needs_attention=True)
    NeedFactory(kinds=[kinds["medication"]])
    response = staff_client.get("/admin/matching/need/?needs_attention__exact=1")
    assert f"Need #{need.pk}" in page_text(response)
    assert "1 need" in page_text(response)
    OfferFactory(kinds=[kinds["medication"]])
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            "/admin/matching/need/", {"action": "run_matching", "_selected_action": [need.pk]}
        )
    need.refresh_from_db()
    assert not need.needs_attention
