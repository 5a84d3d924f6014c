import datetime

import pytest
from django.utils import timezone

from communities.models import GroupKind
from events.models import Event
from postcodes.services import lookup
from spaces.models import Space

from ..communities.factories import GroupFactory, PioneerFactory

pytestmark = pytest.mark.django_db


def space(name, at, status="approved"):
    s = Space(name=name, slug=name.lower().replace(" ", "-"), moderation_status=status)
    s.set_location(lookup(at))
    s.save()
    return s


def event(title, at, days):
    start = timezone.now() + datetime.timedelta(days=days)
    e = Event(
        title=title,
        slug=title.lower().replace(" ", "-"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        moderation_status="approved",
    )
    e.set_location(lookup(at))
    e.save()
    return e


def test_the_audit_of_a_postcode_lists_what_exists_within_n_km(client, city_postcodes):
    GroupFactory(name="Leith Growers", at="EH6 6QU", radius_km=1)
    GroupFactory(name="Leith Bakery Co-op", at="EH6 5AA", kind=GroupKind.COOPERATIVE)
    GroupFactory(name="Leith Together", at="EH6 7ET", registered_at=timezone.now(), radius_km=1)
    GroupFactory(name="Cardiff Group", at="CF10 1EP")
    space("Leith Community Centre", "EH6 6QU")
    space("Unchecked Hall", "EH6 6QU", status="pending")
    event("Leith Street Party", "EH6 6QU", days=5)
    event("Old Party", "EH6 6QU", days=-5)
    event("Cardiff Swap", "CF10 1EP", days=5)
    PioneerFactory(name="Lorna Pioneer", at="EH6 6QU", radius_km=5)

    response = client.get("/communities/audit/", {"postcode": "eh6 6qu", "km": "2"})
    assert response.status_code == 200
    audit = response.context["audit"]
    assert audit.location.is_full_postcode
    assert sorted(g.name for g in audit.groups) == [
        "Leith Bakery Co-op",
        "Leith Growers",
        "Leith Together",
    ]
    assert [g.name for g in audit.cooperatives] == ["Leith Bakery Co-op"]
    assert [g.name for g in audit.communities] == ["Leith Together"]
    assert [s.name for s in audit.spaces] == ["Leith Community Centre"]
    assert [e.title for e in audit.events] == ["Leith Street Party"]
    assert [p.name for p in audit.pioneers] == ["Lorna Pioneer"]
    html = response.content.decode()
    assert "Co-operative audit of EH6 6QU" in html
    assert "Within 2 km · City of Edinburgh, Scotland" in html
    assert "Leith Community Centre" in html
    assert "Cardiff" not in html.split("<main")[1].split("</main>")[0]
    assert "co-operative desert" not in html


def test_a_place_with_nothing_is_called_a_co_operative_desert(client):
    GroupFactory(name="Far away", at="M1", radius_km=1)
    response = client.get("/communities/audit/", {"postcode": "HS1", "km": "10"})
    assert response.status_code == 200
    assert response.context["audit"].is_desert
    assert "a co-operative desert" in response.content.decode()


@pytest.mark.parametrize(
    "params, message",
    [
        ({"postcode": "", "km": "5"}, "Enter a postcode"),
        ({"postcode": "hello", "km": "5"}, "is not a UK postcode"),
        ({"postcode": "GY1 1AA", "km": "5"}, "Guernsey"),
        ({"postcode": "M1", "km": "500"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_explained(client, params, message):
    response = client.get("/communities/audit/", params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["audit"] is None


def test_the_audit_starts_with_an_empty_form(client, db):
    response = client.get("/communities/audit/")
    assert response.status_code == 200
    assert "Run the audit" in response.content.decode()
