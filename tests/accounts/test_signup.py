import re

from allauth.account.models import EmailAddress

from accounts.models import User

PASSWORD = "a-long-pass-phrase-9"


def sign_up(client, email="new@example.org", **extra):
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, **extra},
    )


def test_sign_up_verify_by_email_then_log_in(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, display_name="Newcomer")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"

    [message] = mailoutbox
    assert message.to == ["new@example.org"]
    link = re.search(r"http://[^/]+(/accounts/confirm-email/[^/\s]+/)", message.body).group(1)

    # Until the address is verified, logging in is not possible.
    client.logout()
    response = client.post("/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    page = client.get(link)
    assert "Confirm" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new@example.org").verified

    client.logout()
    response = client.post("/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.display_name == "Newcomer"


def test_sign_up_has_no_username_field(client, db):
    html = client.get("/accounts/signup/").content.decode()
    assert 'name="email"' in html
    assert 'name="username"' not in html


def test_a_second_account_with_the_same_email_is_refused(client, member, mailoutbox):
    response = sign_up(client, email=member.email)
    # allauth does not reveal whether the address exists: it emails its owner instead.
    assert User.objects.filter(email=member.email).count() == 1
    assert response.status_code in (200, 302)


def test_bad_sign_up_input_keeps_what_was_typed(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "not-an-email",
            "password1": "x",
            "password2": "y",
            "display_name": "<script>alert(1)</script>",
        },
    )
    assert response.status_code == 400  # house rule: a form sent back with errors
    html = response.content.decode()
    assert 'value="not-an-email"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert User.objects.count() == 0


def test_sign_up_is_rate_limited(client, db):
    for n in range(5):
        assert sign_up(client, email=f"person{n}@example.org").status_code == 302
        client.logout()
    response = sign_up(client, email="one-too-many@example.org")
    assert response.status_code == 429
    assert not User.objects.filter(email="one-too-many@example.org").exists()


def test_password_reset_emails_a_link(
    client, member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == [member.email]
    assert "/accounts/password/reset/key/" in message.body


def test_account_emails_go_through_the_outbox_and_their_links_are_not_kept(
    client, db, staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    from core.outbox.models import OutgoingEmail, OutgoingStatus

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, email="private@example.org")
    [message] = mailoutbox
    row = OutgoingEmail.objects.get(to="private@example.org")
    assert row.purpose == "accounts.email-confirmation-signup"
    assert row.status == OutgoingStatus.SENT
    # The confirmation link went in the email; the outbox does not keep it.
    assert "/accounts/confirm-email/" in message.body
    assert row.context == {}
    page = staff_client.get(f"/admin/core/outgoingemail/{row.pk}/change/").content.decode()
    assert "private@example.org" in page
    assert "not shown: it holds a sign-in or password link" in page
