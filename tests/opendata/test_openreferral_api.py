"""The Open Referral UK API: what it publishes, against the profile's JSON Schemas; paging,
CORS, bad input, the throttle."""

import pytest
from django.test import override_settings

from matching.models import SupportScheme
from opendata.services.openreferral import hsds_id
from tests.communities.factories import GroupFactory
from tests.matching.factories import SchemeFactory, medication, shopping

from .oruk_schemas import response_errors

BASE = "/openreferral"


@pytest.fixture
def directory(db):
    shop, meds = shopping(), medication()
    schemes = [
        SchemeFactory(
            name="Age Friendly Manchester", kinds=[shop, meds], opening_hours="Mon–Fri 9–5"
        ),
        SchemeFactory(
            name="Befriending Scotland", kinds=[meds], phone="", website="https://b.example"
        ),
    ]
    SchemeFactory(name="Closed scheme", is_active=False)
    groups = [
        GroupFactory(name="Ancoats Residents", at="M4"),
        GroupFactory(name="Leith Community Crops", at="EH6", kind="cooperative"),
    ]
    GroupFactory(name="Pending group", moderation_status="pending")
    return schemes, groups


def get(client, path, **params):
    response = client.get(BASE + path, params)
    assert response["Access-Control-Allow-Origin"] == "*"
    return response


def test_the_root_names_the_version_and_links_the_openapi_description(client, db):
    body = get(client, "/").json()
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/openreferral/openapi.json"
    assert response_errors("/", body) == []
    assert get(client, "/openapi.json").json()["servers"] == [
        {"url": "http://testserver/openreferral"}
    ]


def test_services_list_active_schemes_then_approved_groups(client, directory):
    response = get(client, "/services")
    body = response.json()
    assert response_errors("/services", body) == []
    names = [s["name"] for s in body["contents"]]
    assert names == ["Age Friendly Manchester", "Befriending Scotland", "Ancoats Residents",
                     "Leith Community Crops"]  # fmt: skip
    assert body["total_items"] == 4 and body["first_page"] and body["last_page"]


def test_paging_follows_the_profile(client, directory):
    body = get(client, "/services", page=2, per_page=3).json()
    assert [s["name"] for s in body["contents"]] == ["Leith Community Crops"]
    assert (body["total_pages"], body["page_number"], body["size"]) == (2, 2, 1)
    assert not body["first_page"] and body["last_page"] and not body["empty"]


@pytest.mark.parametrize(
    "params",
    [{"per_page": "100000"}, {"per_page": "0"}, {"page": "x"}, {"page": "-1"}, {"page": "²"}],
)
def test_bad_paging_is_a_clear_400(client, db, params):
    response = get(client, "/services", **params)
    assert response.status_code == 400
    assert "must be a whole number" in response.json()["error"]


def test_a_scheme_in_full_has_its_categories_areas_contacts_and_hours(client, directory):
    scheme = directory[0][0]
    body = get(client, f"/services/{hsds_id('scheme', scheme.pk)}").json()
    assert response_errors("/services/{id}", body) == []
    assert {a["taxonomy_term"]["name"] for a in body["attributes"]} == {
        "Collecting food and shopping",
        "Collecting medication",
    }
    assert body["contacts"][0]["title"] == "Phone 0800 000 0000"
    assert body["email"] == scheme.email
    assert body["schedules"][0]["description"] == "Mon–Fri 9–5"


def test_a_group_in_full_has_its_place_and_no_personal_contact(client, directory, member):
    group = directory[1][0]
    body = get(client, f"/services/{hsds_id('group', group.pk)}").json()
    assert response_errors("/services/{id}", body) == []
    assert body["contacts"] == []
    assert body["service_at_locations"][0]["location"]["external_identifier"] == group.postcode


@pytest.mark.parametrize("service_id", ["nope", "00000000-0000-0000-0000-000000000000"])
def test_unknown_or_withdrawn_services_are_404(client, directory, service_id):
    assert get(client, f"/services/{service_id}").status_code == 404
    closed = SupportScheme.objects.get(name="Closed scheme")
    assert get(client, f"/services/{hsds_id('scheme', closed.pk)}").status_code == 404


def test_service_at_locations_near_a_postcode_are_nearest_first(client, directory):
    body = get(client, "/service_at_locations", postcode="M4 6DE", proximity="5000").json()
    assert response_errors("/service_at_locations", body) == []
    assert [s["service"]["name"] for s in body["contents"]] == ["Ancoats Residents"]
    far = get(client, "/service_at_locations", postcode="EH6 6QQ", proximity="2000").json()
    assert [s["service"]["name"] for s in far["contents"]] == ["Leith Community Crops"]
    nowhere = get(client, "/service_at_locations", postcode="ZZ9 9ZZ").json()
    assert nowhere["empty"] and nowhere["contents"] == []
    everywhere = get(client, "/service_at_locations", proximity="10").json()
    assert everywhere["total_items"] == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"postcode": "not a postcode"}, "postcode"),
        ({"postcode": "M1 1AE", "proximity": "far"}, "proximity"),
        ({"proximity": "200001"}, "proximity"),
    ],
)
def test_bad_place_parameters_are_a_clear_400(client, db, params, message):
    response = get(client, "/service_at_locations", **params)
    assert response.status_code == 400
    assert message in response.json()["error"].lower() or message in response.json()["error"]


def test_taxonomies_and_terms_carry_the_help_categories(client, directory):
    taxonomies = get(client, "/taxonomies").json()
    assert response_errors("/taxonomies", taxonomies) == []
    assert [t["name"] for t in taxonomies["contents"]][0] == "coopcentre help kinds"
    terms = get(client, "/taxonomy_terms", per_page=500).json()
    assert response_errors("/taxonomy_terms", terms) == []
    help_kind = next(t for t in terms["contents"] if t["name"] == "Collecting medication")
    filtered = get(client, "/services", taxonomy_term_id=help_kind["id"]).json()
    assert [s["name"] for s in filtered["contents"]] == [
        "Age Friendly Manchester",
        "Befriending Scotland",
    ]


def test_a_list_page_reads_in_a_few_queries(client, directory, django_assert_max_num_queries):
    for n in range(20):
        SchemeFactory(kinds=[shopping()], districts=[])
        GroupFactory(name=f"Group near {n}", at="M4")
    with django_assert_max_num_queries(12):
        assert len(get(client, "/services", per_page=100).json()["contents"]) == 44


# An hour's window: four requests never straddle its end (a minute's could).
@override_settings(OPENDATA_API_RATE="3/h")
def test_it_is_throttled_with_a_json_429(client, db):
    statuses = [get(client, "/taxonomies").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = get(client, "/taxonomies")
    assert response["Retry-After"]
    assert "Too many requests" in response.json()["error"]


def test_the_api_page_links_the_openapi_description(client, db):
    text = client.get(BASE + "/docs/").content.decode()
    assert 'href="http://testserver/openreferral/openapi.json"' in text
    assert "per_page" in text
