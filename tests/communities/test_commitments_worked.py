import pytest
from django.utils import timezone

from communities.models import CommitmentArea
from communities.services import progress_post

from .factories import CommitmentFactory, GroupFactory

pytestmark = pytest.mark.django_db


def community(name, **kwargs):
    return GroupFactory(name=name, registered_at=timezone.now(), **kwargs)


def test_it_shows_commitments_that_reached_their_target_with_their_story(client, owner):
    group = community("Cathays Together", tags=["food"])
    done = CommitmentFactory(group=group, what="Hold street parties", target=2)
    progress_post(commitment=done, by=owner, number=1, story="First one on Elm Street.")
    progress_post(commitment=done, by=owner, number=1, story="Second on Oak Road, 80 came.")
    halfway = CommitmentFactory(group=group, what="Run clothes swaps", target=4)
    progress_post(commitment=halfway, by=owner, number=2, story="Half way.")
    unregistered = GroupFactory(name="Not Registered")
    CommitmentFactory(group=unregistered, what="Unregistered win", target=1, progress_total=1)
    hidden = community("Hidden", moderation_status="pending")
    CommitmentFactory(group=hidden, what="Pending win", target=1, progress_total=1)

    response = client.get("/communities/worked/")
    assert response.status_code == 200
    assert [c.what for c in response.context["object_list"]] == ["Hold street parties"]
    html = response.content.decode()
    assert "2 of 2 street parties" in html
    assert "Second on Oak Road, 80 came." in html  # the latest story
    assert "Cathays Together" in html
    assert "2 updates" in html


def test_it_filters_by_area_words_and_interests(client):
    food = community("Food Co-ops", tags=["food"])
    CommitmentFactory(
        group=food,
        what="Start a food co-op",
        area=CommitmentArea.ENTERPRISE,
        target=1,
        progress_total=1,
    )
    CommitmentFactory(group=food, what="Litter pick", target=1, progress_total=1)
    other = community("Others", tags=["sport"])
    CommitmentFactory(group=other, what="Sports day", target=1, progress_total=1)

    def whats(**params):
        return sorted(
            c.what for c in client.get("/communities/worked/", params).context["object_list"]
        )

    assert whats(area="enterprise") == ["Start a food co-op"]
    assert whats(q="litter") == ["Litter pick"]
    assert whats(tags="FOOD") == ["Litter pick", "Start a food co-op"]
    assert client.get("/communities/worked/", {"area": "bogus"}).status_code == 400


def test_the_page_has_a_constant_number_of_queries(client, django_assert_num_queries):
    def make(n):
        for _ in range(n):
            c = CommitmentFactory(group=GroupFactory(registered_at=timezone.now()), target=1)
            progress_post(commitment=c, by=None, number=1, story="Done.")

    make(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get("/communities/worked/")
    make(27)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get("/communities/worked/")
    assert len(response.context["object_list"]) == 20
