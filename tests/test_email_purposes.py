"""Every email the capabilities send, as members read it, and through a real worker once.

The scenario (``tests/email_scenario.py``) makes one of each email happen through the
services. The render test reads each one (subject, text and HTML) for the mistakes that
slip through: an empty name, ``None``, a template tag left unrendered, a link to the wrong
host. The worker test sends them all through a real Celery worker on Redis to an SMTP
sink, with one refused by the server at first and every task delivered twice, and checks
each arrives exactly once.
"""

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.test import Client

from core.moderation import listing_moderate
from core.moderation_queue.digest import digest_send
from core.outbox import registry
from core.outbox.models import OutgoingEmail
from core.outbox.services import message_build
from core.outbox.tasks import send_email

from .email_scenario import PURPOSES, every_email
from .events.factories import EventFactory
from .factories import UserFactory
from .matching.factories import CampaignFactory
from .outbox import settled

SITE = "https://coopcentre.example"
# Links the scenario's own data points to (an online event's join link).
OUTSIDE_HOSTS = {"meet.example.org"}
URL = re.compile(r"""https?://[^\s"'<>]+""")
HREF = re.compile(r'href="([^"]*)"')
# ".." that is not part of an ellipsis ("..." or "…" are fine).
DOUBLED_STOP = re.compile(r"(?<![.])\.\s*\.(?![.])")


def problems(text: str) -> list[str]:
    """What is wrong with one rendered part of an email, in words."""
    found = []
    if re.search(r"\bNone\b", text):
        found.append("None")
    if "{{" in text or "{%" in text or "}}" in text:
        found.append("an unrendered template tag")
    # An empty name leaves "Hello ," or "Dear ," behind.
    if re.search(r"\b(Hello|Hi|Dear)\s+[,.]", text) or re.search(r"\w ,", text):
        found.append("an empty name")
    # A reason that ends its own sentence, joined to a template's "." (issue 12).
    if DOUBLED_STOP.search(text):
        found.append("a doubled full stop")
    for href in HREF.findall(text):
        if not href.startswith(("https://", "http://", "mailto:", "tel:")):
            found.append(f"a link without a host: {href}")
    for url in URL.findall(text):
        host = urlsplit(url).netloc
        if host != urlsplit(SITE).netloc and host not in OUTSIDE_HOSTS:
            found.append(f"a link to the wrong host: {url}")
    return found


def test_every_email_reads_right(transactional_db, staff, settings, mailoutbox):
    # Committed as on the live site, so each email is sent (in-process) as its step ends.
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, urlsplit(SITE).netloc]
    sent = Counter()
    report = []
    seen = 0

    def read(message, purpose: str):
        sent[purpose] += 1
        subject, text = message.subject, message.body
        html = message.alternatives[0][0] if message.alternatives else ""
        assert subject.strip() and text.strip(), purpose
        # Only allauth's account emails may be text alone.
        assert "<p>" in html or purpose.startswith("accounts."), purpose
        for part, content in (("subject", subject), ("text", text), ("HTML", html)):
            report.extend(f"{purpose} {part}: {p}" for p in problems(content))

    def step(expected: int):
        nonlocal seen
        new, seen = mailoutbox[seen:], len(mailoutbox)
        assert len(new) == expected, [m.subject for m in new]
        rows = {row.message_id: row for row in OutgoingEmail.objects.all()}
        for message in new:
            read(message, rows[message.extra_headers["Message-ID"]].purpose)

    every_email(step, staff)
    # The foundation's own: a moderation decision, an account email, a campaign copy.
    pending = EventFactory(title="Repair café", moderation_status="pending")
    listing_moderate(listing=pending, decision="approved", by=staff)
    step(1)
    # The moderators' daily digest (staff is the one moderator).
    EventFactory(title="Tea dance", moderation_status="pending")
    digest_send()
    step(1)
    Client().post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "a-long-pass-9", "password2": "a-long-pass-9"},
        HTTP_HOST=urlsplit(SITE).netloc,
        secure=True,
    )
    step(1)
    member = UserFactory(campaign_opt_in=True)
    campaign = CampaignFactory(subject="Do you need help, or can you help?")
    copy = OutgoingEmail(
        purpose="matching.campaign",
        key=f"{campaign.pk}:{member.pk}",
        to=member.email,
        template=registry.get("matching.campaign").template,
        context={"campaign": campaign.pk, "user": member.pk},
    )
    read(message_build(copy), copy.purpose)

    assert report == []
    assert {p: n for p, n in sent.items() if p in PURPOSES} == PURPOSES
    # Every registered purpose was read (a new one must be added to the scenario).
    for purpose in registry.purposes():
        family = purpose.name.removesuffix("*")
        assert any(name.startswith(family) for name in sent), purpose.name


def test_the_checks_catch_what_they_are_for():
    assert problems("Hello , welcome") == ["an empty name"]
    assert problems("Your date: None") == ["None"]
    assert problems("Hi {{ name }}") == ["an unrendered template tag"]
    assert problems("Closed for repairs.. Sorry") == ["a doubled full stop"]
    assert problems("Closed for repairs. Sorry... or …") == []
    assert problems('<a href="/events/">') == ["a link without a host: /events/"]
    assert problems("See http://127.0.0.1:8000/spaces/") == [
        "a link to the wrong host: http://127.0.0.1:8000/spaces/"
    ]
    assert problems(f"Hello Ada, see {SITE}/spaces/ and https://meet.example.org/x") == []


@pytest.mark.worker
def test_every_email_goes_once_through_a_real_worker_even_when_retried(
    celery_worker, smtp_sink, staff, monkeypatch
):
    # The mail server refuses the pioneer's message the first time ("try again later").
    refused = []
    deliver = smtp_sink.handle_DATA

    async def refuse_once(server, session, envelope):
        if "pioneer@example.org" in envelope.rcpt_tos and not refused:
            refused.append(envelope.rcpt_tos)
            return "451 4.3.0 Try again later"
        return await deliver(server, session, envelope)

    monkeypatch.setattr(smtp_sink, "handle_DATA", refuse_once)
    total = 0

    def step(expected: int):
        nonlocal total
        total += expected
        # Each task delivered twice at once (a redelivery after a worker restart).
        for row in OutgoingEmail.objects.filter(status="queued"):
            send_email.delay(row.pk)
        if "pioneer@example.org" not in {row.to for row in OutgoingEmail.objects.all()}:
            smtp_sink.wait_for(total, timeout=60)

    every_email(step, staff)

    # The refused message waits for its retry (a random wait of up to half a minute).
    messages = smtp_sink.wait_for(total, timeout=120)
    rows = settled(timeout=30, purpose__in=list(PURPOSES))
    assert refused == [["pioneer@example.org"]]
    assert Counter(row.purpose for row in rows) == PURPOSES
    assert all(row.status == "sent" for row in rows), [(r.purpose, r.status) for r in rows]
    retried = rows.get(purpose="communities.message")
    assert retried.attempts == 2 and "451" in retried.last_error
    # Every task delivered once more: nothing is sent again.
    for row in rows:
        assert send_email.delay(row.pk).get(timeout=30) == ""
    ids = Counter(m["Message-ID"] for m in smtp_sink.messages)
    assert len(smtp_sink.messages) == len(messages) == total == sum(PURPOSES.values())
    assert sorted(ids) == sorted(row.message_id for row in rows)
    assert set(ids.values()) == {1}
