"""The near-me listing kit: one distance parameter and its redirects, the bounding box, paging,
GeoJSON and the anonymous page cache, on every listing that uses them.

(The bounding box against the database, at latitude 60°, is in test_geo.py, which CI also
runs on SQLite.)"""

import math
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.messages import INFO
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.db import connection
from django.http import HttpResponse, QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core import page_cache
from core.geojson import feature_collection, point_feature
from core.paging import MAX_PAGE, page_number, page_with_total, query_without_page
from events.filters import NearEventFilter
from events.models import Occurrence
from postcodes.geo import EARTH_RADIUS_KM, Point, bounding_box
from postcodes.models import District
from postcodes.near import canonical_query, nearest_km
from spaces.filters import SpaceFilter
from spaces.models import Space
from tests.communities.factories import GroupFactory
from tests.events.factories import EventFactory
from tests.spaces.factories import SpaceFactory

pytestmark = pytest.mark.django_db

HTML_LISTINGS = ["/spaces/", "/spaces/endangered/", "/events/", "/communities/"]
EVERY_LISTING = [*HTML_LISTINGS, "/spaces/map.geojson", "/events/calendar.ics"]


def query_of(url: str) -> dict:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


# The bounding box ------------------------------------------------------------------------


def test_at_latitude_60_the_box_is_the_exact_half_width_not_km_over_cos():
    centre = Point(60.0, 0.0)
    _, _, _, max_lon = bounding_box(centre, 100)
    d = 100 / EARTH_RADIUS_KM
    assert max_lon == pytest.approx(math.degrees(math.asin(math.sin(d) / 0.5)), abs=1e-12)
    # Wider than the old approximation, which left places near the circle's edge out.
    assert max_lon > 100 / (111.195 * 0.5)


# One distance parameter, old query strings redirect -----------------------------------


@pytest.mark.parametrize(
    ("raw", "km"),
    [
        ("5", 5),
        ("5.0", 5),
        ("3", 2),
        ("7", 5),
        ("7.5", 10),  # halfway: the wider search
        ("0.5", 1),
        ("100", 100),
        (" 25 ", 25),
        ("0", None),
        ("-5", None),
        ("100.1", None),
        ("10000", None),
        ("abc", None),
        ("nan", None),
        ("inf", None),
        ("", None),
    ],
)
def test_a_distance_goes_to_the_nearest_choice_when_it_is_one(raw, km):
    assert nearest_km(raw) == km


@pytest.mark.parametrize("path", EVERY_LISTING)
@pytest.mark.parametrize(
    ("asked", "redirected"),
    [
        ({"radius": "5.0"}, {"km": "5"}),  # spaces' old float
        ({"radius": "10"}, {"km": "10"}),  # events' old choice
        ({"radius": "3"}, {"km": "2"}),  # a float that isn't a choice: the nearest
        ({"km": "7"}, {"km": "5"}),
        ({"km": "25.0"}, {"km": "25"}),
        ({"radius": "5", "km": "10"}, {"km": "10"}),  # both: km wins
        ({"radius": "abc"}, {"km": "abc"}),  # no distance: moved, to be explained
    ],
)
def test_old_query_strings_redirect_to_the_same_page_with_km(client, path, asked, redirected):
    response = client.get(path, {"postcode": "M1 1AD", **asked, "tag": "food"})
    assert response.status_code == 301
    target = response["Location"]
    assert urlsplit(target).path == path
    assert query_of(target) == {"postcode": "M1 1AD", "tag": "food", **redirected}


@pytest.mark.parametrize("path", HTML_LISTINGS)
def test_a_distance_that_is_a_choice_is_answered_in_place(client, path):
    response = client.get(path, {"postcode": "M1 1AD", "km": "2"})
    assert response.status_code == 200
    assert '<option value="2" selected>2 km</option>' in response.content.decode()


@pytest.mark.parametrize("path", HTML_LISTINGS)
@pytest.mark.parametrize("km", ["abc", "0", "10000", "-5", "nan"])
def test_a_distance_that_is_no_distance_is_a_clear_400_that_keeps_it(client, path, km):
    response = client.get(path, {"postcode": "M1 1AD", "km": km})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a distance from the list." in html
    assert f'<option value="{km}" selected>' in html
    assert 'aria-describedby="id_km_error"' in html


def test_an_old_distance_that_is_no_distance_ends_on_the_400_page(client):
    response = client.get("/spaces/", {"postcode": "M4", "radius": "far"}, follow=True)
    assert response.redirect_chain == [("/spaces/?postcode=M4&km=far", 301)]
    assert response.status_code == 400
    assert "Choose a distance from the list." in response.content.decode()


@pytest.mark.parametrize(
    ("path", "default"),
    [("/spaces/", 5), ("/spaces/endangered/", 25), ("/events/", 5), ("/communities/", 10)],
)
def test_each_page_kind_has_its_default_distance_selected(client, path, default):
    html = client.get(path, {"postcode": "M1"}).content.decode()
    assert f'<option value="{default}" selected>{default} km</option>' in html
    assert html.count('name="km"') == 1


