import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import GroupKind
from core.models import ModerationStatus
from events.models import Event
from spaces.models import Kind, OwnerType, SpacePhoto, Status, TransferStage

from ..communities.factories import GroupFactory
from .factories import (
    PledgeFactory,
    SpaceFactory,
    StatusChangeFactory,
    ThreatenedSpaceFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db


def jsonld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1))


def full_space(**kwargs):
    return SpaceFactory(
        name="Ancoats Community Hall",
        kind=Kind.COMMUNITY_CENTRE,
        address="12 Cutting Room Square",
        description="Dances & meetings.",
        step_free=True,
        kitchen=True,
        capacity=120,
        opening_hours=[{"day": 0, "opens": "09:00", "closes": "17:30"}],
        opening_notes="Closed on bank holidays.",
        owner_type=OwnerType.COOPERATIVE,
        run_by="Ancoats Neighbours",
        website="https://ancoats.example.org",
        contact_name="Aisha",
        contact_email="aisha@example.org",
        contact_phone="0161 496 0000",
        tags=["dance", "repair café"],
        **kwargs,
    )


def test_the_page_shows_everything_about_the_space(client):
    space = full_space(contact_consent=True)

    response = client.get(f"/spaces/{space.slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "<h1>Ancoats Community Hall</h1>",
        "Community centre or hall",
        "12 Cutting Room Square",
        space.postcode,
        "Dances &amp; meetings.",
        "Step-free access",
        "Kitchen",
        "Holds 120",
        '<th scope="row">Monday</th><td>09:00–17:30</td>',
        '<th scope="row">Tuesday</th><td>Closed</td>',
        "Closed on bank holidays.",
        "Co-operative",
        "Ancoats Neighbours",
        "https://ancoats.example.org",
        "repair café",
        "aisha@example.org",
        "0161 496 0000",
        'data-map data-geojson-id="space-map-data"',
        "No events are listed here yet.",
    ]:
        assert text in html, text


def test_the_contact_is_hidden_without_consent(client):
    space = full_space(contact_consent=False)

    response = client.get(f"/spaces/{space.slug}/")

    html = response.content.decode()
    assert "aisha@example.org" not in html
    assert "0161 496 0000" not in html
    assert "email" not in jsonld(response)


def test_the_page_carries_schema_org_place_json_ld(client):
    space = full_space(contact_consent=True)

    data = jsonld(client.get(f"/spaces/{space.slug}/"))

    assert data["@context"] == "https://schema.org"
    assert "Place" in data["@type"]
    assert data["name"] == "Ancoats Community Hall"
    assert data["url"] == f"http://127.0.0.1:8000/spaces/{space.slug}/"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "12 Cutting Room Square",
        "postalCode": space.postcode,
        "addressLocality": "Manchester",
        "addressRegion": "England",
        "addressCountry": "GB",
    }
    assert data["geo"]["@type"] == "GeoCoordinates"
    assert data["geo"]["latitude"] == round(space.latitude, 6)
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "09:00",
            "closes": "17:30",
        }
    ]
    assert {"@type": "LocationFeatureSpecification", "name": "Step-free access", "value": True} in (
        data["amenityFeature"]
    )
    assert data["maximumAttendeeCapacity"] == 120
    assert data["email"] == "aisha@example.org"


def test_json_ld_cannot_break_out_of_its_script_element(client):
    space = SpaceFactory(name="</script><script>alert(1)</script>")

    html = client.get(f"/spaces/{space.slug}/").content.decode()

    assert "</script><script>alert(1)" not in html
    assert jsonld(client.get(f"/spaces/{space.slug}/"))["name"] == space.name


def test_a_pending_space_is_hidden_from_strangers_and_the_public(client, stranger_client, owner):
    space = SpaceFactory(moderation_status=ModerationStatus.PENDING, submitted_by=owner)

    assert client.get(f"/spaces/{space.slug}/").status_code == 404
    assert stranger_client.get(f"/spaces/{space.slug}/").status_code == 404


