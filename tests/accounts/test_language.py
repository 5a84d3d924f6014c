"""A member's language: chosen at sign-up, changed in the profile, honoured by every email."""

import pytest

from accounts.models import User
from core.outbox import enqueue_many
from core.outbox.models import OutgoingEmail
from core.outbox.services import recipient_language

from ..factories import UserFactory

PASSWORD = "a-long-pass-phrase-9"


def sign_up(client, path="/accounts/signup/", **extra):
    return client.post(
        path,
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD, **extra},
    )


def test_sign_up_offers_the_language_being_browsed(client, db):
    html = client.get("/cy/accounts/signup/").content.decode()
    assert '<option value="cy" selected>Cymraeg</option>' in html
    html = client.get("/accounts/signup/").content.decode()
    assert '<option value="en-gb" selected>English</option>' in html


def test_signing_up_in_welsh_stores_welsh_and_the_verification_email_is_welsh(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "/cy/accounts/signup/")
    assert response.status_code == 302
    assert response["Location"] == "/cy/accounts/confirm-email/"
    assert User.objects.get(email="new@example.org").language == "cy"
    [message] = mailoutbox
    assert "Cadarnhewch eich cyfeiriad e-bost" in message.subject
    assert "/cy/accounts/confirm-email/" in message.body
    assert "Please confirm" not in message.body


def test_a_member_who_chose_english_on_a_welsh_page_gets_english(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "/cy/accounts/signup/", language="en-gb")
    assert User.objects.get(email="new@example.org").language == "en-gb"
    [message] = mailoutbox
    assert "Confirm your email address" in message.subject


def test_the_profile_changes_the_language(member_client, member):
    html = member_client.get("/accounts/profile/").content.decode()
    # Stored as nothing (joined before there was a choice): shown and written as English.
    assert '<option value="en-gb" selected>English</option>' in html
    response = member_client.post(
        "/cy/accounts/profile/", {"display_name": "Mo", "language": "cy", "campaign_opt_in": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/cy/accounts/profile/"
    member.refresh_from_db()
    assert member.language == "cy"
    page = member_client.get(response["Location"]).content.decode()
    assert "Mae eich proffil wedi’i gadw." in page
    assert '<option value="cy" selected>Cymraeg</option>' in page


def test_a_language_that_is_not_offered_is_refused(member_client, member):
    response = member_client.post("/accounts/profile/", {"display_name": "Mo", "language": "fr"})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.language == ""


@pytest.mark.parametrize(("stored", "expected"), [("cy", "cy"), ("en-gb", "en-gb"), ("", "en-gb")])
def test_the_outbox_writes_in_the_recipients_language(db, stored, expected):
    user = UserFactory(language=stored)
    assert recipient_language(user.email) == expected
    assert recipient_language(user.email.upper()) == expected
    assert recipient_language("not-a-member@example.org") == "en-gb"


def test_emails_asked_for_in_bulk_get_each_recipients_language(db):
    welsh, english, unset = (UserFactory(language=code) for code in ("cy", "en-gb", ""))
    enqueue_many(
        "accounts.email-confirmation",
        [
            {"key": user.pk, "to": user.email, "context": {"subject": "", "text": "", "html": ""}}
            for user in (welsh, english, unset)
        ],
    )
    languages = dict(OutgoingEmail.objects.values_list("to", "language"))
    assert languages == {welsh.email: "cy", english.email: "en-gb", unset.email: "en-gb"}
