"""A signed-in member's pages cost no session or member query (issue 17), and a change to
their account is seen on their next page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _tables_read(client, path: str) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return " ".join(q["sql"] for q in queries.captured_queries)


def test_a_members_next_page_reads_neither_session_nor_member_from_the_database(member_client):
    _tables_read(member_client, "/spaces/")  # the first page may fill the cache
    sql = _tables_read(member_client, "/spaces/")
    assert "django_session" not in sql
    assert "accounts_user" not in sql


def test_a_member_who_renames_themselves_sees_the_new_name_at_once(member_client):
    member_client.get("/accounts/profile/")
    response = member_client.post(
        "/accounts/profile/", {"display_name": "Morgan", "home_postcode": "", "interests": ""}
    )
    assert response.status_code == 302
    assert 'value="Morgan"' in member_client.get("/accounts/profile/").content.decode()


def test_a_deactivated_member_is_signed_out_on_their_next_page(member_client, member):
    assert b"Log out" in member_client.get("/spaces/").content
    member.is_active = False
    member.save()
    html = member_client.get("/spaces/").content.decode()
    assert "Log out" not in html and "Log in" in html


def test_a_password_change_elsewhere_signs_this_session_out(member_client, member):
    assert b"Log out" in member_client.get("/spaces/").content
    member.set_password("a-new-long-passphrase-2026")
    member.save()
    assert b"Log out" not in member_client.get("/spaces/").content
