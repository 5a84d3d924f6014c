import pytest

from communities.models import ClaimStatus, GroupClaim, Role

from .factories import GroupFactory

pytestmark = pytest.mark.django_db


def test_a_member_claims_a_listing(member_client, member):
    group = GroupFactory(name="Ormeau Residents")
    page = member_client.get(group.get_absolute_url()).content.decode()
    assert f'href="/communities/{group.slug}/claim/"' in page
    response = member_client.post(
        f"/communities/{group.slug}/claim/", {"message": "I chair the committee."}, follow=True
    )
    assert "our staff will check your claim" in str(list(response.context["messages"])[0])
    claim = GroupClaim.objects.get()
    assert (claim.user, claim.status) == (member, ClaimStatus.PENDING)
    assert "You have claimed this group" in response.content.decode()
    assert not group.is_organiser(member)


def test_claiming_twice_is_explained(member_client, member):
    group = GroupFactory()
    member_client.post(f"/communities/{group.slug}/claim/", {"message": "Me"})
    response = member_client.post(
        f"/communities/{group.slug}/claim/", {"message": "Me"}, follow=True
    )
    assert "You have already claimed this group" in str(list(response.context["messages"])[-1])
    assert GroupClaim.objects.count() == 1


def test_a_claim_needs_a_message(member_client):
    group = GroupFactory()
    response = member_client.post(f"/communities/{group.slug}/claim/", {"message": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_anonymous_people_log_in_to_claim(client):
    group = GroupFactory()
    assert client.get(f"/communities/{group.slug}/claim/").status_code == 302


def confirm_in_admin(staff_client, claim, action, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return staff_client.post(
            "/admin/communities/groupclaim/",
            {"action": action, "_selected_action": [claim.pk]},
            follow=True,
        )


def test_staff_confirm_a_claim_and_the_claimant_becomes_an_organiser(
    staff_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    group = GroupFactory(name="Ormeau Residents")
    claim = GroupClaim.objects.create(group=group, user=member, message="I chair it.")
    assert staff_client.get("/admin/communities/groupclaim/").status_code == 200
    assert staff_client.get(f"/admin/communities/groupclaim/{claim.pk}/change/").status_code == 200
    confirm_in_admin(staff_client, claim, "confirm_selected", django_capture_on_commit_callbacks)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED
    assert group.role_of(member) == Role.ORGANISER
    [email] = mailoutbox
    assert email.to == [member.email]
    assert email.subject == "You are now an organiser of Ormeau Residents"
    assert f"/communities/{group.slug}/" in email.body
    assert "you are now an organiser" in email.alternatives[0][0]

    # Deciding again sends nothing more.
    confirm_in_admin(staff_client, claim, "decline_selected", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_staff_decline_a_claim_with_a_note(
    staff_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    group = GroupFactory(name="Ormeau Residents")
    claim = GroupClaim.objects.create(group=group, user=member, message="Trust me.")
    claim.note = "We could not reach the committee."
    claim.save()
    confirm_in_admin(staff_client, claim, "decline_selected", django_capture_on_commit_callbacks)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DECLINED
    assert group.role_of(member) is None
    [email] = mailoutbox
    assert "could not confirm it" in email.body
    assert "We could not reach the committee." in email.body
    assert "We could not reach the committee." in email.alternatives[0][0]
