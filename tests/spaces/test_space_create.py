import io
import os
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.models import ModerationStatus
from spaces.models import Space, SpacePhoto, Status

from .factories import SpaceFactory, image_bytes, image_upload

pytestmark = pytest.mark.django_db


def valid(**overrides) -> dict:
    data = {
        "name": "Ancoats Community Hall",
        "kind": "community_centre",
        "address": "12 Cutting Room Square",
        "postcode": "m4 6de",
        "description": "A mill hall with a sprung floor.",
        "tags": "Dance, repair café, dance",
        "step_free": "on",
        "kitchen": "on",
        "capacity": "120",
        "opens_0": "09:00",
        "closes_0": "17:00",
        "opens_5": "10:00",
        "closes_5": "13:00",
        "opening_notes": "Closed on bank holidays.",
        "owner_type": "community_group",
        "run_by": "Ancoats Neighbours",
        "website": "ancoats.example.org",
        "contact_name": "Aisha",
        "contact_email": "aisha@example.org",
        "contact_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_anonymous_visitors_are_asked_to_log_in(client):
    response = client.get("/spaces/new/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/spaces/new/")
    assert client.post("/spaces/new/", valid()).status_code == 302
    assert not Space.objects.exists()


def test_a_member_lists_a_space_which_awaits_review(member_client, member, client):
    response = member_client.post("/spaces/new/", valid())

    space = Space.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/spaces/{space.slug}/"
    assert space.slug == "ancoats-community-hall-m4"
    assert space.moderation_status == ModerationStatus.PENDING
    assert space.submitted_by == member
    assert space.postcode == "M4 6DE"
    assert space.outcode == "M4"
    assert space.nation == "England"
    assert space.lad_code == "E08000003"
    assert space.latitude == pytest.approx(53.48, abs=0.05)
    assert space.status == Status.OPEN
    assert space.step_free and space.kitchen and not space.toilets
    assert space.capacity == 120
    assert space.opening_hours == [
        {"day": 0, "opens": "09:00", "closes": "17:00"},
        {"day": 5, "opens": "10:00", "closes": "13:00"},
    ]
    assert space.website == "https://ancoats.example.org"
    assert sorted(t.name for t in space.tags.all()) == ["dance", "repair café"]
    assert space.status_changes.get().status == Status.OPEN
    page = member_client.get(response["Location"]).content.decode()
    assert "Thank you for listing Ancoats Community Hall" in page
    assert "Awaiting review" in page
    # Not public until approved.
    assert client.get(f"/spaces/{space.slug}/").status_code == 404
    assert "Ancoats Community Hall" not in client.get("/spaces/").content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the name of the space."),
        ({"postcode": ""}, "postcode", "Enter the postcode of the space"),
        ({"postcode": "ZZ99 9ZZ"}, "postcode", "is not a UK postcode"),
        ({"postcode": "M4"}, "postcode", "is not a UK postcode. Enter one like M1 1AE."),
        ({"postcode": "JE2 3AB"}, "postcode", "Jersey"),
        ({"kind": "castle"}, "kind", "Select a valid choice"),
        ({"capacity": "0"}, "capacity", "Enter a number of people from 1 to 100,000."),
        ({"closes_0": "08:00"}, "closes_0", "On Monday, closing must be after opening."),
        ({"closes_0": ""}, "closes_0", "Give both the opening and closing time on Monday"),
        ({"opens_2": "9am-ish"}, "opens_2", "Enter a time like 09:30."),
        (
            {"contact_email": "", "contact_phone": ""},
            "contact_consent",
            "Add an email address or phone number to show, or untick this box.",
        ),
        ({"website": "not a url at all"}, "website", "Enter a web address"),
        ({"tags": ",".join(f"t{i}" for i in range(12))}, "tags", "Choose up to 10 interests."),
        ({"name": "x" * 201}, "name", "at most 200 characters"),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_what_was_typed(
    member_client, overrides, field, message
):
    data = valid(**overrides)

    response = member_client.post("/spaces/new/", data)

    assert response.status_code == 400
    assert not Space.objects.exists()
    html = unescape(response.content.decode())
    assert "There is a problem" in html or "There are problems" in html
    assert message in html
    form = response.context["form"]
    assert field in form.errors
    # What the member typed is still there.
    assert 'value="Ancoats Neighbours"' in html
    assert "A mill hall with a sprung floor." in html


def test_a_duplicate_of_a_listed_place_is_refused_with_a_link_to_it(member_client):
    existing = SpaceFactory(name="The Ancoats Community-Hall", at="M4 6DE")

    response = member_client.post("/spaces/new/", valid(name="ancoats community hall"))

    assert response.status_code == 400
    assert Space.objects.count() == 1
    html = unescape(response.content.decode())
    assert "is already listed" in html
    assert f'href="/spaces/{existing.slug}/"' in html
    assert f'href="/spaces/{existing.slug}/edit/"' in html


def test_a_pending_listing_counts_as_a_duplicate_so_a_double_submit_makes_one_space(member_client):
    assert member_client.post("/spaces/new/", valid()).status_code == 302
    assert member_client.post("/spaces/new/", valid()).status_code == 400
    assert Space.objects.count() == 1


def test_a_rejected_listing_does_not_block_a_new_one(member_client):
    SpaceFactory(name="Ancoats Community Hall", at="M4 6DE", moderation_status="rejected")

    assert member_client.post("/spaces/new/", valid()).status_code == 302
    assert Space.objects.count() == 2


def test_the_database_refuses_a_duplicate_even_if_two_submissions_race(member):
    from postcodes.services import lookup
    from spaces.services.submissions import DuplicateSpace, space_submit

    fields = {"name": "Ancoats Community Hall", "kind": "community_centre"}
    first = space_submit(by=member, fields=fields, location=lookup("M4 6DE"), tags=[])
    with pytest.raises(DuplicateSpace) as raised:
        space_submit(
            by=member,
            fields={**fields, "name": "ANCOATS COMMUNITY HALL!"},
            location=lookup("M4 6DE"),
            tags=[],
        )
    assert raised.value.existing == first


def test_a_photo_is_stored_without_its_location_data_and_awaits_review(member_client):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (53.0, 28.0, 0.0)}  # GPSInfo
    exif[0x0110] = "Secret Camera"  # Model
    upload = SimpleUploadedFile(
        "hall.jpg", image_bytes("JPEG", size=(3000, 2000), exif=exif), content_type="image/jpeg"
    )

    response = member_client.post(
        "/spaces/new/", {**valid(), "photo": upload, "photo_alt": "The hall set for a dance"}
    )

    assert response.status_code == 302
    photo = SpacePhoto.objects.get()
    assert photo.moderation_status == ModerationStatus.PENDING
    assert photo.alt_text == "The hall set for a dance"
    assert (photo.width, photo.height) == (1600, 1067)
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
    with Image.open(photo.thumbnail.path) as thumb:
        assert max(thumb.size) <= 480


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("notes.jpg", b"this is not a picture", content_type="image/jpeg"),
            "That file is not a photo we can read",
        ),
        (
            SimpleUploadedFile("anim.gif", image_bytes("GIF"), content_type="image/gif"),
            "That is a GIF file. Upload a JPEG, PNG or WebP photo.",
        ),
        (
            SimpleUploadedFile(
                "tiny.png", image_bytes("PNG", size=(20, 20)), content_type="image/png"
            ),
            "Upload one at least 100 pixels on each side and at most 40 megapixels.",
        ),
    ],
)
def test_a_bad_photo_gets_a_clear_error(member_client, upload, message):
    response = member_client.post(
        "/spaces/new/", {**valid(), "photo": upload, "photo_alt": "A photo"}
    )

    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert message in html
    assert "choose the photo again" in html
    assert not Space.objects.exists()


def test_a_huge_photo_is_refused(member_client):
    # Random pixels do not compress: about 6.75 MB as a PNG, over the 5 MB limit.
    noise = Image.frombytes("RGB", (1500, 1500), os.urandom(1500 * 1500 * 3))
    out = io.BytesIO()
    noise.save(out, "PNG", compress_level=0)
    upload = SimpleUploadedFile("big.png", out.getvalue(), content_type="image/png")

    response = member_client.post("/spaces/new/", {**valid(), "photo": upload, "photo_alt": "x"})

    assert response.status_code == 400
    assert re.search(r"That photo is 6\.\d MB; the limit is 5 MB", response.content.decode())
    assert not Space.objects.exists()


def test_a_photo_needs_a_description(member_client):
    response = member_client.post("/spaces/new/", {**valid(), "photo": image_upload()})

    assert response.status_code == 400
    assert "Describe the photo for people who can&#x27;t see it." in response.content.decode()
