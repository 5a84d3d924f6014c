import pytest
from django.utils import timezone

from communities.models import CommitmentStatus, ProgressUpdate

from .factories import CommitmentFactory, GroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment(owner):
    group = GroupFactory(organiser=owner, registered_at=timezone.now())
    return CommitmentFactory(group=group, target=4, unit="street parties")


def url(commitment):
    return f"/communities/{commitment.group.slug}/commitments/{commitment.pk}/progress/"


def test_an_organiser_posts_progress_and_the_page_shows_it(owner_client, commitment):
    response = owner_client.post(url(commitment), {"number": "1", "story": "Elm Street did it."})
    assert response.status_code == 302
    response = owner_client.post(
        url(commitment), {"number": "2", "story": "Two more streets."}, follow=True
    )
    assert "Progress posted: 3 of 4 street parties." in [
        str(m) for m in response.context["messages"]
    ]
    commitment.refresh_from_db()
    assert commitment.progress_total == 3
    assert commitment.percent == 75
    detail = owner_client.get(commitment.get_absolute_url()).content.decode()
    assert "Elm Street did it." in detail
    assert "Two more streets." in detail


def test_reaching_the_target_marks_the_commitment_achieved(owner_client, commitment):
    response = owner_client.post(
        url(commitment), {"number": "4", "story": "All four!"}, follow=True
    )
    assert "Target reached!" in str(list(response.context["messages"])[0])
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.ACHIEVED


def test_a_larger_than_plausible_number_is_questioned_then_accepted_when_confirmed(
    owner_client, commitment
):
    data = {"number": "40", "story": "A huge party."}
    response = owner_client.post(url(commitment), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "40 street parties is more than we expected for a target of 4" in html
    assert "Yes, this number is right" in html
    assert "A huge party." in html  # nothing lost
    assert 'value="40"' in html
    assert not ProgressUpdate.objects.exists()

    response = owner_client.post(url(commitment), {**data, "confirm_large": "on"})
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.confirmed_large is True
    commitment.refresh_from_db()
    assert commitment.progress_total == 40


@pytest.mark.parametrize(
    "data, message",
    [
        ({"number": "-1", "story": "Oops"}, "The number cannot be negative."),
        ({"number": "two", "story": "Oops"}, "Enter a whole number"),
        ({"number": "1", "story": ""}, "This field is required."),
        ({"number": "1", "story": "x" * 1001}, "at most 1000 characters"),
    ],
)
def test_bad_progress_is_explained(owner_client, commitment, data, message):
    response = owner_client.post(url(commitment), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_only_organisers_post_progress(member_client, client, commitment):
    assert member_client.get(url(commitment)).status_code == 404
    assert member_client.post(url(commitment), {"number": "1", "story": "x"}).status_code == 404
    assert client.get(url(commitment)).status_code == 302
    assert not ProgressUpdate.objects.exists()


def test_anyone_sees_a_commitment_of_an_approved_group(client, commitment):
    response = client.get(commitment.get_absolute_url())
    assert response.status_code == 200
    assert "0 of 4 street parties" in response.content.decode()


def test_a_commitment_of_another_group_is_not_found(owner_client, commitment):
    other = GroupFactory()
    assert (
        owner_client.get(f"/communities/{other.slug}/commitments/{commitment.pk}/").status_code
        == 404
    )