def test_the_distance_decides_what_every_listing_finds(client):
    # Rusholme (M14) is about 2.5 km from Manchester's centre (M1).
    SpaceFactory(name="Rusholme Hall", at="M14")
    EventFactory(title="Rusholme walk", place="M14")
    GroupFactory(name="Rusholme Growers", at="M14", radius_km=0.5)
    for km, found in (("1", False), ("5", True)):
        query = {"postcode": "M1 1AD", "km": km}
        assert ("Rusholme Hall" in client.get("/spaces/", query).content.decode()) is found
        assert ("Rusholme walk" in client.get("/events/", query).content.decode()) is found
        assert ("Rusholme Growers" in client.get("/communities/", query).content.decode()) is found


@pytest.mark.parametrize(
    ("filterset_class", "model"), [(SpaceFilter, Space), (NearEventFilter, Occurrence)]
)
def test_each_search_has_its_own_filters_and_fields_from_one_form_class(filterset_class, model):
    # The form class is made once and the filters and fields are copied cheaply
    # (postcodes.near): one search must still never see another's.
    first = filterset_class({"postcode": "M1", "km": "1"}, queryset=model.objects.all())
    second = filterset_class({"postcode": "M14", "km": "5"}, queryset=model.objects.all())
    assert type(first.form) is type(second.form)
    assert first.is_valid() and second.is_valid()
    assert (first.within_km, second.within_km) == (1, 5)
    assert first.filters["postcode"].parent is first
    assert second.filters["postcode"].parent is second
    first.form.fields["km"].error_messages["invalid_choice"] = "Changed for one search."
    first.form.fields["km"].choices = [("1", "1 km")]
    assert second.form.fields["km"].error_messages["invalid_choice"] != "Changed for one search."
    assert len(second.form.fields["km"].choices) == 7
    third = filterset_class({"km": "2"}, queryset=model.objects.all())
    assert len(third.form.fields["km"].widget.choices) == 7


def test_a_query_without_a_distance_or_already_canonical_is_left_alone():
    assert canonical_query(QueryDict("postcode=M1")) is None
    assert canonical_query(QueryDict("postcode=M1&km=5")) is None
    assert canonical_query(QueryDict("postcode=M1&km=abc")) is None
    assert canonical_query(QueryDict("postcode=M1&km=")) is None
    assert canonical_query(QueryDict("km=5&radius=5")).urlencode() == "km=5"


# Paging ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        (None, 1),
        ("", 1),
        ("abc", 1),
        ("2", 2),
        (" 3 ", 3),
        ("0", 1),
        ("-1", 1),
        ("2.5", 1),
        ("99999999999999999999999", MAX_PAGE),
        ("9" * 5000, MAX_PAGE),
    ],
)
def test_a_page_number_is_the_nearest_there_can_be(raw, number):
    assert page_number(raw) == number


def test_a_page_with_its_total_in_one_query_and_the_last_page_for_an_absurd_number():
    districts = District.objects.filter(area="M").order_by("outcode")
    total = districts.count()
    assert total > 10
    with CaptureQueriesContext(connection) as queries:
        page = page_with_total(districts, "2", 5)
    assert len(queries) == 1
    assert page.paginator.count == total
    assert [d.outcode for d in page] == [d.outcode for d in districts[5:10]]
    last = page_with_total(districts, "99999999999999999999999", 5)
    assert last.number == page.paginator.num_pages
    assert len(last) == total - (last.number - 1) * 5
    empty = page_with_total(districts.none(), "7", 5)
    assert (empty.number, list(empty), empty.paginator.count) == (1, [], 0)


def test_the_query_string_without_page_keeps_everything_else():
    query = QueryDict("postcode=M1&km=5&page=3&tag=a&tag=b")
    assert query_without_page(query) == "postcode=M1&km=5&tag=a&tag=b"
    assert query_without_page(query, km="10") == "postcode=M1&km=10&tag=a&tag=b"


@pytest.mark.parametrize("path", [*HTML_LISTINGS, "/communities/interest/", "/help/schemes/"])
def test_an_absurd_page_number_shows_a_page_on_every_listing(client, path):
    response = client.get(path, {"page": "99999999999999999999999"})
    assert response.status_code == 200


# GeoJSON --------------------------------------------------------------------------------


def test_a_feature_is_a_point_in_longitude_latitude_order_with_what_the_popup_reads():
    feature = point_feature(
        lat=53.4775123456, lon=-2.2362123456, name="Hall", url="/h/", summary="Library", id=7
    )
    assert feature == {
        "type": "Feature",
        "id": 7,
        "geometry": {"type": "Point", "coordinates": [-2.236212, 53.477512]},
        "properties": {"name": "Hall", "url": "/h/", "summary": "Library"},
    }
    extra = point_feature(lat=1, lon=2, name="A", distance_km=1.23456, kind=None)
    assert extra["properties"] == {"name": "A", "summary": "", "distance_km": 1.23}
    assert feature_collection(iter([feature])) == {
        "type": "FeatureCollection",
        "features": [feature],
    }


