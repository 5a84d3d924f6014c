"""Answering an introduction from the signed link in an email."""

import datetime as dt

import pytest
import time_machine
from django.core import signing

from matching.models import MatchStatus, Response
from matching.services.matches import RESPONSE_SALT, response_token_make

from .factories import IntroductionFactory, NeedFactory, OfferFactory
from .helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def intro(kinds, member, owner):
    need = NeedFactory(
        person=member, kinds=[kinds["shopping"]], note="Weekly shop", contact_phone="0161 496 0001"
    )
    offer = OfferFactory(
        person=owner, kinds=[kinds["shopping"]], note="Happy to help", contact_phone="0161 496 0002"
    )
    return IntroductionFactory(need=need, offer=offer)


def url(match, side, answer=""):
    token = response_token_make(match=match, side=side)
    return f"/help/respond/{token}/" + (f"?answer={answer}" if answer else "")


def test_opening_the_link_changes_nothing(client, intro):
    response = client.get(url(intro, "offer", "accept"))
    assert response.status_code == 200
    assert "Yes, introduce us" in page_text(response)
    intro.refresh_from_db()
    assert intro.offer_response == Response.PENDING


def test_the_page_shows_nothing_personal_before_both_accept(client, intro):
    content = page_text(client.get(url(intro, "offer")))
    assert "Weekly shop" not in content
    assert intro.need.person.email not in content
    assert "0161 496 0001" not in content
    assert "Mo Member" not in content
    assert "M14" in content


def test_both_accept_and_each_gets_the_others_details(
    client, intro, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url(intro, "offer"), {"answer": "accept"})
    assert "once they accept too" in page_text(first)
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url(intro, "need"), {"answer": "accept"})
    assert "You've both accepted" in page_text(second)
    intro.refresh_from_db()
    assert intro.status == MatchStatus.INTRODUCED

    emails = {m.to[0]: m for m in mailoutbox}
    assert set(emails) == {"member@example.org", "owner@example.org"}
    to_member = emails["member@example.org"]
    to_owner = emails["owner@example.org"]
    for body in (to_member.body, to_member.alternatives[0][0]):
        assert "owner@example.org" in body
        assert "0161 496 0002" in body
        assert "Olu Owner" in body
        assert "member@example.org" not in body.split("Hello")[0]
    for body in (to_owner.body, to_owner.alternatives[0][0]):
        assert "member@example.org" in body
        assert "0161 496 0001" in body
        assert "Weekly shop" in body


def test_a_decline_leaks_nothing(client, intro, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(intro, "need"), {"answer": "accept"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(intro, "offer"), {"answer": "decline"})
    assert "We won't share any of your details" in page_text(response)
    intro.refresh_from_db()
    assert intro.status == MatchStatus.DECLINED
    # The member hears it won't go ahead; nobody's details go anywhere.
    [email] = [m for m in mailoutbox if "won't go ahead" in m.subject]
    assert email.to == ["member@example.org"]
    everything = " ".join(m.body + m.alternatives[0][0] for m in mailoutbox)
    assert "owner@example.org" not in everything
    assert "0161 496 0002" not in everything
    assert "Happy to help" not in everything
    assert "Olu Owner" not in everything


def test_a_forged_link_is_refused_clearly(client, intro):
    forged = signing.dumps({"m": intro.pk, "s": "need"}, salt="something-else")
    response = client.get(f"/help/respond/{forged}/")
    assert response.status_code == 400
    assert "This link isn't valid" in page_text(response)
    response = client.post(f"/help/respond/{forged}/", {"answer": "accept"})
    assert response.status_code == 400
    intro.refresh_from_db()
    assert intro.need_response == Response.PENDING


def test_a_tampered_link_is_refused(client, intro):
    token = response_token_make(match=intro, side="need")
    response = client.get(f"/help/respond/{token[:-2]}xx/")
    assert response.status_code == 400


def test_an_expired_link_says_so(client, intro):
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) - dt.timedelta(days=15)):
        token = response_token_make(match=intro, side="need")
    response = client.post(f"/help/respond/{token}/", {"answer": "accept"})
    assert response.status_code == 410
    assert "This link has expired" in page_text(response)
    intro.refresh_from_db()
    assert intro.need_response == Response.PENDING


def test_a_link_for_a_closed_introduction_explains(client, intro):
    intro.status = MatchStatus.CANCELLED
    intro.save()
    response = client.post(url(intro, "need"), {"answer": "accept"})
    assert response.status_code == 409
    assert "This introduction is closed (cancelled)" in page_text(response)


def test_answering_twice_is_harmless(client, intro, django_capture_on_commit_callbacks, mailoutbox):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url(intro, "need"), {"answer": "accept"})
            client.post(url(intro, "offer"), {"answer": "accept"})
    assert len(mailoutbox) == 2


def test_a_missing_answer_is_an_error_not_a_crash(client, intro):
    response = client.post(url(intro, "need"), {"answer": "maybe"})
    assert response.status_code == 400
    assert "Choose whether to accept or decline" in page_text(response)


def test_signed_salt_is_specific(intro):
    token = response_token_make(match=intro, side="need")
    assert signing.loads(token, salt=RESPONSE_SALT) == {"m": intro.pk, "s": "need"}


def test_an_accepted_introduction_cannot_then_be_declined_with_the_same_link(
    client, intro, django_capture_on_commit_callbacks, mailoutbox
):
    """The volunteer's link accepted, then the same link declined and closed the match."""
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url(intro, "offer"), {"answer": "accept"}).status_code == 200
        response = client.post(url(intro, "offer"), {"answer": "decline"})
    assert response.status_code == 409
    assert "You already accepted this introduction on" in page_text(response)
    assert "an answer can't be changed" in page_text(response)
    intro.refresh_from_db()
    assert intro.status == MatchStatus.PROPOSED
    assert intro.offer_response == Response.ACCEPTED
    # The person in need can still accept, and both get each other's details.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(intro, "need"), {"answer": "accept"})
    intro.refresh_from_db()
    assert intro.status == MatchStatus.INTRODUCED


def test_a_declined_introduction_cannot_then_be_accepted(client, intro):
    client.post(url(intro, "need"), {"answer": "decline"})
    response = client.post(url(intro, "need"), {"answer": "accept"})
    assert response.status_code == 409
    intro.refresh_from_db()
    assert intro.need_response == Response.DECLINED
    assert intro.status == MatchStatus.DECLINED


def test_the_match_page_cannot_change_an_answer_either(intro, member_client):
    intro_url = f"/help/matches/{intro.pk}/answer/"
    member_client.post(intro_url, {"answer": "accept"})
    response = member_client.post(intro_url, {"answer": "decline"}, follow=True)
    assert "an answer can&#x27;t be changed" in response.content.decode()
    intro.refresh_from_db()
    assert intro.need_response == Response.ACCEPTED and intro.status == MatchStatus.PROPOSED