def test_a_pending_space_is_shown_to_its_submitter_and_staff(owner_client, owner, staff_client):
    space = SpaceFactory(moderation_status=ModerationStatus.PENDING, submitted_by=owner)

    for c in (owner_client, staff_client):
        response = c.get(f"/spaces/{space.slug}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Awaiting review" in html
        assert 'name="robots" content="noindex"' in html
        assert "application/ld+json" not in html


def test_a_rejected_space_shows_its_submitter_why(owner_client, owner):
    space = SpaceFactory(
        moderation_status=ModerationStatus.REJECTED, submitted_by=owner, review_note="No address."
    )

    html = owner_client.get(f"/spaces/{space.slug}/").content.decode()

    assert "did not approve" in html
    assert "No address." in html
    assert f"/spaces/{space.slug}/edit/" in html


def test_an_unknown_space_is_404(client):
    assert client.get("/spaces/no-such-space/").status_code == 404


def test_upcoming_events_held_at_the_space_are_listed(client):
    space = SpaceFactory()
    now = timezone.now()
    Event.objects.create(
        title="Repair café",
        slug="repair-cafe",
        space=space,
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
        moderation_status=ModerationStatus.APPROVED,
    )
    Event.objects.create(
        title="Last year's fair",
        slug="old-fair",
        space=space,
        starts_at=now - timedelta(days=300),
        ends_at=now - timedelta(days=300, hours=-2),
        moderation_status=ModerationStatus.APPROVED,
    )

    html = client.get(f"/spaces/{space.slug}/").content.decode()

    assert "Repair café" in html
    assert "Last year" not in html


def test_the_groups_that_meet_at_the_space_are_listed(client):
    space = SpaceFactory()
    GroupFactory(name="Ancoats Repair Circle", kind=GroupKind.COOPERATIVE).spaces.add(space)
    GroupFactory(name="Unapproved Knitters", moderation_status="pending").spaces.add(space)
    GroupFactory(name="Meets Elsewhere")

    html = client.get(f"/spaces/{space.slug}/").content.decode()

    assert "Groups that meet here" in html
    assert '<a href="/communities/ancoats-repair-circle/">Ancoats Repair Circle</a>' in html
    assert "Co-operative" in html
    assert "Unapproved Knitters" not in html
    assert "Meets Elsewhere" not in html


def test_a_space_with_no_groups_says_so(client):
    space = SpaceFactory()

    html = client.get(f"/spaces/{space.slug}/").content.decode()

    assert "No group has said it meets here yet." in html


@pytest.mark.parametrize("n", [2, 15])
def test_the_groups_cost_the_same_queries_however_many_meet_there(
    client, n, django_assert_num_queries
):
    space = SpaceFactory()
    for i in range(n):
        GroupFactory(name=f"Group {i}", tags=["food"]).spaces.add(space)
    client.get(f"/spaces/{space.slug}/")  # warm caches (content types)

    with django_assert_num_queries(10):
        html = client.get(f"/spaces/{space.slug}/").content.decode()
    assert html.count('href="/communities/group-') == n


def test_supporters_show_the_count_and_only_the_names_of_those_who_agreed(client):
    space = ThreatenedSpaceFactory()
    PledgeFactory(space=space, user__display_name="Shown Supporter", show_name=True)
    PledgeFactory(space=space, user__display_name="Private Supporter", show_name=False)

    html = client.get(f"/spaces/{space.slug}/").content.decode()

    assert "2 people have pledged to help this space." in html
    assert "Shown Supporter" in html
    assert "Private Supporter" not in html


def test_the_status_history_is_shown_newest_first(client):
    space = SpaceFactory(status=Status.TRANSFER, transfer_stage=TransferStage.APPLICATION)
    now = timezone.now()
    StatusChangeFactory(space=space, status=Status.OPEN, changed_at=now - timedelta(days=9))
    StatusChangeFactory(
        space=space,
        status=Status.THREATENED,
        threat_summary="Sale proposed.",
        changed_at=now - timedelta(days=5),
    )
    StatusChangeFactory(
        space=space,
        status=Status.TRANSFER,
        transfer_stage=TransferStage.APPLICATION,
        note="The group applied.",
        changed_at=now,
    )

    html = client.get(f"/spaces/{space.slug}/").content.decode()

    history = html.split('id="history-heading"', 1)[1]
    assert (
        history.index("In community asset transfer: Full application submitted")
        < history.index("Under threat")
        < history.index("Open")
    )
    assert "Sale proposed." in history
    assert "The group applied." in history
    assert "Stage:</strong> Full application submitted" in html


def test_only_approved_photos_are_shown(client):
    space = SpaceFactory()
    for alt, status in (("The garden", "approved"), ("Not yet checked", "pending")):
        SpacePhoto.objects.create(
            space=space,
            image=image_upload(),
            thumbnail=image_upload(),
            alt_text=alt,
            moderation_status=status,
        )

    html = client.get(f"/spaces/{space.slug}/").content.decode()

    assert 'alt="The garden"' in html
    assert "Not yet checked" not in html


def test_a_threatened_space_shows_the_threat_and_asks_for_pledges(client):
    space = ThreatenedSpaceFactory(threat_summary="The lease ends.")

    html = client.get(f"/spaces/{space.slug}/").content.decode()

    assert "The lease ends." in html
    assert "30 days left" in html
    assert "Help save this space" in html
    assert "Log in to pledge" in html


def test_an_open_space_asks_for_no_pledges_but_offers_a_threat_report(member_client):
    space = SpaceFactory()

    html = member_client.get(f"/spaces/{space.slug}/").content.decode()

    assert "Help save this space" not in html
    assert f"/spaces/{space.slug}/report-threat/" in html
    assert f"/spaces/{space.slug}/edit/" in html
