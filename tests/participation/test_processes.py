"""A process's page (timeline, panel, contributions, events with add-to-calendar), the
list pages' query counts, following, and moving to a new phase."""

import pytest
from django.urls import reverse

from participation.models import Follow, PanelMember, Phase
from participation.services import phase_activate
from tests.events.factories import EventFactory
from tests.factories import UserFactory

from .factories import PhaseFactory, PostFactory, ProcessFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_process_page_shows_timeline_panel_contributions_and_events(client):
    process = ProcessFactory(title="A strategy for co-ops")
    listening = PhaseFactory(process=process, title="Listening", order=0)
    PhaseFactory(process=process, title="Drafting", order=1)
    phase_activate(phase=listening)
    PanelMember.objects.create(
        process=process, name="Gwen Pritchard", role="Chair", organisation="Aber Farmers"
    )
    PostFactory(process=process, title="What we heard")
    PostFactory(process=process, title="Still waiting", moderation_status="pending")
    ProposalFactory(process=process, title="A development fund")
    congress = EventFactory(title="The congress")
    process.events.add(congress)

    html = client.get(process.get_absolute_url()).content.decode()
    assert '<li class="phase-active" aria-current="step">' in html
    assert "Gwen Pritchard</strong>, Chair · Aber Farmers" in html
    assert "What we heard" in html and "Still waiting" not in html
    assert "A development fund" in html
    assert "The congress" in html
    assert reverse("events:event-calendar", kwargs={"slug": congress.slug}) in html
    google = "https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=The+congress"
    assert google in html
    assert reverse("participation:process-feed", kwargs={"slug": process.slug}) in html


def test_an_unpublished_process_is_for_staff_only(client, staff_client):
    process = ProcessFactory(is_published=False)
    assert client.get(process.get_absolute_url()).status_code == 404
    assert staff_client.get(process.get_absolute_url()).status_code == 200
    assert process.title not in client.get("/have-your-say/").content.decode()


def test_one_phase_is_active_and_followers_hear_of_a_new_one_once(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    process = ProcessFactory(title="The strategy")
    first = PhaseFactory(process=process, title="Listening")
    drafting = PhaseFactory(process=process, title="Drafting", description="Now we draft.")
    Follow.objects.create(process=process, user=member)
    with django_capture_on_commit_callbacks(execute=True):
        phase_activate(phase=first)
        assert phase_activate(phase=drafting) is True
        assert phase_activate(phase=drafting) is False
    assert list(Phase.objects.filter(is_active=True)) == [drafting]
    assert [m.subject for m in mailoutbox][-1] == "The strategy is now in its “Drafting” phase"
    assert len(mailoutbox) == 2  # one per phase, never twice for the same one
    assert "Now we draft." in mailoutbox[-1].body


def test_staff_make_a_phase_active_from_the_admin(staff_client):
    phase = PhaseFactory()
    response = staff_client.post(
        "/admin/participation/phase/",
        {"action": "make_active", "_selected_action": [phase.pk]},
        follow=True,
    )
    assert "is now the active phase" in response.content.decode()
    phase.refresh_from_db()
    assert phase.is_active


def test_members_follow_and_unfollow(member_client, member):
    process = ProcessFactory()
    url = reverse("participation:process-follow", kwargs={"slug": process.slug})
    assert member_client.get(url).status_code == 405
    member_client.post(url)
    member_client.post(url)
    assert Follow.objects.filter(user=member).count() == 1
    assert "Stop following" in member_client.get(process.get_absolute_url()).content.decode()
    member_client.post(url, {"follow": "0"})
    assert not Follow.objects.exists()


def test_visitors_are_asked_to_log_in_to_follow(client):
    process = ProcessFactory()
    url = reverse("participation:process-follow", kwargs={"slug": process.slug})
    assert client.post(url)["Location"].startswith("/accounts/login/")


def _fill(process, n):
    for i in range(n):
        phase = PhaseFactory(process=process)
        if i == 0:
            phase_activate(phase=phase)
        post = PostFactory(process=process)
        post.comments.create(author=post.submitted_by, body="A comment")
        proposal = ProposalFactory(process=process)
        proposal.supports.create(user=UserFactory())


@pytest.mark.parametrize("name", ["process-list", "post-list", "proposal-list", "process-detail"])
def test_list_pages_keep_a_constant_query_count(member_client, name, django_assert_max_num_queries):
    process = ProcessFactory()
    url = (
        reverse("participation:process-list")
        if name == "process-list"
        else reverse(f"participation:{name}", kwargs={"slug": process.slug})
    )
    _fill(process, 2)
    with django_assert_max_num_queries(30) as few:
        member_client.get(url)
    _fill(process, 5)
    for _ in range(3):
        ProcessFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert member_client.get(url).status_code == 200
