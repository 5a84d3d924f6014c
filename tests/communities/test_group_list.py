import json

import pytest

from communities.models import AreaType, GroupKind

from .factories import GroupFactory, PioneerFactory

pytestmark = pytest.mark.django_db


def names(response):
    return [g.name for g in response.context["object_list"]]


def test_it_lists_approved_groups_with_a_place_and_not_pending_ones(client):
    GroupFactory(name="Ancoats Gardeners")
    GroupFactory(name="Secret Society", moderation_status="pending")
    response = client.get("/communities/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ancoats Gardeners" in html
    assert "Secret Society" not in html
    assert '<option value="10" selected>10 km</option>' in html  # the default radius


def test_search_by_postcode_and_radius_keeps_nearby_groups_nearest_first(client):
    GroupFactory(name="Far Edinburgh", at="EH6", radius_km=1)
    GroupFactory(name="Ancoats", at="M4", radius_km=1)
    GroupFactory(name="City Centre", at="M1", radius_km=1)
    response = client.get("/communities/", {"postcode": "M1 1AD", "km": "5"})
    assert response.status_code == 200
    assert names(response) == ["City Centre", "Ancoats"]
    assert "Groups near M1 1AD" in response.content.decode()


def test_a_group_whose_area_covers_the_postcode_is_found_with_a_small_radius(client):
    # A city-wide group centred 3 km away covers the searched street; a small group
    # 3.5 km away does not.
    GroupFactory(name="Greater Manchester Co-ops", at="M14", radius_km=15)
    GroupFactory(name="Up In Cheetham", at="M8", radius_km=0.5)
    response = client.get("/communities/", {"postcode": "M1", "km": "1"})
    assert names(response) == ["Greater Manchester Co-ops"]
    assert "covers this postcode" in response.content.decode()


def test_search_by_tags_is_case_insensitive_and_matches_any(client):
    GroupFactory(name="Growers", tags=["Gardening", "food"])
    GroupFactory(name="Fixers", tags=["repair"])
    GroupFactory(name="Readers", tags=["books"])
    response = client.get("/communities/", {"tags": "gardening, REPAIR"})
    assert sorted(names(response)) == ["Fixers", "Growers"]


def test_search_by_place_and_tags_together(client):
    GroupFactory(name="Manchester Growers", at="M4", tags=["gardening"])
    GroupFactory(name="Leith Growers", at="EH6", tags=["gardening"])
    GroupFactory(name="Manchester Readers", at="M4", tags=["books"])
    response = client.get("/communities/", {"postcode": "M1", "km": "10", "tags": "gardening"})
    assert names(response) == ["Manchester Growers"]


def test_search_by_kind_and_words_and_co_operative_communities_only(client):
    from django.utils import timezone

    GroupFactory(name="Bread Co-op", kind=GroupKind.COOPERATIVE, description="We bake")
    GroupFactory(name="Bakers' Charity", kind=GroupKind.CHARITY, description="We bake too")
    GroupFactory(name="Registered Bakers", kind=GroupKind.COOPERATIVE, registered_at=timezone.now())
    assert sorted(names(client.get("/communities/", {"kind": "cooperative"}))) == [
        "Bread Co-op",
        "Registered Bakers",
    ]
    assert names(client.get("/communities/", {"q": "bake too"})) == ["Bakers' Charity"]
    assert names(client.get("/communities/", {"communities": "on"})) == ["Registered Bakers"]


def test_communities_of_interest_are_listed_separately(client):
    GroupFactory(name="Local Group")
    GroupFactory(name="Co-op Bakers Network", area_type=AreaType.INTEREST, tags=["baking"])
    response = client.get("/communities/")
    assert names(response) == ["Local Group"]
    assert [g.name for g in response.context["interest_groups"]] == ["Co-op Bakers Network"]
    interest = client.get("/communities/interest/", {"tags": "baking"})
    assert interest.status_code == 200
    assert names(interest) == ["Co-op Bakers Network"]


def test_a_place_search_still_shows_matching_communities_of_interest(client):
    GroupFactory(name="Co-op Bakers Network", area_type=AreaType.INTEREST, tags=["baking"])
    response = client.get("/communities/", {"postcode": "EH6", "tags": "baking"})
    assert names(response) == []
    assert [g.name for g in response.context["interest_groups"]] == ["Co-op Bakers Network"]


def test_the_map_has_a_feature_for_each_located_group(client):
    GroupFactory(name="Ancoats", at="M4")
    GroupFactory(name="Interest", area_type=AreaType.INTEREST, tags=["x"])
    response = client.get("/communities/")
    html = response.content.decode()
    assert 'data-geojson-id="groups-geojson"' in html
    assert "{#" not in html
    data = response.context["geojson"]
    assert [f["properties"]["name"] for f in data["features"]] == ["Ancoats"]
    assert data["features"][0]["properties"]["url"] == "/communities/ancoats/"
    # The GeoJSON is on the page as JSON, escaped for a script element.
    start = html.index('id="groups-geojson"')
    assert json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)]) == data


def test_pioneers_for_the_area_appear_in_local_search_results(client):
    PioneerFactory(name="Priya Pioneer", at="M4", helps_with="Street parties")
    PioneerFactory(name="Far Pioneer", at="CF10", radius_km=5)
    html = client.get("/communities/", {"postcode": "M1"}).content.decode()
    assert "Priya Pioneer" in html
    assert "Street parties" in html
    assert "Far Pioneer" not in html
    assert "@example.org" not in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"postcode": "not a postcode"}, "is not a UK postcode"),
        ({"postcode": "M98"}, "find M98 in the UK postcode list"),
        ({"postcode": "M1", "km": "7000"}, "Choose a distance from the list"),
        ({"kind": "pirates"}, "Select a valid choice"),
    ],
)
def test_bad_search_input_is_explained_and_kept(client, params, message):
    GroupFactory(name="Ancoats")
    response = client.get("/communities/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert list(response.context["object_list"]) == []
    if "postcode" in params:
        assert f'value="{params["postcode"]}"' in html


def test_the_list_page_query_count_does_not_grow_with_the_page(client, django_assert_num_queries):
    def make(n, offset):
        for i in range(n):
            GroupFactory(name=f"Group {offset + i}", tags=["food", f"t{i}"])
            GroupFactory(
                name=f"Interest {offset + i}", area_type=AreaType.INTEREST, tags=["baking"]
            )
        PioneerFactory.create_batch(n)

    make(3, 0)
    params = {"postcode": "M1", "km": "10"}
    client.get("/communities/", params)  # warm caches (content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get("/communities/", params).status_code == 200
    make(27, 3)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get("/communities/", params)
    assert len(response.context["object_list"]) == 20


def test_a_page_past_the_end_shows_the_last_page_and_a_bad_page_the_first(client):
    GroupFactory.create_batch(23)
    last = client.get("/communities/", {"page": 2})
    assert len(names(last)) == 3
    for page in ("99", "99999999999999999999999"):
        response = client.get("/communities/", {"page": page})
        assert response.status_code == 200
        assert names(response) == names(last)
    first = names(client.get("/communities/"))
    # The nearest page there is, as on every listing (core.paging).
    assert names(client.get("/communities/", {"page": "-1"})) == first
    assert names(client.get("/communities/", {"page": "abc"})) == first
