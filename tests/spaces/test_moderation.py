"""Staff approve or reject listings, edits and photos in admin; submitters are emailed."""

import pytest

from core.models import ModerationDecision, ModerationStatus
from spaces.models import Space, SpaceEdit, SpacePhoto

from .factories import SpaceFactory, image_upload

pytestmark = pytest.mark.django_db


def act(client, model, action, pks, **extra):
    return client.post(
        f"/admin/spaces/{model}/",
        {"action": action, "_selected_action": [str(pk) for pk in pks], **extra},
    )


def test_approving_a_space_makes_it_public_and_emails_the_submitter(
    staff_client, client, member, mailoutbox, django_capture_on_commit_callbacks
):
    space = SpaceFactory(
        name="Ancoats Hall", moderation_status=ModerationStatus.PENDING, submitted_by=member
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = act(staff_client, "space", "approve_selected", [space.pk])

    assert response.status_code == 302
    space.refresh_from_db()
    assert space.moderation_status == ModerationStatus.APPROVED
    [email] = mailoutbox
    assert email.to == ["member@example.org"]
    assert "Ancoats Hall" in email.subject and "is live" in email.subject
    assert f"/spaces/{space.slug}/" in email.body
    html = email.alternatives[0][0]
    assert f'/spaces/{space.slug}/"' in html
    assert "has been approved" in html
    assert client.get(f"/spaces/{space.slug}/").status_code == 200
    assert "Ancoats Hall" in client.get("/spaces/", {"postcode": "M4"}).content.decode()


def test_approving_a_space_approves_the_photo_sent_with_it_without_a_second_email(
    staff_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    space = SpaceFactory(moderation_status=ModerationStatus.PENDING, submitted_by=member)
    photo = SpacePhoto.objects.create(
        space=space,
        image=image_upload(),
        thumbnail=image_upload(),
        alt_text="The hall",
        submitted_by=member,
    )

    with django_capture_on_commit_callbacks(execute=True):
        act(staff_client, "space", "approve_selected", [space.pk])

    photo.refresh_from_db()
    assert photo.moderation_status == ModerationStatus.APPROVED
    assert len(mailoutbox) == 1


def test_rejecting_a_space_asks_for_a_reason_and_emails_it(
    staff_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    space = SpaceFactory(moderation_status=ModerationStatus.PENDING, submitted_by=member)

    confirm = act(staff_client, "space", "reject_selected", [space.pk])
    assert confirm.status_code == 200
    assert "Reason (sent to the submitter)" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        act(staff_client, "space", "reject_selected", [space.pk], apply="1", note="It is a house.")

    space.refresh_from_db()
    assert space.moderation_status == ModerationStatus.REJECTED
    [email] = mailoutbox
    assert "was not approved" in email.subject
    assert "It is a house." in email.body
    assert "It is a house." in email.alternatives[0][0]


def proposal(**overrides):
    data = {
        "name": "Ancoats Hall",
        "kind": "community_centre",
        "address": "1 High Street",
        "postcode": "M4 6DE",
        "description": "A hall for everyone.",
        "tags": "dance",
        "owner_type": "unknown",
        "reason": "I run the bookings.",
    }
    data.update(overrides)
    return data


def test_a_member_proposes_an_edit_which_changes_nothing_until_approved(
    stranger_client, stranger, staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    space = SpaceFactory(name="Ancoats Hall", address="1 High Street", tags=["dance"])

    response = stranger_client.post(
        f"/spaces/{space.slug}/edit/",
        proposal(address="12 Cutting Room Square", kitchen="on", opens_1="10:00", closes_1="12:00"),
    )

    assert response.status_code == 302
    edit = SpaceEdit.objects.get()
    assert edit.submitted_by == stranger
    assert edit.moderation_status == ModerationStatus.PENDING
    assert edit.changes == {
        "address": {"from": "1 High Street", "to": "12 Cutting Room Square"},
        "kitchen": {"from": False, "to": True},
        "opening_hours": {"from": [], "to": [{"day": 1, "opens": "10:00", "closes": "12:00"}]},
    }
    assert edit.reason == "I run the bookings."
    space.refresh_from_db()
    assert space.address == "1 High Street"

    admin_page = staff_client.get(f"/admin/spaces/spaceedit/{edit.pk}/change/").content.decode()
    assert "12 Cutting Room Square" in admin_page

    with django_capture_on_commit_callbacks(execute=True):
        act(staff_client, "spaceedit", "approve_selected", [edit.pk])

    space.refresh_from_db()
    assert space.address == "12 Cutting Room Square"
    assert space.kitchen is True
    assert space.opening_hours == [{"day": 1, "opens": "10:00", "closes": "12:00"}]
    edit.refresh_from_db()
    assert edit.applied_at is not None
    [email] = mailoutbox
    assert email.to == ["stranger@example.org"]
    assert "is live" in email.subject
    assert f"/spaces/{space.slug}/" in email.body


def test_an_edit_can_move_a_space_and_change_its_tags(stranger_client, staff_client):
    space = SpaceFactory(name="Ancoats Hall", address="1 High Street", tags=["dance"])

    stranger_client.post(
        f"/spaces/{space.slug}/edit/", proposal(postcode="EH1 1YZ", tags="Choir, dance")
    )
    edit = SpaceEdit.objects.get()
    assert set(edit.changes) == {"location", "tags"}
    act(staff_client, "spaceedit", "approve_selected", [edit.pk])

    space.refresh_from_db()
    assert (space.postcode, space.outcode, space.nation) == ("EH1 1YZ", "EH1", "Scotland")
    assert sorted(t.name for t in space.tags.all()) == ["choir", "dance"]


def test_a_rejected_edit_is_not_applied_and_the_proposer_hears_why(
    stranger_client, staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    space = SpaceFactory(name="Ancoats Hall", address="1 High Street", tags=["dance"])
    stranger_client.post(f"/spaces/{space.slug}/edit/", proposal(name="Ancoats Palace"))
    edit = SpaceEdit.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        act(
            staff_client, "spaceedit", "reject_selected", [edit.pk], apply="1", note="Not its name."
        )

    space.refresh_from_db()
    assert space.name == "Ancoats Hall"
    [email] = mailoutbox
    assert "Not its name." in email.body


def test_an_edit_that_changes_nothing_is_refused(stranger_client):
    space = SpaceFactory(name="Ancoats Hall", address="1 High Street", tags=["dance"])

    response = stranger_client.post(f"/spaces/{space.slug}/edit/", proposal())

    assert response.status_code == 400
    assert "You haven&#x27;t changed anything yet." in response.content.decode()
    assert not SpaceEdit.objects.exists()


def test_the_edit_form_starts_from_the_current_values(stranger_client):
    space = SpaceFactory(
        name="Ancoats Hall",
        tags=["dance", "choir"],
        opening_hours=[{"day": 2, "opens": "09:00", "closes": "11:00"}],
    )

    html = stranger_client.get(f"/spaces/{space.slug}/edit/").content.decode()

    assert 'value="Ancoats Hall"' in html
    assert 'value="choir, dance"' in html
    assert f'value="{space.postcode}"' in html
    assert 'name="opens_2" value="09:00"' in html


def test_editing_needs_a_log_in(client):
    space = SpaceFactory()

    response = client.get(f"/spaces/{space.slug}/edit/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_submitter_of_a_pending_space_edits_it_directly(owner_client, owner):
    space = SpaceFactory(
        name="Ancoats Hall", moderation_status=ModerationStatus.REJECTED, submitted_by=owner
    )

    response = owner_client.post(f"/spaces/{space.slug}/edit/", proposal(address="2 Mill Lane"))

    assert response.status_code == 302
    space.refresh_from_db()
    assert space.address == "2 Mill Lane"
    assert space.moderation_status == ModerationStatus.PENDING
    assert not SpaceEdit.objects.exists()


def test_strangers_cannot_edit_a_pending_space(stranger_client, owner):
    space = SpaceFactory(moderation_status=ModerationStatus.PENDING, submitted_by=owner)

    assert stranger_client.get(f"/spaces/{space.slug}/edit/").status_code == 404
    assert stranger_client.post(f"/spaces/{space.slug}/edit/", proposal()).status_code == 404


def test_an_edit_that_would_duplicate_another_listing_is_refused(stranger_client):
    SpaceFactory(name="Ancoats Library", at="M4 6DE")
    space = SpaceFactory(name="Ancoats Hall", address="1 High Street", tags=["dance"], at="M4 6DE")

    response = stranger_client.post(f"/spaces/{space.slug}/edit/", proposal(name="Ancoats Library"))

    assert response.status_code == 400
    assert "is already listed" in response.content.decode()


def test_a_photo_added_to_a_space_awaits_approval(member_client, member, staff_client, client):
    space = SpaceFactory()

    response = member_client.post(
        f"/spaces/{space.slug}/photos/new/", {"photo": image_upload(), "alt_text": "The stage"}
    )

    assert response.status_code == 302
    photo = SpacePhoto.objects.get()
    assert photo.submitted_by == member
    assert 'alt="The stage"' not in client.get(f"/spaces/{space.slug}/").content.decode()
    act(staff_client, "spacephoto", "approve_selected", [photo.pk])
    assert 'alt="The stage"' in client.get(f"/spaces/{space.slug}/").content.decode()
    assert ModerationDecision.objects.filter(object_id=photo.pk).exists()


def test_a_photo_needs_a_file_and_a_description(member_client):
    space = SpaceFactory()

    response = member_client.post(f"/spaces/{space.slug}/photos/new/", {"alt_text": ""})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a photo to upload." in html
    assert "Describe the photo for people who can&#x27;t see it." in html


def test_an_enormous_image_by_pixels_is_refused_even_if_the_file_is_small(member_client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")
    upload = SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")
    space = SpaceFactory()

    response = member_client.post(
        f"/spaces/{space.slug}/photos/new/", {"photo": upload, "alt_text": "x"}
    )

    assert response.status_code == 400
    assert "8000×6000 pixels" in response.content.decode()
    assert not SpacePhoto.objects.exists()


def test_space_counts_are_unchanged_by_proposals(stranger_client):
    space = SpaceFactory(name="Ancoats Hall", address="1 High Street", tags=["dance"])
    stranger_client.post(f"/spaces/{space.slug}/edit/", proposal(address="3 Mill Lane"))
    assert Space.objects.count() == 1


def test_the_reject_confirmation_names_the_listings_and_the_action(staff_client, member):
    space = SpaceFactory(name="Levenshulme Hall", moderation_status=ModerationStatus.PENDING)

    page = act(staff_client, "space", "reject_selected", [space.pk]).content.decode()

    assert "Reject this listing? Its submitter is emailed the reason." in page
    assert "Levenshulme Hall" in page
    assert 'name="action" value="reject_selected"' in page
    assert 'value="Reject and email"' in page
