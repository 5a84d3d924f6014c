"""A search near a postcode runs its query written as SQL (``events.listing``); the
FilterSet's ORM query serves every other search. Both must give the same page."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from core.paging import page_with_total
from events.filters import NearEventFilter
from events.listing import near_page
from events.models import Occurrence
from spaces.models import Space

from .factories import EventFactory, soon

pytestmark = pytest.mark.django_db


@pytest.fixture
def events_near_m1():
    space = Space.objects.create(
        name="Ancoats Hall", slug="ancoats-hall", latitude=53.48, longitude=-2.23
    )
    walk = EventFactory(
        title="Saturday walk", recurrence="weekly", starts_at=soon(3, 10), tags=["walking"]
    )
    first = walk.occurrences.order_by("starts_at").first()
    Occurrence.objects.filter(pk=first.pk).update(is_cancelled=True)
    EventFactory(title="Gig", price="5.00", starts_at=soon(1, 20), tags=["music", "walking"])
    EventFactory(title="Hybrid class", attendance_mode="mixed", place="M4", starts_at=soon(2))
    EventFactory(title="Online chat", attendance_mode="online", starts_at=soon(2))
    EventFactory(title="In Leeds", place="LS6 3HN", starts_at=soon(2))
    EventFactory(title="At the hall", space=space, latitude=53.48, longitude=-2.23)
    EventFactory(title="Unapproved", moderation_status="pending")
    called_off = EventFactory(title="Called off")
    called_off.cancelled_at = timezone.now()
    called_off.save()
    for n in range(24):
        EventFactory(title=f"Swap {n}", starts_at=soon(1 + n % 6, 9 + n % 8), place="M1 2AB")


SEARCHES = [
    "postcode=M1+1AD",
    "postcode=M1+1AD&km=1",
    "postcode=M1+1AD&km=2&page=2",
    "postcode=M1+1AD&km=50&page=2",
    "postcode=M1+1AD&km=100&page=9",
    "postcode=M4&km=5",
    "postcode=M1+1AD&when=today",
    "postcode=M1+1AD&when=weekend",
    "postcode=M1+1AD&when=week",
    "postcode=M1+1AD&date_from={day3}&date_to={day17}",
    "postcode=M1+1AD&tag=walking",
    "postcode=M1+1AD&tag=walking&tag=music",
    "postcode=M1+1AD&free=on",
    "postcode=M1+1AD&format=in_person",
    "postcode=M1+1AD&format=mixed",
    "postcode=M1+1AD&format=online",
    "postcode=LS6+3HN&km=2",
    "postcode=SW1A+1AA&km=1",
]


def card_facts(page):
    return [
        (
            o.pk,
            o.event.title,
            o.event.space.name if o.event.space_id else None,
            o.more_dates,
            o.tag_names,
            round(o.distance_km, 6),
            o.starts_at,
            o.event.price,
        )
        for o in page.object_list
    ]


@pytest.mark.parametrize("search", SEARCHES)
def test_the_sql_page_is_the_orm_page(events_near_m1, search):
    today = timezone.localdate()
    query = search.format(
        day3=(today + datetime.timedelta(days=3)).isoformat(),
        day17=(today + datetime.timedelta(days=17)).isoformat(),
    )
    filterset = NearEventFilter(QueryDict(query), queryset=Occurrence.objects.listed())
    assert filterset.is_valid(), filterset.errors
    raw_page = filterset.data.get("page")
    by_sql = near_page(filterset, raw_page, 20)
    by_orm = page_with_total(filterset.qs.for_cards(), raw_page, 20)
    assert card_facts(by_sql) == card_facts(by_orm)
    assert (by_sql.number, by_sql.paginator.count) == (by_orm.number, by_orm.paginator.count)
    assert by_sql.has_next() == by_orm.has_next()


def test_the_searches_cover_what_matters(events_near_m1):
    """The comparison above means something only if its searches find rows of each kind."""
    filterset = NearEventFilter(
        QueryDict("postcode=M1+1AD&km=5"), queryset=Occurrence.objects.listed()
    )
    assert filterset.is_valid()
    page = near_page(filterset, "1", 40)
    titles = {o.event.title for o in page.object_list}
    assert {"Saturday walk", "Gig", "Hybrid class", "At the hall"} <= titles
    assert not titles & {"Online chat", "In Leeds", "Unapproved", "Called off"}
    walk = next(o for o in page.object_list if o.event.title == "Saturday walk")
    assert walk.more_dates > 40
    assert next(o for o in page.object_list if o.event.title == "Gig").tag_names == [
        "music",
        "walking",
    ]
    assert page.paginator.count == len(titles) == 28
