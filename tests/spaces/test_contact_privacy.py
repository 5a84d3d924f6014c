"""A space's contact, listed without consent to show it, stays hidden from other members
everywhere, the "Propose an edit" form included (issue 11, item 1)."""

import pytest

from spaces.models import Space, SpaceEdit

from .factories import SpaceFactory

pytestmark = pytest.mark.django_db

SECRET = {
    "contact_name": "Aisha Private",
    "contact_email": "aisha.private@example.org",
    "contact_phone": "0161 496 0999",
}


def _shows_contact(html: str) -> list[str]:
    return [value for value in SECRET.values() if value in html]


@pytest.fixture
def hidden(owner):
    return SpaceFactory(name="Ancoats Hall", submitted_by=owner, contact_consent=False, **SECRET)


def proposal(space, **changes):
    data = {
        "name": space.name,
        "kind": space.kind,
        "address": space.address,
        "postcode": space.postcode,
        "description": space.description,
        "owner_type": space.owner_type,
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
    }
    return {**data, **changes}


def test_another_member_never_sees_the_hidden_contact_on_any_page(stranger_client, hidden):
    for url in [
        f"/spaces/{hidden.slug}/",
        f"/spaces/{hidden.slug}/edit/",
        "/spaces/map.geojson",
        "/spaces/",
    ]:
        response = stranger_client.get(url)
        assert response.status_code == 200, url
        assert _shows_contact(response.content.decode()) == [], url


def test_the_edit_form_says_why_the_contact_boxes_are_blank(stranger_client, hidden):
    html = stranger_client.get(f"/spaces/{hidden.slug}/edit/").content.decode()
    assert "Not shown: the contact has not agreed to it. Leave blank to keep it." in html
    assert 'value="Ancoats Hall"' in html


def test_blank_contact_boxes_leave_the_contact_unchanged(stranger_client, hidden):
    response = stranger_client.post(
        f"/spaces/{hidden.slug}/edit/", proposal(hidden, description="Now with a lift.")
    )
    assert response.status_code == 302
    edit = SpaceEdit.objects.get()
    assert set(edit.changes) == {"description"}


def test_ticking_consent_without_new_details_cannot_publish_the_hidden_contact(
    stranger_client, hidden
):
    response = stranger_client.post(
        f"/spaces/{hidden.slug}/edit/", proposal(hidden, contact_consent="on")
    )
    assert response.status_code == 400
    assert "Add an email address or phone number to show" in response.content.decode()
    assert not SpaceEdit.objects.exists()


def test_a_new_contact_typed_in_is_proposed_for_review(stranger_client, hidden):
    response = stranger_client.post(
        f"/spaces/{hidden.slug}/edit/", proposal(hidden, contact_email="new@example.org")
    )
    assert response.status_code == 302
    edit = SpaceEdit.objects.get()
    assert edit.changes["contact_email"]["to"] == "new@example.org"
    # The proposal records what it replaces for staff, not for the proposer's pages.
    assert "contact_name" not in edit.changes


@pytest.mark.parametrize("who", ["owner", "staff"])
def test_the_lister_and_staff_see_the_contact_to_edit_it(request, hidden, who):
    client = request.getfixturevalue(f"{who}_client")
    html = client.get(f"/spaces/{hidden.slug}/edit/").content.decode()
    assert _shows_contact(html) == list(SECRET.values())


def test_a_contact_shown_with_consent_is_prefilled_for_everyone(stranger_client, owner):
    space = SpaceFactory(submitted_by=owner, contact_consent=True, **SECRET)
    html = stranger_client.get(f"/spaces/{space.slug}/edit/").content.decode()
    assert _shows_contact(html) == list(SECRET.values())
    assert Space.objects.get(pk=space.pk).contact_consent
