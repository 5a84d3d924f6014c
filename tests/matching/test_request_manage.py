"""A member sees, edits, pauses, resumes and withdraws their own needs and offers."""

import pytest

from matching.models import MatchStatus, Need, Offer, RequestStatus

from .factories import IntroductionFactory, NeedFactory, OfferFactory
from .helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(member, kinds):
    return NeedFactory(person=member, kinds=[kinds["shopping"]], note="Weekly shop")


@pytest.fixture
def offer(member, kinds):
    return OfferFactory(person=member, kinds=[kinds["chat"]])


def test_the_owner_sees_their_need(member_client, need):
    response = member_client.get(f"/help/needs/{need.pk}/")
    content = page_text(response)
    assert response.status_code == 200
    assert "Collecting food and shopping" in content
    assert "Weekly shop" in content
    assert "This is not an emergency service" in content


@pytest.mark.parametrize("action", ["", "edit/", "withdraw/"])
def test_a_stranger_gets_a_404(stranger_client, need, action):
    assert stranger_client.get(f"/help/needs/{need.pk}/{action}").status_code == 404


@pytest.mark.parametrize("action", ["pause/", "resume/", "withdraw/"])
def test_a_stranger_cannot_change_it(stranger_client, need, action):
    assert stranger_client.post(f"/help/needs/{need.pk}/{action}").status_code == 404
    assert Need.objects.get(pk=need.pk).status == RequestStatus.OPEN


def test_anonymous_visitors_are_sent_to_log_in(client, need):
    response = client.get(f"/help/needs/{need.pk}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("action", ["pause", "resume"])
def test_pause_and_resume_refuse_get(member_client, need, action):
    assert member_client.get(f"/help/needs/{need.pk}/{action}/").status_code == 405


def test_pause_then_resume(member_client, need, django_capture_on_commit_callbacks):
    response = member_client.post(f"/help/needs/{need.pk}/pause/")
    assert response.status_code == 302
    assert Need.objects.get(pk=need.pk).status == RequestStatus.PAUSED
    assert "Resume" in page_text(member_client.get(f"/help/needs/{need.pk}/"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        member_client.post(f"/help/needs/{need.pk}/resume/")
    assert Need.objects.get(pk=need.pk).status == RequestStatus.OPEN
    assert len(callbacks) == 1  # matching queued again


def test_editing_keeps_values_and_reports_bad_input(member_client, need, kinds):
    page = page_text(member_client.get(f"/help/needs/{need.pk}/edit/"))
    assert 'value="M14 5LL"' in page
    assert "Weekly shop" in page
    response = member_client.post(
        f"/help/needs/{need.pk}/edit/",
        {
            "kinds": [kinds["shopping"].pk],
            "postcode": "M1 1AD",
            "max_distance_km": "-5",
            "availability": ["1"],
            "note": "Changed",
        },
    )
    assert response.status_code == 400
    assert "Enter a distance between 1 and 50 km" in page_text(response)
    assert Need.objects.get(pk=need.pk).note == "Weekly shop"

    response = member_client.post(
        f"/help/needs/{need.pk}/edit/",
        {
            "kinds": [kinds["medication"].pk],
            "postcode": "M1 1AD",
            "max_distance_km": "3",
            "availability": ["1"],
            "note": "Changed",
        },
    )
    assert response.status_code == 302
    need = Need.objects.get(pk=need.pk)
    assert (need.outcode, need.max_distance_km, need.note) == ("M1", 3, "Changed")
    assert list(need.kinds.all()) == [kinds["medication"]]


def test_the_offer_pages_work_the_same(member_client, offer):
    assert member_client.get(f"/help/offers/{offer.pk}/").status_code == 200
    member_client.post(f"/help/offers/{offer.pk}/pause/")
    assert Offer.objects.get(pk=offer.pk).status == RequestStatus.PAUSED


def test_withdrawing_asks_first_then_cancels_pending_introductions(
    member_client, need, django_capture_on_commit_callbacks, mailoutbox
):
    intro = IntroductionFactory(need=need)
    assert "Yes, withdraw it" in page_text(member_client.get(f"/help/needs/{need.pk}/withdraw/"))
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(f"/help/needs/{need.pk}/withdraw/")
    assert response["Location"] == "/help/mine/"
    assert Need.objects.get(pk=need.pk).status == RequestStatus.WITHDRAWN
    intro.refresh_from_db()
    assert intro.status == MatchStatus.CANCELLED
    # The volunteer is told it won't go ahead, with nothing about the member.
    [email] = mailoutbox
    assert email.to == [intro.offer.person.email]
    assert "won't go ahead" in email.subject
    assert need.person.email not in email.body
    assert "Weekly shop" not in email.body
    assert "0161" not in email.body


def test_a_withdrawn_need_cannot_be_edited(member_client, need):
    member_client.post(f"/help/needs/{need.pk}/withdraw/")
    response = member_client.get(f"/help/needs/{need.pk}/edit/")
    assert response.status_code == 302


def test_my_page_lists_mine_only_in_constant_queries(
    member_client, member, stranger, kinds, django_assert_max_num_queries
):
    def make(n):
        for _ in range(n):
            NeedFactory(person=member, kinds=[kinds["shopping"]])
            OfferFactory(person=member, kinds=[kinds["chat"]])
            IntroductionFactory(need=NeedFactory(person=member), offer=OfferFactory())

    NeedFactory(person=stranger, note="Not mine")
    make(3)
    with django_assert_max_num_queries(16) as small:
        response = member_client.get("/help/mine/")
    assert response.status_code == 200
    assert "Not mine" not in page_text(response)
    make(27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = member_client.get("/help/mine/")
    assert page_text(response).count("Request from") == 60


def test_withdrawn_ones_are_hidden_unless_asked_for(member_client, member, kinds):
    NeedFactory(person=member, kinds=[kinds["shopping"]], status="withdrawn")
    assert "Request from" not in page_text(member_client.get("/help/mine/"))
    assert "Request from" in page_text(member_client.get("/help/mine/?show=all"))


def test_when_a_volunteer_withdraws_the_need_finds_someone_else(
    member_client, member, kinds, django_capture_on_commit_callbacks, mailoutbox
):
    from matching.models import Match

    need = NeedFactory(kinds=[kinds["shopping"]])
    offer = OfferFactory(person=member, kinds=[kinds["shopping"]])
    other = OfferFactory(at="M13 9PL", kinds=[kinds["shopping"]])
    intro = IntroductionFactory(need=need, offer=offer, covers=[kinds["shopping"].key])
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(f"/help/offers/{offer.pk}/withdraw/")
    intro.refresh_from_db()
    assert intro.status == MatchStatus.CANCELLED
    assert Match.objects.get(need=need, offer=other).status == MatchStatus.PROPOSED
    closed = [m for m in mailoutbox if "won't go ahead" in m.subject]
    assert [m.to for m in closed] == [[need.person.email]]
