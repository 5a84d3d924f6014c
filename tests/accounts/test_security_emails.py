"""A change to how a member logs in is emailed to them, in their language, with where it
came from: so someone who took over an account cannot change its password or address
unseen."""

from allauth.account.models import EmailAddress

from ..factories import UserFactory

OLD = "correct-horse-battery"
NEW = "a-brand-new-pass-phrase-7"


def _change_password(client):
    return client.post(
        "/accounts/password/change/",
        {"oldpassword": OLD, "password1": NEW, "password2": NEW},
        HTTP_USER_AGENT="Firefox on a library computer",
    )


def test_changing_the_password_emails_the_member_a_warning(
    member_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _change_password(member_client)
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == ["member@example.org"]
    assert message.subject == "[coopcentre] Your password was changed"
    assert "Your password was changed." in message.body
    assert "If you did not make this change, change your password now" in message.body
    assert "- IP address: 127.0.0.1" in message.body
    assert "- Browser: Firefox on a library computer" in message.body
    assert NEW not in message.body


def test_a_welsh_member_is_warned_in_welsh(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    member = UserFactory(email="aelod@example.org", language="cy")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        _change_password(client)
    [message] = mailoutbox
    assert message.subject == "[coopcentre] Mae eich cyfrinair wedi’i newid"
    assert "Mae eich cyfrinair wedi’i newid." in message.body
    assert "Your password" not in message.body


def test_removing_an_address_emails_the_main_one(
    member_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    EmailAddress.objects.create(user=member, email="old-work@example.org", verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            "/accounts/email/", {"action_remove": "", "email": "old-work@example.org"}
        )
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == ["member@example.org"]
    assert message.subject == "[coopcentre] An email address was removed from your account"
    assert "The email address old-work@example.org was removed from your account." in message.body


def test_a_refused_change_sends_nothing(member_client, mailoutbox):
    response = member_client.post(
        "/accounts/password/change/",
        {"oldpassword": "not-my-password", "password1": NEW, "password2": NEW},
    )
    assert response.status_code == 400
    assert mailoutbox == []
