import json
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import ModerationStatus
from spaces.models import Kind, SpacePhoto, Status

from .factories import SpaceFactory, image_upload

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    """The names of the spaces in the results list, in order (what a reader sees)."""
    html = response.content.decode()
    listing = (
        html.split('class="space-list"', 1)[1].split("</ol>", 1)[0] if "space-list" in html else ""
    )
    return re.findall(r"<h3><a href=\"[^\"]+\">([^<]+)</a></h3>", listing)


def map_features(response) -> list[dict]:
    html = response.content.decode()
    match = re.search(r'<script id="space-map-data" type="application/json">(.*?)</script>', html)
    return json.loads(match.group(1))["features"] if match else []


def test_search_by_postcode_lists_nearby_spaces_nearest_first_with_distances(client):
    SpaceFactory(name="Didsbury Hall", at="M20")
    SpaceFactory(name="Ancoats Hall", at="M4")
    SpaceFactory(name="Rusholme Hall", at="M14")
    SpaceFactory(name="Edinburgh Hall", at="EH1")
    SpaceFactory(name="Piccadilly Hall", at="M1")

    response = client.get("/spaces/", {"postcode": "M4 6DE", "km": "10"})

    assert response.status_code == 200
    assert names(response) == ["Ancoats Hall", "Piccadilly Hall", "Rusholme Hall", "Didsbury Hall"]
    html = response.content.decode()
    assert "4 spaces within 10 km of M4 6DE" in html
    assert re.search(r"Rusholme Hall.*?\d\.\d km away", html, re.S)


def test_the_radius_limits_the_results(client):
    SpaceFactory(name="Ancoats Hall", at="M4")
    SpaceFactory(name="Didsbury Hall", at="M20")

    response = client.get("/spaces/", {"postcode": "M4", "km": "2"})

    assert names(response) == ["Ancoats Hall"]


def test_only_approved_spaces_are_listed(client):
    SpaceFactory(name="Public Hall")
    SpaceFactory(name="Pending Hall", moderation_status=ModerationStatus.PENDING)
    SpaceFactory(name="Rejected Hall", moderation_status=ModerationStatus.REJECTED)

    assert names(client.get("/spaces/", {"postcode": "M4 6DE"})) == ["Public Hall"]
    assert names(client.get("/spaces/")) == ["Public Hall"]


def test_without_a_postcode_it_lists_every_public_space_by_name(client):
    SpaceFactory(name="Zeta Hall", at="EH1")
    SpaceFactory(name="Alpha Hall", at="BT1")

    response = client.get("/spaces/")

    assert response.status_code == 200
    assert names(response) == ["Alpha Hall", "Zeta Hall"]
    assert "2 spaces" in response.content.decode()


def test_filter_by_kind(client):
    SpaceFactory(name="The Library", kind=Kind.LIBRARY)
    SpaceFactory(name="The Park", kind=Kind.PARK)
    SpaceFactory(name="The Pub", kind=Kind.PUB)

    response = client.get("/spaces/", {"postcode": "M4", "kind": ["library", "park"]})

    assert sorted(names(response)) == ["The Library", "The Park"]
    assert 'value="library" id="id_kind_1" checked' in response.content.decode()


def test_filter_by_interest_tags_keeps_spaces_with_any_of_them(client):
    SpaceFactory(name="Garden", tags=["gardening", "food growing"])
    SpaceFactory(name="Studio", tags=["music"])
    SpaceFactory(name="Hall", tags=["dance"])

    response = client.get("/spaces/", {"postcode": "M4", "tag": ["gardening", "music"]})

    assert sorted(names(response)) == ["Garden", "Studio"]


def test_an_interest_with_a_nul_byte_is_explained_not_queried(client):
    SpaceFactory(name="Garden", tags=["gardening"])
    for path in ("/spaces/", "/spaces/map.geojson"):
        response = client.get(f"{path}?postcode=M4&tag=garden%00ing&tag={'x' * 500}")
        assert response.status_code == 400, path
    assert (
        "the interest “gardening”"
        in client.get("/spaces/?postcode=M4&tag=garden%00ing").content.decode()
    )


def test_filter_by_facilities_needs_all_of_them(client):
    SpaceFactory(name="Everything", step_free=True, toilets=True, kitchen=True, wifi=True)
    SpaceFactory(name="Step-free only", step_free=True)
    SpaceFactory(name="Nothing")

    response = client.get("/spaces/", {"postcode": "M4", "facility": ["step_free", "wifi"]})

    assert names(response) == ["Everything"]


