"""Abuse guards on every submission (issue 11, item 7): per-member limits that count accepted
submissions (429 with the house page), and one honeypot on sign-up and every submission
form (a filled one answers as a validation failure and saves nothing)."""

import re

import pytest
from django.apps import apps

from accounts.models import User
from communities.models import Group, PioneerMessage
from events.models import Event
from spaces.models import Space
from tests.factories import UserFactory

from ..accounts.test_signup import sign_up
from ..submissions import SUBMISSIONS, Submission, event_data, group_data, space_data
from ..submissions import world as make_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(owner, member):
    return make_world(owner=owner, member=member)


@pytest.fixture
def clients(member_client, owner_client):
    return {"member": member_client, "owner": owner_client}


# What a browser sends for a form left blank: its CSRF token (not checked in tests).
BLANK = {"csrfmiddlewaretoken": "token"}


def _params(items):
    return [pytest.param(s, id=s.what) for s in items]


# Limits ---------------------------------------------------------------------------------


@pytest.mark.parametrize("submission", _params([s for s in SUBMISSIONS if s.limit]))
def test_every_submission_is_limited_per_member_counting_accepted_ones(
    clients, world, submission: Submission
):
    client = clients[submission.who]
    url = submission.url(world)
    # Refused posts (a form sent blank, twice) never count towards the limit...
    if not submission.counts_attempts:
        for _ in range(2):
            assert client.post(url, BLANK).status_code == 400
    # ...accepted ones do.
    for n in range(submission.limit):
        response = client.post(url, submission.data(world, n))
        assert response.status_code == 302, (n, response.content.decode()[:3000])
    response = client.post(url, submission.data(world, submission.limit))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "<h1>Please wait a little</h1>" in html
    assert submission.words in html
    assert "Please try again in" in html
    # A GET is never counted nor refused.
    assert client.get(url).status_code != 429


def test_a_member_who_fixes_mistakes_is_not_locked_out_of_submitting_events(member_client):
    for _ in range(12):
        response = member_client.post("/events/new/", {**event_data(None, 1), "title": ""})
        assert response.status_code == 400
    response = member_client.post("/events/new/", event_data(None, 1))
    assert response.status_code == 302
    assert Event.objects.filter(title="Clothes swap 1").exists()


def test_listing_groups_shares_one_limit_between_its_two_pages(member_client):
    for n in range(3):
        assert member_client.post("/communities/new/", group_data(None, n)).status_code == 302
    for n in range(3, 5):
        response = member_client.post("/communities/register/group/", group_data(None, n))
        assert response.status_code == 302
    response = member_client.post("/communities/new/", group_data(None, 5))
    assert response.status_code == 429
    assert Group.objects.count() == 5


def test_the_429_page_shows_back_what_was_typed(member_client, world):
    url = f"/communities/pioneers/{world['pioneer'].pk}/contact/"
    for n in range(5):
        member_client.post(url, {"body": f"Hello, can you help us? ({n})"})
    response = member_client.post(url, {"body": "Hello <b>Priya</b>, can you help us?"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Your message" in html
    assert "Hello &lt;b&gt;Priya&lt;/b&gt;, can you help us?" in html
    assert PioneerMessage.objects.count() == 1 + 5


def test_the_per_address_limit_counts_every_member_on_it(client, world):
    url = f"/communities/pioneers/{world['pioneer'].pk}/contact/"
    for n in range(4):
        client.force_login(UserFactory(email=f"neighbour{n}@example.org"))
        for m in range(5):
            assert client.post(url, {"body": f"Hello from {n}, message {m}"}).status_code == 302
    client.force_login(UserFactory(email="one-more@example.org"))
    assert client.post(url, {"body": "Hello from one more"}).status_code == 429


def test_password_guesses_on_the_account_deletion_form_are_limited(member_client, member):
    for _ in range(5):
        response = member_client.post("/accounts/profile/delete/", {"password": "guess"})
        assert response.status_code == 400
    # The right password, after five guesses, is not even tried.
    response = member_client.post(
        "/accounts/profile/delete/", {"password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "wrong passwords" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_sign_up_over_its_limit_gets_the_house_429_page(client):
    for n in range(5):
        assert sign_up(client, email=f"person{n}@example.org").status_code == 302
        client.logout()
    response = sign_up(client, email="one-too-many@example.org")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "<h1>Please wait a little</h1>" in response.content.decode()


def test_limits_can_be_turned_off(member_client, settings):
    settings.RATELIMIT_ENABLE = False
    for n in range(12):
        assert member_client.post("/spaces/new/", space_data(None, n)).status_code == 302
    assert Space.objects.count() == 12


# The honeypot ---------------------------------------------------------------------------

HONEYPOT = re.compile(
    r'<span class="hp-field" aria-hidden="true"><label for="(?P<id>[^"]+)">Leave this empty'
    r'</label><input type="text" name="homepage"[^>]*tabindex="-1"[^>]*>'
)


@pytest.mark.parametrize("submission", _params(SUBMISSIONS))
def test_every_submission_form_has_the_honeypot_hidden_from_people(
    clients, world, submission: Submission
):
    if submission.what == "reply to an event":
        pytest.skip("The RSVP is one button on the event page, not a form a robot fills.")
    html = clients[submission.who].get(submission.url(world)).content.decode()
    [match] = HONEYPOT.finditer(html)
    assert 'autocomplete="off"' in match.group(0)
    # Inside the form that is posted, so a robot filling every box fills it.
    form = html[html.rindex("<form", 0, match.start()) : html.index("</form>", match.start())]
    assert 'method="post"' in form


@pytest.mark.parametrize(
    "submission", _params([s for s in SUBMISSIONS if s.what != "reply to an event"])
)
def test_a_filled_honeypot_is_refused_like_a_mistake_and_saves_nothing(
    clients, world, submission: Submission
):
    client = clients[submission.who]
    counts = {model: model.objects.count() for model in apps.get_models()}
    data = {**submission.data(world, 0), "homepage": "http://spam.example"}
    response = client.post(submission.url(world), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Leave this empty" in html
    # What the person typed is kept, the robot's text is not sent back.
    assert "http://spam.example" not in html
    changed = [m for m, n in counts.items() if m.objects.count() != n]
    assert changed == []


def test_sign_up_has_the_honeypot_and_a_filled_one_creates_no_account(client):
    page = client.get("/accounts/signup/").content.decode()
    assert HONEYPOT.search(page)
    response = sign_up(client, email="robot@example.org", homepage="http://spam.example")
    assert response.status_code == 400  # refused, the form shown again
    assert "Leave this empty" in response.content.decode()
    assert not User.objects.filter(email="robot@example.org").exists()
    # A person, with the box left empty, signs up.
    assert sign_up(client, email="person@example.org").status_code == 302
