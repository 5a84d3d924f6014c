from allauth.account.models import EmailAddress

from accounts.models import User


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_member_edits_their_profile(member_client, member):
    response = member_client.post(
        "/accounts/profile/",
        {
            "display_name": "Mo",
            "home_postcode": "m11ae",
            "interests": "gardening, cooking",
            "campaign_opt_in": "",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Mo"
    assert member.home_postcode == "M1 1AE"
    assert sorted(member.interests.names()) == ["cooking", "gardening"]
    assert member.campaign_opt_in is False


def test_a_bad_postcode_is_explained_and_nothing_is_lost(member_client, member):
    response = member_client.post(
        "/accounts/profile/",
        {"display_name": "Mo Changed", "home_postcode": "BFPO 123", "interests": "walking"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "British Forces (BFPO)" in html
    assert 'value="Mo Changed"' in html
    assert 'value="BFPO 123"' in html
    assert "There is a problem" in html
    member.refresh_from_db()
    assert member.display_name == "Mo Member"


def test_an_endless_interest_is_a_form_error_not_a_database_error(member_client, member):
    response = member_client.post(
        "/accounts/profile/",
        {"display_name": "Mo Changed", "interests": "gardening, " + "x" * 100_000},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "is too long for an interest" in html
    assert 'value="Mo Changed"' in html
    member.refresh_from_db()
    assert list(member.interests.names()) == []


def test_interests_are_tidied_and_repeats_dropped(member_client, member):
    response = member_client.post(
        "/accounts/profile/", {"display_name": "Mo", "interests": "Gardening,  gardening ,Cooking"}
    )
    assert response.status_code == 302
    assert sorted(member.interests.names()) == ["cooking", "gardening"]


def test_deleting_the_account_needs_the_password(member_client, member):
    response = member_client.post("/accounts/profile/delete/", {"password": "wrong"})
    assert response.status_code == 400
    assert "That password is not right." in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_deleting_the_account_removes_personal_data(member_client, member):
    member.interests.add("gardening")
    response = member_client.post(
        "/accounts/profile/delete/", {"password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(email="member@example.org").exists()
    assert not EmailAddress.objects.filter(email="member@example.org").exists()
    # Logged out afterwards.
    assert member_client.get("/accounts/profile/").status_code == 302


def test_profile_delete_refuses_other_methods(member_client):
    assert member_client.put("/accounts/profile/delete/").status_code == 405
