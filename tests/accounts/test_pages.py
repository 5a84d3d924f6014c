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
