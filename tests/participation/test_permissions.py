"""Every participation URL, with each persona, and the answer each gets: a new URL without
a row here fails the last test."""

import pytest
from django.urls import get_resolver

from participation.models import PanelMember
from participation.services import comment_add
from tests.factories import UserFactory

from .factories import PostFactory, ProcessFactory, ProposalFactory, SurveyFactory

pytestmark = pytest.mark.django_db

LOGIN = "login"  # a redirect to the log-in page


@pytest.fixture
def world(member):
    process = ProcessFactory(slug="strategy")
    chair = UserFactory(email="chair@example.org")
    PanelMember.objects.create(process=process, user=chair, name="Chair", role="Chair")
    piece = PostFactory(process=process, submitted_by=member)
    comment = comment_add(post=piece, author=member, body="Mine")
    proposal = ProposalFactory(process=process)
    SurveyFactory(process=process, slug="census")
    return {"piece": piece, "comment": comment, "proposal": proposal, "chair": chair}


# (name, method, path, {persona: status}); personas: anonymous, member (wrote the piece and
# the comment), stranger, panel (a panel member with an account), staff.
ROWS = [
    ("process-list", "get", "/have-your-say/", {"anonymous": 200, "member": 200, "staff": 200}),
    ("process-detail", "get", "/have-your-say/strategy/", {"anonymous": 200, "stranger": 200}),
    ("process-follow", "post", "/have-your-say/strategy/follow/",
     {"anonymous": LOGIN, "member": 302}),
    ("process-follow", "get", "/have-your-say/strategy/follow/", {"member": 405}),
    ("process-feed", "get", "/have-your-say/strategy/feed/", {"anonymous": 200}),
    ("post-list", "get", "/have-your-say/strategy/blog/", {"anonymous": 200}),
    ("post-create", "get", "/have-your-say/strategy/blog/new/",
     {"anonymous": LOGIN, "member": 200, "panel": 200}),
    ("post-detail", "get", "/have-your-say/strategy/blog/{piece}/", {"anonymous": 200}),
    ("comment-edit", "get", "/have-your-say/comments/{comment}/edit/",
     {"anonymous": LOGIN, "member": 200, "stranger": 404, "staff": 404}),
    ("comment-report", "get", "/have-your-say/comments/{comment}/report/",
     {"anonymous": LOGIN, "stranger": 200}),
    ("comment-hide", "get", "/have-your-say/comments/{comment}/hide/",
     {"anonymous": 302, "member": 302, "panel": 302, "staff": 200}),
    ("proposal-list", "get", "/have-your-say/strategy/proposals/", {"anonymous": 200}),
    ("proposal-create", "get", "/have-your-say/strategy/proposals/new/",
     {"anonymous": LOGIN, "member": 200}),
    ("proposal-detail", "get", "/have-your-say/strategy/proposals/{proposal}/",
     {"anonymous": 200}),
    ("proposal-support", "post", "/have-your-say/strategy/proposals/{proposal}/support/",
     {"anonymous": LOGIN, "stranger": 302}),
    ("proposal-answer", "post", "/have-your-say/strategy/proposals/{proposal}/answer/",
     {"anonymous": LOGIN, "member": 404, "stranger": 404, "panel": 400, "staff": 400}),
    ("survey-detail", "get", "/have-your-say/surveys/census/", {"anonymous": 200, "member": 200}),
    ("survey-results", "get", "/have-your-say/surveys/census/results/", {"anonymous": 200}),
    ("survey-export", "get", "/have-your-say/surveys/census/export.csv",
     {"anonymous": 302, "member": 302, "panel": 302, "staff": 200}),
    ("notice-settings", "get", "/have-your-say/settings/", {"anonymous": LOGIN, "member": 200}),
    ("unsubscribe", "get", "/have-your-say/stop/forged/", {"anonymous": 404}),
]  # fmt: skip


def _cases():
    for name, method, path, expected in ROWS:
        for persona, status in expected.items():
            yield pytest.param(method, path, persona, status, id=f"{name}-{method}-{persona}")


@pytest.mark.parametrize(("method", "path", "persona", "status"), list(_cases()))
def test_each_persona_gets_what_it_should(
    client, world, member, stranger, staff, method, path, persona, status
):
    people = {"member": member, "stranger": stranger, "staff": staff, "panel": world["chair"]}
    if persona in people:
        client.force_login(people[persona])
    url = path.format(
        piece=world["piece"].pk, comment=world["comment"].pk, proposal=world["proposal"].pk
    )
    response = getattr(client, method)(url)
    if status == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == status


def test_every_participation_url_has_a_row():
    resolver = get_resolver()
    names = {
        name.split(":")[1] for name in _all_names(resolver) if name.startswith("participation:")
    }
    assert names == {row[0] for row in ROWS}


def _all_names(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _all_names(pattern, ns)
        elif pattern.name:
            yield f"{prefix}{pattern.name}"
