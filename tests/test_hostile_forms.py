"""Hostile input against every form (issue 11, "Bad input"): NUL bytes, invalid UTF-8,
huge numbers, NaN and infinities, 100,000-character strings, in every field at once and in
each field of an otherwise valid post. The answer is never a 500: the form refuses with a
400 (or takes a value it can store, 302). Listing query parameters (GET) are the robust
branch's suite.

Runs on SQLite by default and on PostgreSQL with DATABASE_URL (NUL bytes and huge numbers
fail differently there)."""

from urllib.parse import urlencode

import pytest

from .accounts.test_signup import PASSWORD
from .submissions import SUBMISSIONS, Submission
from .submissions import world as make_world

pytestmark = pytest.mark.django_db

HOSTILE = {
    "nul": "a\x00b",
    "huge number": "9" * 400,
    "negative huge": "-" + "9" * 400,
    "nan": "NaN",
    "infinity": "1e309",
    "long": "x" * 100_000,
    "control": "\x1b[2J\r\n\u2028\ufeff",
}
# What reaches the database when a field takes it: the values worth trying field by field.
FIELD_BY_FIELD = ["huge number", "negative huge", "nan", "infinity", "nul"]


@pytest.fixture(autouse=True)
def _no_limits(settings, tmp_path):
    # Hundreds of posts: the limits (tests/core/test_limits.py) would answer 429 first.
    settings.RATELIMIT_ENABLE = False
    settings.ACCOUNT_RATE_LIMITS = False
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(owner, member):
    return make_world(owner=owner, member=member)


@pytest.fixture
def clients(member_client, owner_client):
    return {"member": member_client, "owner": owner_client}


# Forms that are not submissions, with a valid post each.
OTHERS = [
    ("profile", "member", lambda w: "/accounts/profile/", {"display_name": "Mo"}),
    ("delete account", "member", lambda w: "/accounts/profile/delete/", {"password": "x"}),
    (
        "edit a group",
        "owner",
        lambda w: f"/communities/{w['group'].slug}/edit/",
        {"name": "Makers", "kind": "community_group", "area_type": "interest", "tags": "x"},
    ),
    (
        "cancel an event",
        "owner",
        lambda w: f"/events/{w['event'].slug}/cancel/",
        {"reason": "The hall flooded."},
    ),
    (
        "edit a request for help",
        "owner",
        lambda w: f"/help/needs/{w['need'].pk}/edit/",
        {"postcode": "M14 5LL", "max_distance_km": "5", "note": "x"},
    ),
    (
        "register a community",
        "owner",
        lambda w: f"/communities/register/{w['group'].slug}/confirm/",
        {"confirm": "on"},
    ),
]

FORMS = [(s.what, s.who, s.url, lambda w, s=s: s.data(w, 0)) for s in SUBMISSIONS] + [
    (what, who, url, lambda w, data=data: dict(data)) for what, who, url, data in OTHERS
]


def _text_fields(data: dict) -> list[str]:
    return [name for name, value in data.items() if isinstance(value, str)]


def _assert_answered(response, what, detail):
    assert response.status_code in (200, 302, 400, 409), (what, detail, response.status_code)


@pytest.mark.parametrize(("what", "who", "url", "data"), [pytest.param(*f, id=f[0]) for f in FORMS])
def test_hostile_values_in_every_field_at_once_are_refused_not_crashed(
    clients, world, what, who, url, data
):
    client = clients[who]
    fields = list(data(world)) + ["homepage"]
    for name, value in HOSTILE.items():
        response = client.post(url(world), dict.fromkeys(fields, value))
        _assert_answered(response, what, name)


@pytest.mark.parametrize(("what", "who", "url", "data"), [pytest.param(*f, id=f[0]) for f in FORMS])
def test_each_field_with_a_hostile_value_in_a_valid_post_is_never_a_500(
    clients, world, what, who, url, data
):
    client = clients[who]
    valid = data(world)
    for field in _text_fields(valid):
        for name in FIELD_BY_FIELD:
            post = {**data(world), field: HOSTILE[name]}
            response = client.post(url(world), post)
            _assert_answered(response, what, f"{field}={name}")


@pytest.mark.parametrize(
    "submission", [pytest.param(s, id=s.what) for s in SUBMISSIONS[:6] + SUBMISSIONS[-6:]]
)
def test_invalid_utf8_in_a_post_body_is_answered(clients, world, submission: Submission):
    client = clients[submission.who]
    text = {k: v for k, v in submission.data(world, 0).items() if isinstance(v, str)}
    body = urlencode(text).encode() + b"&title=%FF%FE%00&name=%C3%28&body=%ED%A0%80"
    response = client.post(
        submission.url(world), body, content_type="application/x-www-form-urlencoded"
    )
    _assert_answered(response, submission.what, "invalid utf-8")


def test_sign_up_with_hostile_values_is_refused_not_crashed(client):
    for name, value in HOSTILE.items():
        data = {"email": value, "password1": value, "password2": value, "display_name": value}
        response = client.post("/accounts/signup/", data)
        assert response.status_code in (200, 400), name
    response = client.post(
        "/accounts/signup/",
        {"email": "ok@example.org", "password1": PASSWORD, "password2": PASSWORD}
        | {"display_name": "x" * 100_000},
    )
    assert response.status_code == 400  # too long: refused with a 400
