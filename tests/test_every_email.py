"""Every email the site sends, read as a member reads it, allauth's account emails included.

``tests/test_email_purposes.py`` makes each capability's email happen through its services
(and the moderation digest); this file walks every account journey that emails (sign-up,
verification sent again, a second address, password reset for a known and an unknown
address, sign-up with an address already taken; a password change emails nothing, as
ACCOUNT_EMAIL_NOTIFICATIONS is off) and reads each message: subject, text and HTML. Each
must name the site ("coopcentre"), and none may show ``None``, an unrendered tag, an
empty name or a link to a host other than SITE_URL's.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client

from core.outbox.models import OutgoingEmail

from .factories import UserFactory
from .test_email_purposes import SITE, problems

pytestmark = pytest.mark.django_db
HOST = urlsplit(SITE).netloc
PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "a-new-long-pass-42"
# A site name left blank reads "Hello from !", "an account on ." or "using !".
BLANK_SITE = re.compile(r"(from|on|using|at)\s+[!.,]")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]


def browser() -> Client:
    return Client(HTTP_HOST=HOST, secure=True)


def read(message) -> list[str]:
    """What is wrong with one account email, in words."""
    html = message.alternatives[0][0] if message.alternatives else ""
    found = []
    for part, content in (("subject", message.subject), ("text", message.body), ("HTML", html)):
        found += [f"{part}: {p}" for p in problems(content)]
        if BLANK_SITE.search(content):
            found.append(f"{part}: a blank site name")
    if "coopcentre" not in message.subject + message.body:
        found.append("the site is not named")
    return found


def account_journeys(mailoutbox, capture) -> dict[str, object]:
    """Every account email, by purpose, made by the pages a member uses."""
    with capture(execute=True):
        browser().post(
            "/accounts/signup/",
            {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
        # Logging in before verifying sends the verification again.
        browser().post("/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
        member = UserFactory(email="known@example.org")
        browser().post(
            "/accounts/signup/",
            {"email": "known@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
        browser().post("/accounts/password/reset/", {"email": "known@example.org"})
        browser().post("/accounts/password/reset/", {"email": "nobody@example.org"})
        signed_in = browser()
        signed_in.force_login(member)
        signed_in.post("/accounts/email/", {"action_add": "", "email": "second@example.org"})
        signed_in.post(
            "/accounts/password/change/",
            {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
    rows = {row.message_id: row.purpose for row in OutgoingEmail.objects.all()}
    return {rows[m.extra_headers["Message-ID"]]: m for m in mailoutbox}


def test_every_account_email_names_the_site_and_reads_right(
    mailoutbox, django_capture_on_commit_callbacks
):
    emails = account_journeys(mailoutbox, django_capture_on_commit_callbacks)
    assert {
        "accounts.email-confirmation-signup",
        "accounts.email-confirmation",
        "accounts.account-already-exists",
        "accounts.password-reset-key",
        "accounts.unknown-account",
    } <= set(emails)
    report = [f"{purpose} {p}" for purpose, message in emails.items() for p in read(message)]
    assert report == []


def test_the_verification_email_greets_from_coopcentre(
    mailoutbox, django_capture_on_commit_callbacks
):
    emails = account_journeys(mailoutbox, django_capture_on_commit_callbacks)
    message = emails["accounts.email-confirmation-signup"]
    assert message.subject == "[coopcentre] Confirm your email address"
    assert "Hello from coopcentre!" in message.body
    # The link's host is SITE_URL's (its scheme follows ACCOUNT_DEFAULT_HTTP_PROTOCOL).
    assert f"://{HOST}/accounts/confirm-email/" in message.body
    assert message.body.rstrip().endswith(f"Thank you for using coopcentre.\n{SITE}/")


def test_the_checks_catch_a_blank_site_name():
    class Message:
        subject = "[] Confirm"
        body = "Hello from !\n\nThank you for using !"
        alternatives = []

    assert "text: a blank site name" in read(Message)
    assert "the site is not named" in read(Message)


def _documented_purposes() -> set[str]:
    """The purposes named in the first column of the docs' tables: the capabilities' in
    docs/outbox-purposes.md and the foundation's in docs/outbox.md."""
    names = set()
    for doc in ("docs/outbox-purposes.md", "docs/outbox.md"):
        for line in (settings_base() / doc).read_text().splitlines():
            first = line.split("|")[1] if line.startswith("|") else ""
            # The row's own name comes first ("`accounts.*` (`accounts.…`, …)").
            if found := re.match(r"\s*`([a-z_]+\.[a-z*-]+)`", first):
                names.add(found.group(1))
    return names


def settings_base():
    from django.conf import settings

    return Path(settings.BASE_DIR)


def test_every_purpose_is_documented_and_read_by_the_render_test():
    """Every outbox purpose is in the docs, every documented one is registered, and the
    render test (``test_email_purposes.test_every_email_reads_right``, which fails on a
    blank name, ``None``, ``{{``, a wrong host or a doubled full stop) reads each: the
    capabilities' through the scenario, the foundation's by hand."""
    from core.outbox import registry

    from .email_scenario import PURPOSES

    registered = {purpose.name for purpose in registry.purposes()}
    documented = _documented_purposes()
    assert registered == documented, (registered - documented, documented - registered)
    foundation = {"accounts.*", "core.moderation-decision", "core.moderation-digest"}
    read = set(PURPOSES) | foundation | {"matching.campaign"}
    assert registered <= read, registered - read


def test_a_reason_ending_its_own_sentence_reads_with_one_full_stop(db):
    """The matching emails put a match's reason in a sentence: one typed with its own
    full stop must not read "any time.." (``{{ reason|full_stop }}``)."""
    from django.template.loader import render_to_string

    from .matching.factories import IntroductionFactory

    intro = IntroductionFactory(reason="A local scheme that helps with shopping.")
    for name in ("matching/emails/closed-body.txt", "matching/emails/closed-body.html"):
        text = render_to_string(
            name, {"matches": [intro], "recipient": intro.need.person, "site_url": SITE}
        )
        assert "shopping." in text and "shopping.." not in text, name
        assert "a doubled full stop" not in problems(text), name
