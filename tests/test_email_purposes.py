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

from core.outbox import registry
from core.outbox.models import OutgoingEmail
from core.outbox.tasks import send_email

from .email_scenario import PURPOSES, every_email
from .outbox import settled

SITE = "https://coopcentre.example"
# Links the scenario's own data points to (an online event's join link).
OUTSIDE_HOSTS = {"meet.example.org"}
URL = re.compile(r"""https?://[^\s"'<>]+""")
HREF = re.compile(r'href="([^"]*)"')


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
    sent = Counter()
    report = []
    seen = 0

    def step(expected: int):
        nonlocal seen
        new, seen = mailoutbox[seen:], len(mailoutbox)
        assert len(new) == expected, [m.subject for m in new]
        rows = {row.message_id: row for row in OutgoingEmail.objects.all()}
        for message in new:
            row = rows[message.extra_headers["Message-ID"]]
            sent[row.purpose] += 1
            subject, text, html = message.subject, message.body, message.alternatives[0][0]
            assert subject.strip() and text.strip() and "<p>" in html, row.purpose
            for part, content in (("subject", subject), ("text", text), ("HTML", html)):
                report.extend(f"{row.purpose} {part}: {p}" for p in problems(content))

    every_email(step, staff)

    assert report == []
    assert dict(sent) == PURPOSES
    # Every purpose a capability registered is in the scenario (a new one must be added).
    capabilities = ("spaces.", "events.", "matching.", "communities.")
    registered = {p.name for p in registry.purposes() if p.name.startswith(capabilities)}
    registered.discard("matching.campaign")
    assert registered == set(PURPOSES)


def test_the_checks_catch_what_they_are_for():
    assert problems("Hello , welcome") == ["an empty name"]
    assert problems("Your date: None") == ["None"]
    assert problems("Hi {{ name }}") == ["an unrendered template tag"]
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
