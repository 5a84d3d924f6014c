import pytest

from communities.models import AreaType, Group, Role

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Leith Repair Café",
    "kind": "community_group",
    "description": "We fix things together.",
    "tags": "repair, zero waste",
    "area_type": "place",
    "postcode": "EH6 6QU",
    "radius_km": "3.0",
    "place_name": "Leith",
    "districts": "",
    "website": "",
}


def test_anonymous_people_are_asked_to_log_in(client):
    response = client.get("/communities/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_member_lists_a_group_and_becomes_its_organiser(member_client, member):
    response = member_client.post("/communities/new/", VALID)
    group = Group.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "/communities/leith-repair-cafe/"
    assert group.moderation_status == "pending"
    assert group.submitted_by == member
    assert group.outcode == "EH6"
    assert group.nation == "Scotland"
    assert group.radius_km == 3.0
    assert sorted(t.name for t in group.tags.all()) == ["repair", "zero waste"]
    assert group.memberships.get().role == Role.ORGANISER


def test_a_group_of_postcode_districts_gets_the_circle_around_them(member_client):
    data = {**VALID, "area_type": "districts", "postcode": "", "districts": "m4, M40 m4"}
    assert member_client.post("/communities/new/", data).status_code == 302
    group = Group.objects.get()
    assert group.area_type == AreaType.DISTRICTS
    assert group.district_codes() == ["M4", "M40"]
    assert 53.48 < group.latitude < 53.51
    assert group.lad_code == "E08000003"
    assert 4 < group.radius_km < 8
    assert group.area_summary() == "Postcode districts M4, M40"


def test_a_community_of_interest_needs_no_place_but_needs_interests(member_client):
    data = {**VALID, "area_type": "interest", "postcode": "", "tags": ""}
    response = member_client.post("/communities/new/", data)
    assert response.status_code == 400
    assert "needs at least one interest" in response.content.decode()
    data["tags"] = "baking"
    assert member_client.post("/communities/new/", data).status_code == 302
    group = Group.objects.get()
    assert group.latitude is None and group.postcode == ""


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"postcode": "", "tags": ""}, "postcode", "Enter the postcode at the centre"),
        ({"postcode": "nowhere"}, "postcode", "is not a UK postcode"),
        (
            {"area_type": "districts", "districts": ""},
            "districts",
            "at least one postcode district",
        ),
        ({"area_type": "districts", "districts": "M4, QQ1, M98"}, "districts", "find QQ1, M98"),
        ({"name": "   "}, "name", "required"),
        ({"website": "not a url"}, "website", "Enter a valid URL"),
        ({"radius_km": "9999"}, "radius_km", "Select a valid choice"),
        ({"tags": "x" * 100_000}, "tags", "too long for an interest"),
        ({"tags": ",".join(f"tag{n}" for n in range(30))}, "tags", "at most 10 interests"),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(member_client, changes, field, message):
    data = {**VALID, **changes}
    response = member_client.post("/communities/new/", data)
    assert response.status_code == 400
    assert Group.objects.count() == 0
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert "There is a problem" in html or "There are problems" in html
    assert 'value="Leith Repair Café"' in html or changes.get("name")
    assert "We fix things together." in html


def test_an_organiser_edits_the_group_and_its_area(owner_client, owner):
    from .factories import GroupFactory

    group = GroupFactory(name="Old Name", organiser=owner)
    form = owner_client.get(f"/communities/{group.slug}/edit/").context["form"]
    assert form.initial["name"] == "Old Name"
    response = owner_client.post(f"/communities/{group.slug}/edit/", VALID)
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Leith Repair Café"
    assert group.slug == "old-name"  # links keep working
    assert group.outcode == "EH6"


def test_strangers_and_members_cannot_edit(stranger_client, member_client, member, client):
    from communities.models import Membership

    from .factories import GroupFactory

    group = GroupFactory()
    Membership.objects.create(group=group, user=member)
    assert stranger_client.get(f"/communities/{group.slug}/edit/").status_code == 404
    assert member_client.post(f"/communities/{group.slug}/edit/", VALID).status_code == 404
    assert client.get(f"/communities/{group.slug}/edit/").status_code == 302


def test_a_slug_never_takes_a_fixed_path(member_client):
    member_client.post("/communities/new/", {**VALID, "name": "Audit"})
    member_client.post("/communities/new/", {**VALID, "name": "Audit"})
    assert sorted(Group.objects.values_list("slug", flat=True)) == ["audit-group", "audit-group-2"]


def test_editing_a_rejected_group_sends_it_back_to_the_moderators(owner_client, owner):
    from .factories import GroupFactory

    group = GroupFactory(organiser=owner, moderation_status="rejected", review_note="No area")
    page = owner_client.get(group.get_absolute_url()).content.decode()
    assert "did not approve this listing: No area" in page
    owner_client.post(f"/communities/{group.slug}/edit/", VALID)
    group.refresh_from_db()
    assert group.moderation_status == "pending"
