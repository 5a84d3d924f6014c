"""allauth's log-in and sign-up answer a form sent back with errors as every form here
does: 400, with what was typed kept."""


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
