"""Members submit events; they wait for a moderator; bad input is explained, never lost."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from communities.models import Group, Membership, Role
from events.models import Event
from spaces.models import Space

from ..communities.factories import GroupFactory
from .factories import soon

URL = "/events/new/"


def local(value) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def form_data(**overrides) -> dict:
    data = {
        "title": "Clothes swap",
        "description": "Bring clothes you don't wear; take some you will.",
        "tags": "swap, clothes",
        "starts_at": local(soon(5, 10)),
        "ends_at": local(soon(5, 13)),
        "recurrence": "",
        "repeat_until": "",
        "attendance_mode": "in_person",
        "space": "",
        "venue_name": "St Peter's Hall",
        "address": "12 Oxford Road",
        "postcode": "m1 1ad",
        "join_url": "",
        "join_details": "",
        "price": "0",
        "price_note": "",
        "capacity": "",
        "accessibility_notes": "Step-free from Oxford Road.",
        "image_alt": "",
    }
    data.update(overrides)
    return data


def picture(fmt="PNG", size=(400, 300), exif=None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (10, 120, 80)).save(buffer, fmt, **kwargs)
    ext = {"PNG": "png", "JPEG": "jpg", "GIF": "gif"}[fmt]
    return SimpleUploadedFile(f"photo.{ext}", buffer.getvalue(), content_type=f"image/{ext}")


def test_anonymous_visitors_are_asked_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/events/new/")


def test_the_form_groups_what_when_where_cost_and_access(member_client):
    html = member_client.get(URL).content.decode()
    for legend in ["What", "When", "Where", "Cost and places", "Accessibility and image"]:
        assert f"<h2>{legend}</h2>" in html
    assert 'type="datetime-local"' in html


def test_a_member_submits_an_event_in_a_place_which_waits_for_review(member_client, member, client):
    response = member_client.post(URL, form_data())
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert event.moderation_status == "pending"
    assert event.organiser == member and event.submitted_by == member
    assert event.postcode == "M1 1AD" and event.outcode == "M1" and event.latitude is not None
    assert event.starts_at == soon(5, 10)
    assert sorted(t.name for t in event.tags.all()) == ["clothes", "swap"]
    assert event.slug == f"clothes-swap-{soon(5):%Y-%m-%d}"
    assert event.occurrences.count() == 1
    page = member_client.get(response["Location"]).content.decode()
    assert "Our moderators will check your event" in page
    assert "Clothes swap" not in client.get("/events/").content.decode()


def test_an_online_event_needs_an_https_join_link_and_no_place(member_client):
    data = form_data(
        attendance_mode="online", join_url="zoom.example.org/j/123", postcode="", address=""
    )
    assert member_client.post(URL, data).status_code == 302
    event = Event.objects.get()
    assert event.join_url == "https://zoom.example.org/j/123"
    assert event.latitude is None and event.venue_name == "" and event.postcode == ""


def test_an_event_at_a_community_space_takes_its_place(member_client):
    space = Space.objects.create(
        name="Ancoats Hall", slug="ancoats-hall", moderation_status="approved"
    )
    from postcodes.services import lookup

    space.set_location(lookup("M4 6DE"))
    space.save()
    assert "Ancoats Hall" in member_client.get(f"{URL}?space=ancoats-hall").content.decode()
    data = form_data(space=space.pk, venue_name="", address="", postcode="")
    assert member_client.post(URL, data).status_code == 302
    event = Event.objects.get()
    assert event.space == space and event.venue_name == "Ancoats Hall"
    assert event.postcode == space.postcode and event.latitude == space.latitude


def test_a_regular_activity_gets_its_dates(member_client):
    data = form_data(recurrence="weekly", repeat_until=soon(40).date().isoformat())
    assert member_client.post(URL, data).status_code == 302
    assert Event.objects.get().occurrences.count() == 6


def test_members_may_name_any_approved_group_they_organise(member_client, member, stranger):
    listed = GroupFactory(name="Ancoats Residents", submitted_by=member, organiser=member)
    # Made an organiser of a group someone else listed (a claim, or another organiser).
    joined = GroupFactory(name="Bread Co-op", submitted_by=stranger, organiser=stranger)
    Membership.objects.create(group=joined, user=member, role=Role.ORGANISER)
    GroupFactory(name="Not mine", submitted_by=stranger, organiser=stranger)
    GroupFactory(name="Just a member here").memberships.create(user=member, role=Role.MEMBER)
    GroupFactory(name="Awaiting review", moderation_status="pending", organiser=member)

    html = member_client.get(URL).content.decode()

    assert "Ancoats Residents" in html and "Bread Co-op" in html
    for other in ("Not mine", "Just a member here", "Awaiting review"):
        assert other not in html
    assert member_client.post(URL, form_data(group=joined.pk)).status_code == 302
    assert Event.objects.get().group == joined
    assert listed.pk != joined.pk


def test_a_group_the_member_does_not_organise_is_refused(member_client, member, stranger):
    GroupFactory(name="Ancoats Residents", organiser=member)
    theirs = GroupFactory(name="Not mine", organiser=stranger)
    plain = GroupFactory(name="Just a member here")
    plain.memberships.create(user=member, role=Role.MEMBER)

    for group in (theirs, plain):
        response = member_client.post(URL, form_data(group=group.pk, title="Hijack"))
        assert response.status_code == 400
        html = response.content.decode()
        assert "Choose one of the groups you organise" in html
        assert 'value="Hijack"' in html  # what they typed is kept
    assert not Event.objects.exists()


def test_without_a_group_to_organise_the_question_is_not_asked(member_client, stranger):
    GroupFactory(name="Not mine", organiser=stranger)

    html = member_client.get(URL).content.decode()

    assert 'name="group"' not in html
    response = member_client.post(URL, form_data(group=Group.objects.get().pk))
    assert response.status_code == 302
    assert Event.objects.get().group is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": local(soon(5, 9))}, "ends_at", "The end must be after the start."),
        (
            {"starts_at": local(soon(-1, 10)), "ends_at": local(soon(-1, 12))},
            "starts_at",
            "That start is in the past.",
        ),
        ({"capacity": "-1"}, "capacity", "Give at least 1 place, or leave it blank for no limit."),
        ({"capacity": "lots"}, "capacity", "Give the number of places as a whole number"),
        ({"price": "-2"}, "price", "The cost can't be below £0"),
        (
            {"attendance_mode": "online", "join_url": "http://zoom.example.org/j/1"},
            "join_url",
            "The join link must start with https://.",
        ),
        (
            {"attendance_mode": "mixed", "join_url": ""},
            "join_url",
            "Give the https:// link people use to join online.",
        ),
        (
            {"address": "", "postcode": ""},
            "address",
            "Give the street address, or choose a community space.",
        ),
        ({"postcode": ""}, "postcode", "Give the postcode of the address, or choose a space."),
        ({"postcode": "M1"}, "postcode", "“M1” is not a UK postcode. Enter one like M1 1AE."),
        ({"postcode": "QQ1 1QQ"}, "postcode", "QQ1 1QQ"),
        ({"recurrence": "daily"}, "recurrence", "Select a valid choice."),
        (
            {"recurrence": "weekly", "ends_at": local(soon(7, 10))},
            "ends_at",
            "Each date of a regular activity can last at most a day.",
        ),
        (
            {"recurrence": "weekly", "repeat_until": soon(1).date().isoformat()},
            "repeat_until",
            "The last day must be on or after the first date.",
        ),
        ({"starts_at": "next friday"}, "starts_at", "Enter a valid date/time."),
        ({"title": ""}, "title", "This field is required."),
        (
            {"starts_at": local(soon(800, 10)), "ends_at": local(soon(800, 12))},
            "starts_at",
            "two years ahead",
        ),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(
    member_client, overrides, field, message
):
    data = form_data(**overrides)
    response = member_client.post(URL, data)
    assert response.status_code == 400
    assert not Event.objects.exists()
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert "There is a problem" in html or "There are problems" in html
    if "title" not in overrides:
        assert 'value="Clothes swap"' in html
    assert "Step-free from Oxford Road." in html


def test_an_image_is_checked_and_stored_without_its_metadata(member_client, media_root):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make: metadata that must not be published
    data = form_data(image=picture("JPEG", (2400, 1800), exif=exif), image_alt="Racks of clothes")
    assert member_client.post(URL, data).status_code == 302
    event = Event.objects.get()
    assert event.image_alt == "Racks of clothes"
    with Image.open(event.image.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 1600
        assert not stored.getexif()
    assert event.image.name.startswith(f"events/{soon(0):%Y/%m}/")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("notes.png", b"not a picture at all", content_type="image/png"),
            "Upload a valid image",
        ),
        (picture("GIF"), "That is a GIF file. Upload a JPEG, PNG or WebP image."),
        (picture("PNG", (50, 50)), "at least 200 pixels"),
    ],
)
def test_bad_images_are_refused_with_a_reason(member_client, media_root, upload, message):
    response = member_client.post(URL, form_data(image=upload, image_alt="A picture"))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["image"])


def test_an_image_over_the_size_limit_is_refused(member_client, media_root, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024
    response = member_client.post(URL, form_data(image=picture("PNG", (800, 800)), image_alt="x"))
    assert "the limit is" in " ".join(response.context["form"].errors["image"])


def test_an_image_needs_a_description(member_client, media_root):
    response = member_client.post(URL, form_data(image=picture()))
    assert response.status_code == 400
    assert "Describe the image" in " ".join(response.context["form"].errors["image_alt"])


def test_get_with_a_bad_space_is_just_ignored(member_client):
    assert member_client.get(f"{URL}?space=nowhere").status_code == 200


def test_submitting_is_rate_limited(member_client, settings):
    for n in range(10):
        member_client.post(
            URL, form_data(title=f"Swap {n}", starts_at=local(soon(5, 10) + timedelta(minutes=n)))
        )
    response = member_client.post(URL, form_data(title="One too many"))
    assert response.status_code == 429
    assert "a lot of events in the last hour" in response.content.decode()
    assert Event.objects.count() == 10