def test_every_map_on_a_listing_has_the_same_feature_shape(client):
    SpaceFactory(name="Ancoats Hall", at="M4")
    EventFactory(title="Ancoats walk", place="M4")
    GroupFactory(name="Ancoats Growers", at="M4")
    query = {"postcode": "M1 1AD", "km": "5"}
    maps = {
        "spaces": client.get("/spaces/", query).context["features"],
        "events": _events_geojson(client.get("/events/", query)),
        "groups": client.get("/communities/", query).context["geojson"],
    }
    for name, collection in maps.items():
        assert collection["type"] == "FeatureCollection", name
        [feature] = collection["features"]
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -3 < lon < -2 and 53 < lat < 54, name
        assert {"name", "url", "summary"} <= set(feature["properties"]), name
        assert feature["properties"]["name"].startswith("Ancoats"), name


def _events_geojson(response) -> dict:
    import json

    html = response.content.decode()
    start = html.index('<script id="events-geojson" type="application/json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(body)


# The anonymous page cache ---------------------------------------------------------------


def queries_for(client, path, params=None) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params or {})
    return len(ctx), response


@pytest.mark.parametrize("path", ["/spaces/", "/events/"])
def test_anonymous_visitors_share_a_page_whatever_the_order_of_the_query(client, path):
    SpaceFactory(name="Ancoats Hall", at="M4")
    EventFactory(title="Ancoats walk", place="M4")
    first = client.get(path, {"postcode": "M4", "km": "5"})
    count, again = queries_for(client, path, {"km": "5", "postcode": "M4"})
    assert count == 0
    assert again.content == first.content


@pytest.mark.parametrize("path", ["/spaces/", "/events/"])
def test_members_never_get_the_shared_page_nor_fill_it(client, member_client, member, path):
    client.get(path)
    count, response = queries_for(member_client, path)
    assert count >= 1
    html = response.content.decode()
    assert "Log out" in html
    # What the member saw was not kept for anyone else.
    assert "Log out" not in client.get(path).content.decode()


def test_a_visitor_with_a_message_waiting_gets_their_own_page(client):
    SpaceFactory(name="Ancoats Hall", at="M4")
    client.get("/spaces/")
    client.cookies["messages"] = "anything"  # even one we cannot read
    count, response = queries_for(client, "/spaces/")
    assert count >= 1
    assert "Ancoats Hall" in response.content.decode()


def test_messages_kept_in_the_session_also_count():
    request = RequestFactory().get("/spaces/")
    request.user = _anonymous()
    request.COOKIES = {}
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    assert page_cache.is_anonymous_visitor(request)
    request._messages.add(INFO, "You have signed out.")
    assert not page_cache.is_anonymous_visitor(request)


def test_bad_input_and_redirects_are_never_kept(client):
    from django.core.cache import cache

    for query in ({"postcode": "nowhere"}, {"postcode": "M1", "radius": "5"}):
        assert client.get("/spaces/", query).status_code in (301, 400)
        key = page_cache.page_key("spaces", RequestFactory().get("/spaces/", query))
        assert cache.get(key) is None
    # A good search is kept under the same kind of key.
    client.get("/spaces/", {"postcode": "M1"})
    assert cache.get(page_cache.page_key("spaces", RequestFactory().get("/spaces/?postcode=M1")))


def test_a_change_to_a_listing_retires_its_pages_and_no_others(client):
    SpaceFactory(name="Ancoats Hall", at="M4")
    EventFactory(title="Ancoats walk", place="M4")
    client.get("/spaces/")
    client.get("/events/")
    page_cache.listings_changed("spaces")
    assert queries_for(client, "/spaces/")[0] >= 1
    assert queries_for(client, "/events/")[0] == 0


def test_the_lifetime_setting_at_zero_turns_the_cache_off(client, settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    client.get("/spaces/")
    assert queries_for(client, "/spaces/")[0] >= 1


def test_the_decorator_keeps_only_a_200_that_sets_no_cookie(settings):
    calls = []

    @page_cache.cache_anonymous_page("test")
    def view(request):
        calls.append(request.path)
        response = HttpResponse("hello", status=int(request.GET.get("status", 200)))
        if "cookie" in request.GET:
            response.set_cookie("c", "1")
        return response

    def get(query=""):
        request = RequestFactory().get(f"/test/?{query}")
        request.user = _anonymous()
        return view(request)

    for query in ("", "status=404", "cookie=1"):
        get(query)
        get(query)
    # The plain 200 was rendered once; the 404 and the page setting a cookie twice each.
    assert len(calls) == 5


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
