"""allauth's forms answer a form sent back with errors as every form here does: 400, with
what was typed kept (passwords are never sent back) and the reason shown in the error
summary. Log-in and sign-up; password reset, reset from the emailed link, change and set;
email addresses; re-authentication; two-factor set-up and log-in codes."""

import re

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


def shown(response) -> str:
    """The page, having checked it is a 400 with the house error summary."""
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'aria-invalid="true"' in html
    return html


def test_a_wrong_password_is_a_400_that_keeps_the_address(client, member):
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": "not-the-password"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'value="{member.email}"' in html
    assert "The email address and/or password you specified are not correct." in html


def test_an_invalid_sign_up_is_a_400_that_keeps_what_was_typed(client, db):
    response = client.post(
        "/accounts/signup/",
        {"email": "typed@example", "password1": "x", "password2": "y", "display_name": "Ana"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="typed@example"' in html and 'value="Ana"' in html


def test_the_welsh_pages_answer_the_same(client, db):
    response = client.post("/cy/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 400


def test_a_good_log_in_still_redirects(client, member):
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302


def test_a_password_reset_for_a_malformed_address_keeps_it(client, db):
    html = shown(client.post("/accounts/password/reset/", {"email": "ana@"}))
    assert 'value="ana@"' in html
    assert "Enter a valid email address." in html


def test_a_password_change_with_the_wrong_current_password_says_so(client, member):
    client.force_login(member)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "not-it", "password1": "a-new-long-one-2026", "password2": "x"},
    )
    html = shown(response)
    assert "Please type your current password." in html
    assert "You must type the same password each time." in html
    assert "a-new-long-one-2026" not in html  # passwords are never sent back


def test_setting_a_first_password_that_does_not_match_says_so(client, db):
    person = UserFactory(email="nopass@example.org")
    person.set_unusable_password()
    person.save()
    client.force_login(person)
    response = client.post(
        "/accounts/password/set/", {"password1": "a-new-long-one-2026", "password2": "other"}
    )
    assert "You must type the same password each time." in shown(response)


def test_a_new_password_from_the_emailed_link_must_be_good(client, member):
    key = default_token_generator.make_token(member)
    link = f"/accounts/password/reset/key/{user_pk_to_url_str(member)}-{key}/"
    # allauth moves the key out of the address into the session, then shows the form.
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"password1": "123", "password2": "123"})
    html = shown(response)
    assert "This password is too short." in html
    assert "This password is entirely numeric." in html
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_adding_a_malformed_email_address_keeps_it(client, member):
    client.force_login(member)
    response = client.post("/accounts/email/", {"action_add": "", "email": "second@"})
    html = shown(response)
    assert 'value="second@"' in html
    assert "Enter a valid email address." in html


def test_a_wrong_password_when_asked_again_says_so(client, member):
    client.force_login(member)
    response = client.post("/accounts/reauthenticate/", {"password": "not-it"})
    assert "Incorrect password." in shown(response)


def test_a_wrong_authenticator_code_at_set_up_says_so_and_keeps_it(client, member):
    client.force_login(member)
    # Setting it up asks for the password again first.
    assert client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    response = client.post("/accounts/2fa/totp/activate/", {"code": "123456"})
    html = shown(response)
    assert re.search(r'name="code"[^>]*value="123456"|value="123456"[^>]*name="code"', html)
    assert "Incorrect code." in html


def test_every_form_view_of_allauth_answers_400():
    """Each form view allauth routes is swapped for one that answers 400 (a view added in a
    new allauth is too), and nothing else is."""
    from django.urls import get_resolver

    def views(patterns):
        for entry in patterns:
            if hasattr(entry, "url_patterns"):
                yield from views(entry.url_patterns)
            else:
                yield entry.name, getattr(entry.callback, "view_class", None)

    found = dict(views(get_resolver().url_patterns))
    assert found["account_change_password"].__name__ == "HousePasswordChangeView"
    assert found["mfa_activate_totp"].__name__ == "HouseActivateTOTPView"
    assert found["account_logout"].__name__ == "LogoutView"  # no form, left as it is
    allauth_forms = [
        (name, view)
        for name, view in found.items()
        if view and view.__module__.startswith("allauth") and hasattr(view, "form_invalid")
    ]
    assert allauth_forms == []
