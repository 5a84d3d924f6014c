"""End to end through a real Celery worker on Redis, emails into an SMTP sink on loopback."""

import re
import time

import pytest
from django.test import Client

from matching.models import Match, MatchStatus, Need
from matching.services.matches import response_token_read

from .factories import OfferFactory, SchemeFactory, medication, phone_chat, shopping

pytestmark = pytest.mark.worker


def links(text: str) -> dict:
    """The accept/decline links in a plain-text email, by answer."""
    found = re.findall(r"(http://\S+/help/respond/[^/\s]+/)\?answer=(accept|decline)", text)
    return {answer: url for url, answer in found}


def local(url: str) -> str:
    """The path of a link in an email (which names SITE_URL, not the test server)."""
    return re.sub(r"^https?://[^/]+", "", url)


def match_of(url: str):
    token = local(url).rstrip("/").rsplit("/", 1)[-1]
    return response_token_read(token=token)[0]


def by_recipient(messages):
    return {m["To"]: m for m in messages}


def test_register_match_accept_and_decline_through_a_real_worker(
    celery_worker, smtp_sink, member, owner, stranger, member_client
):
    kinds = {"shopping": shopping(), "medication": medication(), "chat": phone_chat()}
    SchemeFactory(name="Manchester Food Line", phone="0161 000 1111", kinds=[kinds["shopping"]])
    OfferFactory(
        person=owner, at="M14 5LL", kinds=[kinds["shopping"]], contact_phone="07700 900002"
    )
    OfferFactory(person=stranger, at="M14 5LL", kinds=[kinds["chat"]])

    response = member_client.post(
        "/help/need/",
        {
            "kinds": [kinds["shopping"].pk, kinds["chat"].pk],
            "postcode": "M14 5LL",
            "max_distance_km": "5",
            "availability": ["1", "2", "4", "8"],
            "note": "Weekly shop, please",
            "contact_phone": "07700 900001",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    need = Need.objects.get(person=member)

    # The worker matched it and emailed the member (schemes + introductions) and both
    # volunteers (their introduction).
    emails = by_recipient(smtp_sink.wait_for(3))
    to_member = emails["member@example.org"]
    text = smtp_sink.text(to_member)
    assert to_member["Subject"] == "We've found help for you"
    assert "Manchester Food Line" in text and "0161 000 1111" in text
    assert "Manchester Food Line" in smtp_sink.html(to_member)
    assert "not an emergency service" in text
    member_links = re.findall(r"(http://\S+/help/respond/[^/\s]+/)\?answer=accept", text)
    assert len(member_links) == 2
    for secret in ("07700 900002", "owner@example.org", "stranger@example.org"):
        assert secret not in text

    shop = Match.objects.get(need=need, offer__person=owner)
    chat = Match.objects.get(need=need, offer__person=stranger)
    owner_links = links(smtp_sink.text(emails["owner@example.org"]))
    stranger_links = links(smtp_sink.text(emails["stranger@example.org"]))
    assert "Weekly shop" not in smtp_sink.text(emails["owner@example.org"])

    # The volunteer and the member accept the shopping introduction through the links.
    anonymous = Client()
    smtp_sink.clear()
    assert anonymous.post(local(owner_links["accept"]), {"answer": "accept"}).status_code == 200
    [member_shop_link] = [url for url in member_links if match_of(url) == shop]
    assert anonymous.post(local(member_shop_link), {"answer": "accept"}).status_code == 200
    details = by_recipient(smtp_sink.wait_for(2))
    assert "owner@example.org" in smtp_sink.text(details["member@example.org"])
    assert "07700 900002" in smtp_sink.text(details["member@example.org"])
    assert "member@example.org" in smtp_sink.text(details["owner@example.org"])
    assert "07700 900001" in smtp_sink.html(details["owner@example.org"])
    assert "Weekly shop, please" in smtp_sink.text(details["owner@example.org"])
    shop.refresh_from_db()
    assert shop.status == MatchStatus.INTRODUCED

    # The other volunteer declines: the member is told, and nobody's details go anywhere.
    smtp_sink.clear()
    assert (
        anonymous.post(local(stranger_links["decline"]), {"answer": "decline"}).status_code == 200
    )
    [closed] = smtp_sink.wait_for(1)
    assert closed["To"] == "member@example.org"
    assert "won't go ahead" in closed["Subject"]
    assert "stranger@example.org" not in smtp_sink.text(closed)
    chat.refresh_from_db()
    assert chat.status == MatchStatus.DECLINED
    # Exactly the emails above: nothing sent twice by the worker.
    time.sleep(1.0)
    assert len(smtp_sink.messages) == 1
