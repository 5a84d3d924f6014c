"""allauth's account messages and its "confirm it's you" page in plain British English and
in Welsh (issue 12): what a member reads after logging in, out, or changing an address."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
MESSAGES = [
    "cannot_delete_primary_email",
    "email_confirmation_failed",
    "email_confirmation_sent",
    "email_confirmed",
    "email_deleted",
    "logged_in",
    "logged_out",
    "password_changed",
    "password_set",
    "primary_email_set",
    "unverified_primary_email",
]
ALLAUTHS_WORDS = ("Successfully", "successfully", "Unable to", "primary", "e-mail")


def message(name: str, user, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            f"account/messages/{name}.txt", {"email": "jo@example.org", "user": user}
        ).strip()


def test_every_account_message_is_plain_english_and_welsh():
    user = UserFactory(email="jo@example.org", display_name="Jo Bloggs")
    for name in MESSAGES:
        english, welsh = message(name, user, "en-gb"), message(name, user, "cy")
        assert english and not any(word in english for word in ALLAUTHS_WORDS), (name, english)
        assert welsh != english, (name, welsh)
    assert message("logged_in", user, "en-gb") == "You are logged in as Jo Bloggs."
    assert message("email_deleted", user, "cy") == "Nid yw jo@example.org ar eich cyfrif mwyach."


def test_logging_in_says_who_you_are_logged_in_as(client):
    UserFactory(email="jo@example.org", display_name="Jo Bloggs")
    response = client.post(
        "/accounts/login/", {"login": "jo@example.org", "password": PASSWORD}, follow=True
    )
    assert "You are logged in as Jo Bloggs." in response.content.decode()


def test_confirm_its_you_asks_for_the_password_plainly(client):
    UserFactory(email="jo@example.org")
    client.post("/accounts/login/", {"login": "jo@example.org", "password": PASSWORD})
    html = client.get("/accounts/reauthenticate/").content.decode()
    assert "<h1>Confirm it's you</h1>" in html
    assert "enter your password again" in html
    assert "Confirm Access" not in html and "reauthenticate to safeguard" not in html
    welsh = client.get("/cy/accounts/reauthenticate/").content.decode()
    assert "Confirm it's you" not in welsh