def test_filter_by_capacity(client):
    SpaceFactory(name="Big", capacity=200)
    SpaceFactory(name="Small", capacity=20)
    SpaceFactory(name="Unknown")

    assert names(client.get("/spaces/", {"postcode": "M4", "capacity": "50"})) == ["Big"]


def test_filter_by_status(client):
    SpaceFactory(name="Open Hall")
    SpaceFactory(name="Threatened Hall", status=Status.THREATENED)
    SpaceFactory(name="Saved Hall", status=Status.SAVED)

    response = client.get("/spaces/", {"postcode": "M4", "status": ["threatened", "saved"]})

    assert sorted(names(response)) == ["Saved Hall", "Threatened Hall"]


def test_filter_by_name(client):
    SpaceFactory(name="Ancoats Library")
    SpaceFactory(name="Ancoats Hall")

    assert names(client.get("/spaces/", {"q": "librar"})) == ["Ancoats Library"]


def test_every_filter_at_once(client):
    SpaceFactory(
        name="Match",
        kind=Kind.LIBRARY,
        tags=["reading"],
        wifi=True,
        capacity=40,
        status=Status.THREATENED,
    )
    SpaceFactory(name="Wrong kind", kind=Kind.PARK, tags=["reading"], wifi=True, capacity=40)
    SpaceFactory(name="Too far", at="EH1", kind=Kind.LIBRARY, tags=["reading"], wifi=True)

    response = client.get(
        "/spaces/",
        {
            "postcode": "M4 6DE",
            "km": "5",
            "q": "match",
            "kind": "library",
            "tag": "reading",
            "facility": "wifi",
            "capacity": "30",
            "status": "threatened",
        },
    )

    assert response.status_code == 200
    assert names(response) == ["Match"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"postcode": "ZZ99 9ZZ"}, "is not a UK postcode"),
        ({"postcode": "ZE9 9ZZ"}, "We can't find ZE9 9ZZ"),
        ({"postcode": "M4", "km": "0"}, "Choose a distance from the list"),
        ({"postcode": "M4", "km": "10000"}, "Choose a distance from the list"),
        ({"postcode": "M4", "km": "far"}, "Choose a distance from the list"),
        ({"postcode": "M4", "km": "nan"}, "Choose a distance from the list"),
        ({"kind": "castle"}, "“castle” is not a kind of space we know"),
        ({"status": "demolished"}, "“demolished” is not a status we know"),
        ({"facility": "pool"}, "“pool” is not a facility we know"),
        ({"tag": "no-such-interest"}, "We don't know the interest “no-such-interest”"),
        ({"capacity": "lots"}, "Enter a number of people"),
        ({"capacity": "-5"}, "Enter a number of people from 1 to 100,000"),
    ],
)
def test_bad_search_input_gets_a_clear_error_and_keeps_what_was_typed(client, params, message):
    SpaceFactory(name="Ancoats Hall")

    response = client.get("/spaces/", params)

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in unescape(html)
    assert names(response) == []
    if "postcode" in params:
        assert f'value="{params["postcode"]}"' in html
    if "km" in params:
        assert f'<option value="{params["km"]}" selected>' in html


def test_a_huge_or_odd_query_never_breaks_the_page(client):
    response = client.get("/spaces/", {"postcode": "x" * 5000, "kind": "<script>", "page": "-1"})

    assert response.status_code == 400
    assert "<script>" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_results_are_paginated_and_the_links_keep_the_filters(client):
    for i in range(25):
        SpaceFactory(name=f"Hall {i:02}", north_m=i * 50, kind=Kind.LIBRARY)

    first = client.get("/spaces/", {"postcode": "M4", "kind": "library"})
    second = client.get("/spaces/", {"postcode": "M4", "kind": "library", "page": "2"})

    assert len(names(first)) == 20
    assert names(first)[0] == "Hall 00"
    assert names(second) == [f"Hall {i:02}" for i in range(20, 25)]
    assert "?postcode=M4&amp;kind=library&amp;page=2" in first.content.decode()
    # A page past the end shows the last page rather than an error.
    assert names(client.get("/spaces/", {"postcode": "M4", "kind": "library", "page": "99"})) == (
        names(second)
    )
    assert client.get("/spaces/", {"page": "abc"}).status_code == 200


def test_the_map_shows_the_same_spaces_as_the_list(client):
    SpaceFactory(name="Ancoats Hall", at="M4")
    SpaceFactory(name="Piccadilly Hall", at="M1")

    response = client.get("/spaces/", {"postcode": "M4"})

    features = map_features(response)
    assert [f["properties"]["name"] for f in features] == names(response)
    assert features[0]["geometry"]["type"] == "Point"
    html = response.content.decode()
    assert 'data-map data-geojson-id="space-map-data"' in html
    assert "vendor/leaflet/leaflet.js" in html
    # Without JavaScript the map stays hidden and the list is the whole answer.
    assert re.search(r'<div class="map"[^>]*hidden', html)


