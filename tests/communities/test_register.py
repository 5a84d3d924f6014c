import datetime

import pytest
from django.utils import timezone

from communities.models import Commitment, CommitmentArea, Group

from .factories import CommitmentFactory, GroupFactory, GuideFactory

pytestmark = pytest.mark.django_db


def future(days=180):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def commitment_data(**changes):
    return {
        "area": "action",
        "what": "Hold street parties",
        "target": "4",
        "unit": "street parties",
        "due_date": future(),
        "how": "",
        **changes,
    }


GROUP = {
    "name": "Cathays Together",
    "kind": "action_group",
    "description": "Neighbours in Cathays.",
    "tags": "street parties",
    "area_type": "place",
    "postcode": "CF24 4HQ",
    "radius_km": "1.0",
    "place_name": "Cathays",
    "districts": "",
    "website": "",
}


def test_three_steps_page_links_the_guides_of_each_step(client):
    GuideFactory(title="Forming an action group", step=1)
    GuideFactory(title="Running a street party", step=2)
    GuideFactory(title="Draft guide", step=2, is_published=False)
    response = client.get("/communities/register/")
    html = response.content.decode()
    assert "Three steps to a co-operative community" in html
    assert 'href="/communities/guides/forming-an-action-group/"' in html
    assert "Running a street party" in html
    assert "Draft guide" not in html


def test_registering_a_community_in_three_steps(member_client, member):
    # Step 1: the group.
    response = member_client.post("/communities/register/group/", GROUP)
    group = Group.objects.get()
    assert response["Location"] == f"/communities/register/{group.slug}/commitments/"

    # Step 2: one commitment in each area.
    step2 = f"/communities/register/{group.slug}/commitments/"
    assert "Still to add" in member_client.get(step2).content.decode()
    member_client.post(step2, commitment_data())
    response = member_client.post(
        step2,
        commitment_data(
            area="enterprise",
            what="Publish a directory of local co-ops",
            target="1",
            unit="directory",
        ),
    )
    assert response.status_code == 302
    html = member_client.get(step2).content.decode()
    assert "Continue to step 3" in html
    assert "Publish a directory of local co-ops" in html

    # Step 3: register.
    response = member_client.post(f"/communities/register/{group.slug}/confirm/", {"confirm": "on"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.registered_at is not None
    assert group.commitments.count() == 2
    page = member_client.get(group.get_absolute_url()).content.decode()
    assert "Co-operative community" in page
    assert "0 of 4 street parties" in page


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"target": "0"}, "The target must be 1 or more"),
        ({"target": "-3"}, "The target must be 1 or more"),
        ({"target": "lots"}, "Enter the target as a whole number"),
        ({"target": "99999999"}, "That target is too large"),
        ({"due_date": "2001-01-01"}, "The due date is in the past"),
        ({"due_date": "31/02/2030"}, "Enter a date"),
        ({"what": ""}, "This field is required"),
        ({"area": "magic"}, "Select a valid choice"),
    ],
)
def test_bad_commitments_are_explained_and_nothing_is_lost(owner_client, owner, changes, message):
    group = GroupFactory(organiser=owner)
    data = commitment_data(how="Ask the council for a road closure.", **changes)
    response = owner_client.post(f"/communities/register/{group.slug}/commitments/", data)
    assert response.status_code == 400
    assert Commitment.objects.count() == 0
    html = response.content.decode()
    assert message in html.replace("&#x27;", "'")
    assert "Ask the council for a road closure." in html
    for value in changes.values():
        if value:
            assert (
                f'value="{value}"' in html
                or f'value="{value}" checked' in html
                or (changes.get("area") == "magic")
            )


def test_registration_needs_a_commitment_in_both_areas(owner_client, owner):
    group = GroupFactory(organiser=owner)
    CommitmentFactory(group=group, area=CommitmentArea.ACTION)
    response = owner_client.post(f"/communities/register/{group.slug}/confirm/", {"confirm": "on"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "at least one commitment in co-operative enterprise" in html
    group.refresh_from_db()
    assert group.registered_at is None


def test_registration_needs_the_yearly_check_in_agreed(owner_client, owner):
    group = GroupFactory(organiser=owner)
    CommitmentFactory(group=group, area=CommitmentArea.ACTION)
    CommitmentFactory(group=group, area=CommitmentArea.ENTERPRISE)
    response = owner_client.post(f"/communities/register/{group.slug}/confirm/", {})
    assert "Tick the box to agree to the yearly check-in." in response.content.decode()
    group.refresh_from_db()
    assert group.registered_at is None


def test_step_1_offers_the_groups_the_member_organises(owner_client, owner):
    GroupFactory(name="Mine To Register", organiser=owner)
    GroupFactory(name="Somebody Else's")
    html = owner_client.get("/communities/register/group/").content.decode()
    assert "Register Mine To Register" in html
    assert "Somebody Else" not in html


def test_only_organisers_reach_steps_2_and_3(member_client, client):
    group = GroupFactory()
    for step in ("commitments", "confirm"):
        assert member_client.get(f"/communities/register/{group.slug}/{step}/").status_code == 404
        assert client.get(f"/communities/register/{group.slug}/{step}/").status_code == 302


def test_a_registered_community_is_sent_to_its_page(owner_client, owner):
    group = GroupFactory(organiser=owner, registered_at=timezone.now())
    response = owner_client.get(f"/communities/register/{group.slug}/commitments/")
    assert response["Location"] == group.get_absolute_url()


def test_a_commitment_without_progress_can_be_removed_while_registering(owner_client, owner):
    group = GroupFactory(organiser=owner)
    commitment = CommitmentFactory(group=group)
    assert (
        owner_client.get(
            f"/communities/{group.slug}/commitments/{commitment.pk}/delete/"
        ).status_code
        == 405
    )
    owner_client.post(f"/communities/{group.slug}/commitments/{commitment.pk}/delete/")
    assert not Commitment.objects.exists()


def test_organisers_of_a_registered_community_add_commitments(owner_client, owner):
    group = GroupFactory(organiser=owner, registered_at=timezone.now())
    response = owner_client.post(
        f"/communities/{group.slug}/commitments/new/", commitment_data(what="Hold a clothes swap")
    )
    assert response["Location"] == group.get_absolute_url()
    assert group.commitments.get().what == "Hold a clothes swap"
    response = owner_client.post(
        f"/communities/{group.slug}/commitments/new/", commitment_data(target="0")
    )
    assert response.status_code == 400
    assert group.commitments.count() == 1
