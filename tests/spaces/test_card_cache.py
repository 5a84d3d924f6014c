"""Search result cards are rendered once per version of the space and shared by every
viewer (core.render_cache); a change to the space shows on the next search (issue 17)."""

import pytest

from spaces.models import SpacePhoto

from .factories import SpaceFactory, image_upload

pytestmark = pytest.mark.django_db
CARD = "spaces/includes/space_card.html"
SEARCH = {"postcode": "M4", "km": "5"}


def card_renders(response) -> int:
    return [t.name for t in response.templates].count(CARD)


def test_a_card_is_rendered_once_and_reused_by_the_next_search_of_anyone(
    client, member_client, stranger_client, settings
):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    SpaceFactory(name="Ancoats Hall")
    SpaceFactory(name="Beehive Mill", north_m=300)

    assert card_renders(member_client.get("/spaces/", SEARCH)) == 2
    again = stranger_client.get("/spaces/", {**SEARCH, "km": "10"})
    assert card_renders(again) == 0
    assert "Ancoats Hall" in again.content.decode() and "Beehive Mill" in again.content.decode()
    assert card_renders(client.get("/spaces/", SEARCH)) == 0


def test_a_renamed_space_shows_its_new_name_in_the_next_search(member_client, client):
    space = SpaceFactory(name="Ancoats Hall")
    assert "Ancoats Hall" in member_client.get("/spaces/", SEARCH).content.decode()
    assert "Ancoats Hall" in client.get("/spaces/", SEARCH).content.decode()

    space.name = "Ancoats Neighbourhood Centre"
    space.save()

    for viewer in (member_client, client):
        html = viewer.get("/spaces/", SEARCH).content.decode()
        assert "Ancoats Neighbourhood Centre" in html
        assert "Ancoats Hall" not in html


def test_new_tags_and_an_approved_photo_show_on_the_card(member_client):
    space = SpaceFactory(name="Ancoats Hall")
    member_client.get("/spaces/", SEARCH)

    space.tags.add("bell ringing")
    SpacePhoto.objects.create(
        space=space,
        image=image_upload(),
        thumbnail=image_upload(),
        alt_text="The bell tower",
        moderation_status="approved",
    )

    html = member_client.get("/spaces/", SEARCH).content.decode()
    assert '<span class="tag">bell ringing</span>' in html
    assert 'alt="The bell tower"' in html


def test_the_distance_is_the_searchers_own(member_client):
    SpaceFactory(name="Ancoats Hall", at="M4 6DE")
    near = member_client.get("/spaces/", {"postcode": "M4 6DE"}).content.decode()
    far = member_client.get("/spaces/", {"postcode": "M1 1AE"}).content.decode()
    assert "0.0 km away" in near
    assert "0.0 km away" not in far and "km away" in far


def test_the_kept_filters_are_in_the_searchers_language(client):
    # The filters fragment is kept per filter state; English and Welsh each get their own.
    SpaceFactory(name="Ancoats Hall")
    english = client.get("/spaces/", SEARCH).content.decode()
    welsh = client.get("/cy/spaces/", SEARCH).content.decode()

    assert "<summary>More filters</summary>" in english
    assert "<summary>Rhagor o hidlyddion</summary>" in welsh
