import pytest

from communities.models import Membership, Role

from .factories import GroupFactory

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_a_member_joins_a_group(member_client, member):
    group = GroupFactory(name="Growers")
    response = member_client.post(f"/communities/{group.slug}/join/", follow=True)
    assert Membership.objects.get(group=group, user=member).role == Role.MEMBER
    assert "You have joined Growers." in messages_of(response)
    assert "You are a member of this group" in response.content.decode()


def test_joining_twice_is_explained_and_changes_nothing(member_client, member):
    group = GroupFactory(name="Growers")
    member_client.post(f"/communities/{group.slug}/join/")
    response = member_client.post(f"/communities/{group.slug}/join/", follow=True)
    assert response.status_code == 200
    assert "You are already a member of Growers." in messages_of(response)
    assert Membership.objects.filter(group=group, user=member).count() == 1


def test_join_and_leave_refuse_get_and_ask_anonymous_people_to_log_in(client, member_client):
    group = GroupFactory()
    assert member_client.get(f"/communities/{group.slug}/join/").status_code == 405
    assert member_client.get(f"/communities/{group.slug}/leave/").status_code == 405
    response = client.post(f"/communities/{group.slug}/join/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_nobody_can_join_a_group_waiting_for_review(member_client, member, owner):
    group = GroupFactory(moderation_status="pending", organiser=owner)
    assert member_client.post(f"/communities/{group.slug}/join/").status_code == 404
    assert not Membership.objects.filter(user=member).exists()


def test_a_member_leaves(member_client, member):
    group = GroupFactory(name="Growers")
    Membership.objects.create(group=group, user=member)
    response = member_client.post(f"/communities/{group.slug}/leave/", follow=True)
    assert "You have left Growers." in messages_of(response)
    assert not Membership.objects.filter(user=member).exists()


def test_the_last_organiser_cannot_leave(owner_client, owner):
    group = GroupFactory(organiser=owner)
    response = owner_client.post(f"/communities/{group.slug}/leave/", follow=True)
    assert "You are the only organiser" in messages_of(response)[0]
    assert group.is_organiser(owner)


def test_organisers_manage_members(owner_client, owner, member):
    group = GroupFactory(organiser=owner)
    membership = Membership.objects.create(group=group, user=member)
    page = owner_client.get(f"/communities/{group.slug}/members/")
    assert page.status_code == 200
    html = page.content.decode()
    assert member.display_name in html
    assert member.email not in html

    owner_client.post(
        f"/communities/{group.slug}/members/{membership.pk}/role/", {"role": "organiser"}
    )
    membership.refresh_from_db()
    assert membership.role == Role.ORGANISER

    # With a second organiser, the first can step down.
    own = Membership.objects.get(group=group, user=owner)
    owner_client.post(f"/communities/{group.slug}/members/{own.pk}/role/", {"role": "member"})
    own.refresh_from_db()
    assert own.role == Role.MEMBER


def test_the_last_organiser_cannot_be_demoted_or_removed(owner_client, owner, staff_client):
    group = GroupFactory(organiser=owner)
    own = Membership.objects.get(group=group, user=owner)
    response = owner_client.post(
        f"/communities/{group.slug}/members/{own.pk}/role/", {"role": "member"}, follow=True
    )
    assert "A group needs at least one organiser." in messages_of(response)
    response = staff_client.post(f"/communities/{group.slug}/members/{own.pk}/remove/", follow=True)
    assert "A group needs at least one organiser." in messages_of(response)
    own.refresh_from_db()
    assert own.role == Role.ORGANISER


def test_an_organiser_removes_a_member(owner_client, owner, member):
    group = GroupFactory(organiser=owner)
    membership = Membership.objects.create(group=group, user=member)
    owner_client.post(f"/communities/{group.slug}/members/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_bad_role_is_refused(owner_client, owner, member):
    group = GroupFactory(organiser=owner)
    membership = Membership.objects.create(group=group, user=member)
    response = owner_client.post(
        f"/communities/{group.slug}/members/{membership.pk}/role/", {"role": "king"}, follow=True
    )
    assert "Choose organiser or member." in messages_of(response)
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


def test_only_organisers_manage_members(member_client, member, stranger_client):
    group = GroupFactory()
    membership = Membership.objects.create(group=group, user=member)
    assert member_client.get(f"/communities/{group.slug}/members/").status_code == 404
    assert (
        stranger_client.post(
            f"/communities/{group.slug}/members/{membership.pk}/remove/"
        ).status_code
        == 404
    )
    assert (
        member_client.get(f"/communities/{group.slug}/members/{membership.pk}/remove/").status_code
        == 405
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_my_groups_lists_the_members_groups(member_client, member):
    group = GroupFactory(name="Growers")
    Membership.objects.create(group=group, user=member)
    html = member_client.get("/communities/mine/").content.decode()
    assert "Growers" in html
