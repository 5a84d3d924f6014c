"""allauth's two-factor log-in pages in the house style and plain British English (issue 12):
a staff member setting up an authenticator app reads sentence-case headings and plain
words, in Welsh on the Welsh pages."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.template.loader import render_to_string
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
ALLAUTHS_WORDS = r"Activate Authenticator App|input the verification|Authenticator App|Sign In"


@pytest.fixture
def staff_client(client):
    UserFactory(email="boss@example.org", is_staff=True)
    client.post("/accounts/login/", {"login": "boss@example.org", "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    return client


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def code_now(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))


def test_setting_up_an_authenticator_app_reads_plainly(staff_client):
    response = staff_client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    page = main(response)
    assert "<h1>Set up an authenticator app</h1>" in page
    assert "Enter the 6-digit code the app shows, to check that it works." in page
    assert staff_client.session["mfa.totp.secret"] in page
    assert ">Turn on two-factor log-in</button>" in page
    assert not re.search(ALLAUTHS_WORDS, page)


def test_a_wrong_code_says_what_is_wrong_and_a_right_one_turns_it_on(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    wrong = staff_client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 400
    assert "There is a problem" in main(wrong) and "Incorrect code." in main(wrong)
    secret = staff_client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post("/accounts/2fa/totp/activate/", {"code": code_now(secret)})
    assert Authenticator.objects.filter(type="totp").exists()
    # The member is told by email, with where the change came from.
    [warning] = mailoutbox
    assert warning.to == ["boss@example.org"]
    assert warning.subject == "[coopcentre] Two-factor log-in is on"
    assert "You set up an authenticator app" in warning.body
    assert "- IP address: 127.0.0.1" in warning.body
    codes = main(staff_client.get(response["Location"]))
    assert "<h1>Recovery codes</h1>" in codes
    assert "If you lose your phone, you can log in with one of these codes" in codes
    index = main(staff_client.get("/accounts/2fa/"))
    assert "<h1>Two-factor log-in</h1>" in index
    assert "Your authenticator app is set up" in index
    assert "You have 10 of 10 recovery codes left." in index
    assert not re.search(ALLAUTHS_WORDS + r"|Recovery Codes", index)

    # The next log-in asks for the code in the same plain words.
    staff_client.logout()
    staff_client.post("/accounts/login/", {"login": "boss@example.org", "password": PASSWORD})
    page = main(staff_client.get("/accounts/2fa/authenticate/"))
    assert "<h1>Enter your code</h1>" in page
    assert "Enter the 6-digit code your authenticator app shows now" in page
    assert not re.search(ALLAUTHS_WORDS + r"|Two-Factor Authentication", page)


def test_the_flash_message_reads_plainly():
    # allauth adds it once the authenticator is saved (on commit): after a test's response.
    text = render_to_string("mfa/messages/totp_activated.txt").strip()
    assert (
        text
        == "Two-factor log-in is on: we will ask for a code from your app each time you log in."
    )


def test_the_welsh_set_up_page_is_in_welsh(staff_client):
    page = main(staff_client.get("/cy/accounts/2fa/totp/activate/"))
    assert "Set up an authenticator app" not in page
    assert "<h1>Gosod ap dilysu</h1>" in page


def test_confirming_it_is_you_with_a_code_reads_plainly(staff_client):
    staff_client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    secret = staff_client.session["mfa.totp.secret"]
    staff_client.post("/accounts/2fa/totp/activate/", {"code": code_now(secret)})
    page = main(staff_client.get("/accounts/2fa/reauthenticate/"))
    assert "<h1>Confirm it's you</h1>" in page
    assert "enter the 6-digit code your authenticator app shows now." in page
    assert 'action="/accounts/2fa/reauthenticate/"' in page
    assert "enter your password again" not in page
