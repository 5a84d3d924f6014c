"""allauth's pages in the house style and plain British English."""

import re

import pytest

pytestmark = pytest.mark.django_db


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode()).group(1)


def test_log_in_reads_plainly(client):
    response = client.get("/accounts/login/")
    assert title(response) == "Log in · coopcentre"
    page = main(response)
    assert "<h1>Log in</h1>" in page
    assert "Remember me" in page and "Forgotten your password?" in page
    assert not re.search(r"Sign In|Remember Me|Sign Up|Forgot your", page)


def test_sign_up_reads_plainly_and_its_help_is_not_a_list_inside_a_paragraph(client):
    response = client.get("/accounts/signup/")
    assert title(response) == "Sign up · coopcentre"
    page = main(response)
    assert "<h1>Sign up</h1>" in page and ">Sign up</button>" in page
    assert not re.search(r"Signup|Sign Up|sign in", page)
    assert not re.search(r"<p>(?:(?!</p>).)*<ul", page, re.S)


def test_a_wrong_sign_up_lists_the_problems_and_keeps_the_address(client):
    response = client.post(
        "/accounts/signup/", {"email": "ada@", "password1": "a", "password2": "b"}
    )
    page = main(response)
    assert 'class="error-summary"' in page
    assert '<a href="#id_email">' in page
    assert 'value="ada@"' in page


def test_the_pages_after_sign_up_and_reset_read_plainly(client):
    for url, heading in [
        ("/accounts/password/reset/", "Reset your password"),
        ("/accounts/password/reset/done/", "Check your email"),
        ("/accounts/confirm-email/", "Check your email"),
    ]:
        response = client.get(url)
        assert f"<h1>{heading}</h1>" in main(response), url


# allauth's Title Case and American words, which none of its pages here may show.
ALLAUTH_WORDS = re.compile(
    r"Change Password|Set Password|Current Password|New Password|Email Addresses|Add Email|"
    r"Make Primary|Re-send Verification|Bad Token|Forgot your"
)


def test_the_member_account_pages_read_plainly(member_client):
    for url, heading in [
        ("/accounts/password/change/", "Change your password"),
        ("/accounts/email/", "Your email addresses"),
    ]:
        page = main(member_client.get(url))
        assert f"<h1>{heading}</h1>" in page, url
        assert not ALLAUTH_WORDS.search(page), (url, ALLAUTH_WORDS.search(page).group(0))
    page = main(member_client.get("/accounts/password/change/"))
    assert "Current password" in page and "New password (again)" in page
    assert "Forgotten your password?" in page
    page = main(member_client.get("/accounts/email/"))
    assert "member@example.org" in page and "the one we write to" in page
    assert ">Add address</button>" in page


def test_choosing_a_first_password_reads_plainly(client):
    from tests.factories import UserFactory

    person = UserFactory(email="nopass@example.org")
    person.set_unusable_password()
    person.save()
    client.force_login(person)
    page = main(client.get("/accounts/password/set/"))
    assert "<h1>Choose a password</h1>" in page and "Password (again)" in page
    assert not ALLAUTH_WORDS.search(page)


def test_a_used_or_wrong_reset_link_says_what_to_do(client):
    page = main(client.get("/accounts/password/reset/key/1-not-a-key/"))
    assert "<h1>This link no longer works</h1>" in page
    assert '<a href="/accounts/password/reset/">Ask for a new link</a>' in page
    assert not ALLAUTH_WORDS.search(page)


def test_the_reset_link_asks_for_a_new_password_plainly(client, member):
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    key = default_token_generator.make_token(member)
    form_url = client.get(f"/accounts/password/reset/key/{user_pk_to_url_str(member)}-{key}/")
    page = main(client.get(form_url["Location"]))
    assert "<h1>Choose a new password</h1>" in page and "New password (again)" in page
    assert not ALLAUTH_WORDS.search(page)
