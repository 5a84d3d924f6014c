"""Staff log in through allauth, with its limits, and with a second factor (issue 11, item 2):
/admin/login/ never takes a password itself; where STAFF_REQUIRE_MFA is on (production),
the staff site opens only to staff who set up an authenticator app, and every log-in then
asks for its code (a real TOTP code, computed as the app would)."""

import re

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.utils import timezone, translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def staff_person():
    return UserFactory(email="boss@example.org", is_staff=True, is_superuser=True)


def code_now(secret: str) -> str:
    """The six digits an authenticator app shows for ``secret`` at this moment."""
    return format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))


def log_in(client, email="boss@example.org", password=PASSWORD, next_url="/admin/"):
    return client.post(f"/accounts/login/?next={next_url}", {"login": email, "password": password})


def test_the_admins_log_in_page_is_allauths(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    # Posting a password to it logs nobody in: it has no password form any more.
    response = client.post("/admin/login/", {"username": "boss@example.org", "password": "x"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_forty_wrong_passwords_are_stopped_before_the_right_one(client, staff_person):
    """The guesses the admin's own form took: allauth stops the right password after five
    wrong ones for the address (5 per 5 minutes), and all log-ins after 30 a minute."""
    for n in range(5):
        response = log_in(client, password=f"wrong-{n}")
        assert response.status_code == 400
        assert "The email address and/or password you specified are not correct." in (
            response.content.decode()
        )
    response = log_in(client)
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session
    statuses = [log_in(client, password=f"wrong-{n}").status_code for n in range(5, 40)]
    assert statuses[-1] == 429
    assert log_in(client).status_code == 429
    assert "_auth_user_id" not in client.session


def test_without_the_requirement_staff_reach_the_admin_with_a_password(
    client, staff_person, settings
):
    settings.STAFF_REQUIRE_MFA = False
    assert log_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_production_requires_staff_to_set_up_and_use_an_authenticator(
    client, staff_person, settings
):
    settings.STAFF_REQUIRE_MFA = True
    response = log_in(client)
    assert response.status_code == 302
    # Logged in, but the staff site sends them to set up two-factor log-in first.
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # Setting it up asks for the password again (allauth's reauthentication).
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert client.post(response["Location"], {"password": PASSWORD}).status_code == 302
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    assert secret in page.content.decode()  # shown for typing into an app by hand
    assert client.post("/accounts/2fa/totp/activate/", {"code": "000000"}).status_code == 400
    response = client.post("/accounts/2fa/totp/activate/", {"code": code_now(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff_person, type="totp").exists()
    assert client.get("/admin/").status_code == 200

    # Next time (a minute on, a fresh code), the password alone is not enough.
    client.logout()
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=60)):
        response = log_in(client)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/2fa/authenticate/")
        assert "_auth_user_id" not in client.session
        assert client.get("/admin/").status_code == 302
        wrong = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
        assert wrong.status_code == 400
        assert re.search(r"[Ii]ncorrect code", wrong.content.decode())
        response = client.post("/accounts/2fa/authenticate/", {"code": code_now(secret)})
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200


def test_members_are_never_asked_to_set_up_two_factor_log_in(client, member, settings):
    settings.STAFF_REQUIRE_MFA = True
    assert log_in(client, email=member.email).status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/accounts/profile/").status_code == 200
    assert client.get("/admin/", follow=True).status_code == 403


@pytest.fixture
def _english_afterwards():
    yield
    # A /cy/ request leaves Welsh active in this thread; tests without a database run
    # last (pytest-django) and read English text.
    translation.deactivate()


@pytest.mark.usefixtures("_english_afterwards")
def test_the_welsh_staff_site_also_asks_staff_to_set_up_two_factor_log_in(
    client, staff_person, settings
):
    settings.STAFF_REQUIRE_MFA = True
    assert log_in(client).status_code == 302
    # The English staff site first (where it starts is worked out once per language).
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"
    response = client.get("/cy/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/cy/accounts/2fa/totp/activate/"
    assert client.get("/cy/spaces/").status_code == 200
