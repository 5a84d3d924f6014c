"""The introduction page for its two people: answer, see details once both accepted, report."""

import pytest

from matching.models import MatchEvent, MatchReport, MatchStatus

from .factories import IntroductionFactory, NeedFactory, OfferFactory
from .helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def intro(kinds, member, owner):
    return IntroductionFactory(
        need=NeedFactory(person=member, kinds=[kinds["shopping"]], contact_phone="0161 496 0001"),
        offer=OfferFactory(person=owner, kinds=[kinds["shopping"]], contact_phone="0161 496 0002"),
    )


def test_both_people_can_see_it_and_nobody_else(
    member_client, owner_client, stranger_client, client, intro
):
    assert member_client.get(f"/help/matches/{intro.pk}/").status_code == 200
    assert owner_client.get(f"/help/matches/{intro.pk}/").status_code == 200
    assert stranger_client.get(f"/help/matches/{intro.pk}/").status_code == 404
    assert client.get(f"/help/matches/{intro.pk}/").status_code == 302


def test_details_appear_only_after_both_accept(member_client, owner_client, intro):
    before = page_text(member_client.get(f"/help/matches/{intro.pk}/"))
    assert "owner@example.org" not in before
    assert "0161 496 0002" not in before
    owner_client.post(f"/help/matches/{intro.pk}/answer/", {"answer": "accept"})
    still = page_text(member_client.get(f"/help/matches/{intro.pk}/"))
    assert "owner@example.org" not in still
    member_client.post(f"/help/matches/{intro.pk}/answer/", {"answer": "accept"})
    after = page_text(member_client.get(f"/help/matches/{intro.pk}/"))
    assert "owner@example.org" in after
    assert "0161 496 0002" in after


def test_answering_refuses_get_and_strangers(member_client, stranger_client, intro):
    assert member_client.get(f"/help/matches/{intro.pk}/answer/").status_code == 405
    response = stranger_client.post(f"/help/matches/{intro.pk}/answer/", {"answer": "accept"})
    assert response.status_code == 404


def test_reporting_a_problem_holds_the_introduction(member_client, intro):
    response = member_client.get(f"/help/matches/{intro.pk}/report/")
    assert "What went wrong?" in page_text(response)
    response = member_client.post(
        f"/help/matches/{intro.pk}/report/", {"reason": "unsafe", "details": "Rude messages"}
    )
    assert response.status_code == 302
    report = MatchReport.objects.get()
    assert (report.reason, report.side, report.details) == ("unsafe", "need", "Rude messages")
    intro.refresh_from_db()
    assert intro.status == MatchStatus.REVIEW
    assert list(intro.events.values_list("action", flat=True)) == [
        MatchEvent.Action.REPORTED,
        MatchEvent.Action.HELD,
    ]
    # Held: no answer can complete it until staff look.
    response = member_client.post(f"/help/matches/{intro.pk}/answer/", {"answer": "accept"})
    page = page_text(member_client.get(response["Location"]))
    assert "Our team is checking this introduction" in page


def test_a_report_needs_a_reason_and_strangers_cannot_report(member_client, stranger_client, intro):
    response = member_client.post(f"/help/matches/{intro.pk}/report/", {"details": "x" * 3000})
    content = page_text(response)
    assert response.status_code == 400
    assert "Choose what went wrong" in content
    assert "Keep it to 2,000 characters or fewer" in content
    assert (
        stranger_client.post(f"/help/matches/{intro.pk}/report/", {"reason": "other"}).status_code
        == 404
    )
    assert MatchReport.objects.count() == 0


def test_reports_are_rate_limited(member_client, intro):
    for _ in range(5):
        member_client.post(f"/help/matches/{intro.pk}/report/", {"reason": "other"})
    response = member_client.post(f"/help/matches/{intro.pk}/report/", {"reason": "other"})
    assert response.status_code == 429
    assert MatchReport.objects.count() == 5
