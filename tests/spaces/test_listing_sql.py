"""A search near a postcode runs its query written as SQL (``spaces.listing``); the
FilterSet's ORM query serves searches without one and the GeoJSON. Both must give the same
page."""

import pytest
from django.http import QueryDict

from core.models import ModerationStatus
from core.paging import page_with_total
from spaces import selectors
from spaces.filters import SpaceFilter
from spaces.listing import near_page
from spaces.models import Kind, Space, Status
from spaces.views.search import _listing_queryset

from .factories import SpaceFactory, ThreatenedSpaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spaces_near_m4():
    SpaceFactory(name="Ancoats Library", kind=Kind.LIBRARY, tags=["reading", "youth"])
    SpaceFactory(name="Park 100% green", kind=Kind.PARK, north_m=900, capacity=300)
    SpaceFactory(name="Hall_with_toilets", toilets=True, step_free=True, capacity=80)
    SpaceFactory(name="Toilets only", toilets=True, north_m=1500)
    ThreatenedSpaceFactory(name="Threatened hall", north_m=400, tags=["youth"])
    SpaceFactory(name="Handed over", status=Status.TRANSFER, north_m=2500)
    SpaceFactory(name="Not yet approved", moderation_status=ModerationStatus.PENDING)
    SpaceFactory(name="In Leeds", at="LS6 3HN")
    for n in range(23):
        SpaceFactory(name=f"Hall {n}", north_m=100 * n, kind=Kind.COMMUNITY_CENTRE)


SEARCHES = [
    "postcode=M4+6DE",
    "postcode=M4+6DE&km=1",
    "postcode=M4+6DE&km=5&page=2",
    "postcode=M4+6DE&km=100&page=7",
    "postcode=M4&km=2",
    "postcode=M4+6DE&q=hall",
    "postcode=M4+6DE&q=100%25",
    "postcode=M4+6DE&q=hall_with",
    "postcode=M4+6DE&kind=library&kind=park",
    "postcode=M4+6DE&tag=youth",
    "postcode=M4+6DE&tag=youth&tag=reading",
    "postcode=M4+6DE&facility=toilets",
    "postcode=M4+6DE&facility=toilets&facility=step_free",
    "postcode=M4+6DE&capacity=100",
    "postcode=M4+6DE&status=threatened&status=transfer",
    "postcode=LS6+3HN&km=1",
    "postcode=SW1A+1AA&km=1",
]


def cards(page):
    return [
        {**row, "distance_km": round(row["distance_km"], 6), "updated_at": row["updated_at"]}
        for row in page.object_list
    ]


@pytest.mark.parametrize("search", SEARCHES)
def test_the_sql_page_is_the_orm_page(spaces_near_m4, search):
    filterset = SpaceFilter(QueryDict(search), queryset=_listing_queryset())
    assert filterset.is_valid(), filterset.errors
    raw_page = filterset.data.get("page")
    by_sql = near_page(filterset, raw_page, 20)
    by_orm = page_with_total(selectors.card_rows(filterset.qs), raw_page, 20)
    assert cards(by_sql) == cards(by_orm)
    assert (by_sql.number, by_sql.paginator.count) == (by_orm.number, by_orm.paginator.count)


def test_the_searches_cover_what_matters(spaces_near_m4):
    """The comparison above means something only if its searches find rows of each kind."""
    filterset = SpaceFilter(QueryDict("postcode=M4+6DE&km=5"), queryset=_listing_queryset())
    assert filterset.is_valid()
    rows = near_page(filterset, "1", 50).object_list
    names = [row["name"] for row in rows]
    assert len(names) == Space.objects.count() - 2
    assert "Not yet approved" not in names and "In Leeds" not in names
    assert [row["distance_km"] for row in rows] == sorted(row["distance_km"] for row in rows)
    library = next(row for row in rows if row["name"] == "Ancoats Library")
    assert library["tag_pairs"] == "reading\x1freading\x1eyouth\x1fyouth"
    assert next(row for row in rows if row["name"] == "Toilets only")["toilets"] is True
