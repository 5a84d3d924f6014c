import pytest

from core.models import ModerationStatus
from spaces.models import Kind

from .factories import SpaceFactory

pytestmark = pytest.mark.django_db


def test_geojson_is_a_feature_collection_of_points_in_longitude_latitude_order(client):
    space = SpaceFactory(name="Ancoats Hall", at="M4", kind=Kind.LIBRARY)

    response = client.get("/spaces/map.geojson", {"postcode": "M4 6DE", "km": "5"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert data["truncated"] is False
    [feature] = data["features"]
    assert feature["type"] == "Feature"
    assert feature["id"] == space.pk
    assert feature["geometry"] == {
        "type": "Point",
        "coordinates": [round(space.longitude, 6), round(space.latitude, 6)],
    }
    # Manchester is west of Greenwich and north of the equator: [lon, lat], not [lat, lon].
    lon, lat = feature["geometry"]["coordinates"]
    assert -3 < lon < -2 and 53 < lat < 54
    assert feature["properties"] == {
        "name": "Ancoats Hall",
        "url": f"/spaces/{space.slug}/",
        "summary": "Library",
        "kind": "library",
        "status": "open",
        "distance_km": feature["properties"]["distance_km"],
    }
    assert 0 <= feature["properties"]["distance_km"] < 1


def test_geojson_serves_the_same_filtered_results_as_the_page_in_the_same_order(client):
    SpaceFactory(name="Far library", at="M20", kind=Kind.LIBRARY)
    SpaceFactory(name="Near library", at="M4", kind=Kind.LIBRARY)
    SpaceFactory(name="A park", at="M4", kind=Kind.PARK)
    SpaceFactory(
        name="Pending library", kind=Kind.LIBRARY, moderation_status=ModerationStatus.PENDING
    )
    SpaceFactory(name="Edinburgh library", at="EH1", kind=Kind.LIBRARY)

    data = client.get(
        "/spaces/map.geojson", {"postcode": "M4", "km": "10", "kind": "library"}
    ).json()

    assert [f["properties"]["name"] for f in data["features"]] == ["Near library", "Far library"]


def test_geojson_answers_bad_input_with_errors_as_json(client):
    response = client.get("/spaces/map.geojson", {"postcode": "nonsense", "km": "0"})

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "is not a UK postcode" in errors["postcode"][0]
    assert "Choose a distance" in errors["km"][0]


def test_geojson_without_filters_has_every_public_space(client):
    SpaceFactory(at="BT1")
    SpaceFactory(at="CF10")

    assert len(client.get("/spaces/map.geojson").json()["features"]) == 2
