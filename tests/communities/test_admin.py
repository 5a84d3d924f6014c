import datetime

import pytest
from django.utils import timezone

from communities.models import Group, Pioneer
from core.models import ModerationDecision

from .factories import CommitmentFactory, GroupFactory, PioneerFactory

pytestmark = pytest.mark.django_db


def test_staff_approve_a_group_and_the_submitter_is_emailed(
    staff_client, owner, mailoutbox, django_capture_on_commit_callbacks
):
    group = GroupFactory(name="Leith Growers", moderation_status="pending", submitted_by=owner)
    changelist = staff_client.get(
        "/admin/communities/group/", {"moderation_status__exact": "pending"}
    )
    assert "Leith Growers" in changelist.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            "/admin/communities/group/",
            {"action": "approve_selected", "_selected_action": [group.pk]},
        )
    group.refresh_from_db()
    assert group.moderation_status == "approved"
    assert ModerationDecision.objects.get().listing_name == "Leith Growers"
    [email] = mailoutbox
    assert email.to == [owner.email]
    assert "/communities/leith-growers/" in email.body


def test_the_group_admin_pages_load_with_few_queries(staff_client, django_assert_max_num_queries):
    for i in range(15):
        group = GroupFactory(name=f"Group {i}")
        CommitmentFactory(group=group)
    with django_assert_max_num_queries(12):
        assert staff_client.get("/admin/communities/group/").status_code == 200
    group = Group.objects.first()
    assert staff_client.get(f"/admin/communities/group/{group.pk}/change/").status_code == 200
    assert staff_client.get("/admin/communities/commitment/").status_code == 200
    assert staff_client.get("/admin/communities/checkin/").status_code == 200
    assert staff_client.get("/admin/communities/pioneermessage/").status_code == 200


def test_staff_change_a_groups_postcode_in_the_admin(staff_client):
    group = GroupFactory(name="Movers", at="M1")
    response = staff_client.get(f"/admin/communities/group/{group.pk}/change/")
    form = response.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "name": "Movers",
            "slug": group.slug,
            "kind": "community_group",
            "area_type": "place",
            "place_postcode": "EH6",
            "radius_km": "2",
            "moderation_status": "approved",
            "tags": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "commitments-TOTAL_FORMS": "0",
            "commitments-INITIAL_FORMS": "0",
        }
    )
    data.pop("districts", None)
    data.pop("spaces", None)
    response = staff_client.post(f"/admin/communities/group/{group.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    group.refresh_from_db()
    assert (group.outcode, group.nation) == ("EH6", "Scotland")


def test_staff_mark_a_member_as_a_pioneer_for_an_area(staff_client, staff, member):
    response = staff_client.post(
        "/admin/communities/pioneer/add/",
        {
            "user": member.pk,
            "name": "",
            "place_postcode": "CF24",
            "area_name": "Cathays",
            "radius_km": "5",
            "helps_with": "Door knocking",
            "bio": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    pioneer = Pioneer.objects.get()
    assert pioneer.name == member.display_name
    assert pioneer.outcode == "CF24"
    assert pioneer.appointed_by == staff


def test_a_pioneer_needs_a_postcode(staff_client, member):
    response = staff_client.post(
        "/admin/communities/pioneer/add/",
        {
            "user": member.pk,
            "name": "X",
            "place_postcode": "",
            "area_name": "A",
            "radius_km": "5",
            "helps_with": "Y",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Enter the postcode at the centre of their area." in response.content.decode()
    assert not Pioneer.objects.exists()


def test_deleting_a_progress_update_in_the_admin_keeps_the_total_true(staff_client, owner):
    from communities.services import progress_post

    commitment = CommitmentFactory(target=10)
    progress_post(commitment=commitment, by=owner, number=3, story="a")
    update = progress_post(commitment=commitment, by=owner, number=4, story="b")
    first = commitment.updates.exclude(pk=update.pk).get()
    response = staff_client.get(f"/admin/communities/commitment/{commitment.pk}/change/")
    form = response.context["adminform"].form
    data = {
        "group": commitment.group_id,
        "area": "action",
        "what": commitment.what,
        "how": "",
        "target": "10",
        "unit": commitment.unit,
        "due_date": form.initial["due_date"].isoformat(),
        "status": "active",
        "updates-TOTAL_FORMS": "2",
        "updates-INITIAL_FORMS": "2",
        "updates-0-id": str(update.pk),
        "updates-0-commitment": str(commitment.pk),
        "updates-0-number": "4",
        "updates-0-story": "b",
        "updates-0-posted_at_0": update.posted_at.strftime("%Y-%m-%d"),
        "updates-0-posted_at_1": update.posted_at.strftime("%H:%M:%S"),
        "updates-0-DELETE": "on",
        "updates-1-id": str(first.pk),
        "updates-1-commitment": str(commitment.pk),
        "updates-1-number": "3",
        "updates-1-story": "a",
        "updates-1-posted_at_0": first.posted_at.strftime("%Y-%m-%d"),
        "updates-1-posted_at_1": first.posted_at.strftime("%H:%M:%S"),
    }
    response = staff_client.post(f"/admin/communities/commitment/{commitment.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    commitment.refresh_from_db()
    assert commitment.progress_total == 3


def test_pioneers_admin_list_loads(staff_client):
    PioneerFactory.create_batch(3)
    assert staff_client.get("/admin/communities/pioneer/").status_code == 200


def test_check_ins_and_claims_show_their_emails_from_the_outbox(
    staff_client, owner, member, django_capture_on_commit_callbacks
):
    from communities.models import CheckIn, GroupClaim
    from communities.services import checkins_queue_due, claim_decide

    group = GroupFactory(name="Leith Growers", organiser=owner)
    Group.objects.filter(pk=group.pk).update(
        registered_at=timezone.now() - datetime.timedelta(days=400)
    )
    claim = GroupClaim.objects.create(group=group, user=member, message="I chair it.")
    with django_capture_on_commit_callbacks(execute=True):
        checkins_queue_due()
        claim_decide(claim=claim, confirm=False, by=owner)
    checkin = CheckIn.objects.get()

    listing = staff_client.get("/admin/communities/checkin/")
    assert listing.context["cl"].result_list[0]._sent == 1
    page = staff_client.get(f"/admin/communities/checkin/{checkin.pk}/change/").content.decode()
    assert f"key__startswith={checkin.pk}%3A" in page
    claims = staff_client.get("/admin/communities/groupclaim/").content.decode()
    assert f"purpose=communities.claim-decision&amp;key={claim.pk}" in claims
    assert ">sent</a>" in claims
