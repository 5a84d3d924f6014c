"""Proposals: one support per member, the official answer shown and told to the author and
every supporter once, and who may answer."""

import pytest
from django.urls import reverse

from participation.models import PanelMember, Proposal, Support
from participation.services import proposal_answer
from tests.factories import UserFactory

from .factories import ProcessFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def support_url(proposal):
    return reverse(
        "participation:proposal-support",
        kwargs={"slug": proposal.process.slug, "pk": proposal.pk},
    )


def answer_url(proposal):
    return reverse(
        "participation:proposal-answer",
        kwargs={"slug": proposal.process.slug, "pk": proposal.pk},
    )


def test_a_member_proposes_an_idea(member_client, member):
    process = ProcessFactory()
    url = reverse("participation:proposal-create", kwargs={"slug": process.slug})
    response = member_client.post(url, {"title": "A development fund", "body": "Patient capital."})
    proposal = Proposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.author == member


@pytest.mark.parametrize("body", ["", "z" * 100_000])
def test_a_bad_proposal_is_refused_with_its_text_kept(member_client, body):
    process = ProcessFactory()
    url = reverse("participation:proposal-create", kwargs={"slug": process.slug})
    response = member_client.post(url, {"title": "Kept title", "body": body})
    assert response.status_code == 400
    assert 'value="Kept title"' in response.content.decode()
    assert Proposal.objects.count() == 0


def test_supporting_twice_counts_once_and_says_so(member_client, member):
    proposal = ProposalFactory()
    member_client.post(support_url(proposal))
    again = member_client.post(support_url(proposal), follow=True)
    assert "You already support this proposal." in again.content.decode()
    assert "1 supporter" in again.content.decode()
    assert Support.objects.filter(proposal=proposal).count() == 1


def test_the_author_cannot_support_their_own_proposal(client):
    proposal = ProposalFactory()
    client.force_login(proposal.author)
    page = client.post(support_url(proposal), follow=True)
    assert "This is your own proposal" in page.content.decode()
    assert Support.objects.count() == 0


def test_support_can_be_withdrawn(member_client, member):
    proposal = ProposalFactory()
    member_client.post(support_url(proposal))
    member_client.post(support_url(proposal), {"withdraw": "1"})
    assert Support.objects.count() == 0


def test_an_official_answer_is_shown_and_told_to_author_and_supporters_once(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    author = UserFactory(email="author@example.org")
    proposal = ProposalFactory(author=author, title="Shared back office")
    supporters = [UserFactory(email=f"supporter{i}@example.org") for i in range(3)]
    for person in supporters:
        Support.objects.create(proposal=proposal, user=person)
    chair = UserFactory(email="chair@example.org")
    PanelMember.objects.create(process=proposal.process, user=chair, name="Chair", role="Chair")
    client.force_login(chair)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(answer_url(proposal), {"status": "accepted", "reason": "Costed."})
    assert response.status_code == 302
    # Revising the reason alone tells nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_url(proposal), {"status": "accepted", "reason": "Costed twice."})

    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        ["author@example.org"] + [p.email for p in supporters]
    )
    assert mailoutbox[0].subject == "Official answer to “Shared back office”: Accepted"
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Accepted" in page and "Costed twice." in page


def test_members_cannot_give_an_official_answer(member_client):
    proposal = ProposalFactory()
    response = member_client.post(answer_url(proposal), {"status": "accepted", "reason": "Me!"})
    assert response.status_code == 404
    assert not hasattr(Proposal.objects.get(), "answer")


def test_an_answer_without_a_reason_is_refused(staff_client):
    proposal = ProposalFactory()
    response = staff_client.post(answer_url(proposal), {"status": "not_taken", "reason": ""})
    assert response.status_code == 400


def test_a_new_status_tells_them_again(mailoutbox, django_capture_on_commit_callbacks, staff):
    proposal = ProposalFactory()
    with django_capture_on_commit_callbacks(execute=True):
        proposal_answer(proposal=proposal, by=staff, status="considering", reason="Looking.")
    with django_capture_on_commit_callbacks(execute=True):
        proposal_answer(proposal=proposal, by=staff, status="accepted", reason="Yes.")
    assert len(mailoutbox) == 2


def test_hidden_proposals_are_gone_for_members(member_client, staff_client):
    proposal = ProposalFactory(is_hidden=True)
    assert member_client.get(proposal.get_absolute_url()).status_code == 404
    assert staff_client.get(proposal.get_absolute_url()).status_code == 200