def test_the_search_page_makes_the_same_number_of_queries_whatever_the_page_size(
    client, django_assert_num_queries, settings
):
    # The real work, not the page cache (tested below).
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0

    def make(count, start):
        for i in range(start, start + count):
            space = SpaceFactory(name=f"Hall {i}", north_m=i * 20, tags=["music", f"tag{i}"])
            SpacePhoto.objects.create(
                space=space,
                image=image_upload(name=f"{i}.jpg"),
                thumbnail=image_upload(name=f"{i}-t.jpg"),
                alt_text="The hall",
                moderation_status=ModerationStatus.APPROVED,
            )

    url = "/spaces/?postcode=M4+6DE&km=10&tag=music&facility=wifi&facility=toilets"
    url_all = "/spaces/?postcode=M4+6DE&km=10&tag=music"
    make(3, 0)
    client.get(url_all)  # warm the per-process caches (content types, tag choices)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response

    three, response = count(url_all)
    assert len(names(response)) == 3
    make(27, 3)
    thirty, response = count(url_all)
    assert len(names(response)) == 20

    assert three == thirty
    # The full postcode, the interest asked for, and the page (with its total and tags).
    with django_assert_num_queries(3):
        client.get(url_all)
    with django_assert_num_queries(3):
        client.get(url)
    # A district needs no postcode query; without an interest, no tag query either.
    with django_assert_num_queries(1):
        client.get("/spaces/?postcode=M4&km=10&facility=wifi")


def test_it_links_to_the_geojson_of_the_same_search(client):
    SpaceFactory()

    html = client.get("/spaces/", {"postcode": "M4", "kind": "community_centre"}).content.decode()

    assert 'href="/spaces/map.geojson?postcode=M4&amp;kind=community_centre"' in html


def test_post_is_refused(client):
    assert client.post("/spaces/").status_code == 405


def test_anonymous_visitors_share_a_cached_page_until_a_space_changes(
    client, member_client, django_assert_num_queries
):
    SpaceFactory(name="Ancoats Hall")
    first = client.get("/spaces/", {"postcode": "M4", "km": "5"})

    with django_assert_num_queries(0):
        again = client.get("/spaces/", {"km": "5", "postcode": "M4"})
    assert again.content == first.content

    SpaceFactory(name="Piccadilly Hall", at="M1")
    assert names(client.get("/spaces/", {"postcode": "M4", "km": "5"})) == [
        "Ancoats Hall",
        "Piccadilly Hall",
    ]


def test_members_get_their_own_page_not_a_shared_one(client, member_client):
    SpaceFactory(name="Ancoats Hall")
    client.get("/spaces/", {"postcode": "M4"})

    html = member_client.get("/spaces/", {"postcode": "M4"}).content.decode()

    assert "Log out" in html
    assert "Log out" not in client.get("/spaces/", {"postcode": "M4"}).content.decode()


def test_a_status_change_or_new_tag_retires_cached_pages(client, staff):
    from spaces.services.status import space_status_change

    badge = 'class="status status-threatened">Under threat</span>'
    space = SpaceFactory(name="Ancoats Hall")
    assert badge not in client.get("/spaces/", {"postcode": "M4"}).content.decode()

    space_status_change(space=space, status=Status.THREATENED, by=staff, threat_summary="Sale.")
    assert badge in client.get("/spaces/", {"postcode": "M4"}).content.decode()

    space.tags.add("bell ringing")
    assert '<span class="tag">bell ringing</span>' in (
        client.get("/spaces/", {"postcode": "M4"}).content.decode()
    )


def test_bad_input_is_never_cached(client):
    client.get("/spaces/", {"postcode": "nowhere"})
    assert client.get("/spaces/", {"postcode": "nowhere"}).status_code == 400


def test_a_space_with_an_approved_photo_shows_its_thumbnail_in_the_list(client):
    space = SpaceFactory(name="Ancoats Hall")
    photo = SpacePhoto.objects.create(
        space=space, image=image_upload(), thumbnail=image_upload(), alt_text="The stage"
    )
    assert 'alt="The stage"' not in client.get("/spaces/").content.decode()

    photo.moderation_status = ModerationStatus.APPROVED
    photo.save()

    html = client.get("/spaces/").content.decode()
    assert f'src="/media/{photo.thumbnail.name}" alt="The stage"' in html
    photo.delete()
    assert 'alt="The stage"' not in client.get("/spaces/").content.decode()
