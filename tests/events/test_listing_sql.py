"""A search near a postcode runs its query written as SQL (``events.listing``); the
FilterSet's ORM query serves every other search. Both must give the same page."""

import datetime

import pytest
import time_machine
from django.http import QueryDict
from django.utils import timezone

from core.paging import page_with_total
from events.expressions import IsFirstDate, MoreDates, SiblingDates
from events.filters import NearEventFilter, first_date_of_each_event
from events.listing import near_page
from events.models import Occurrence
from events.services import event_next_date_set, next_dates_move
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
    # As the services do after writing dates: its next date is now the second.
    event_next_date_set(event=walk)
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
    # The time asked for starts now: each event's next date, kept on the event.
    "postcode=M1+1AD&date_from={day0}",
    "postcode=M1+1AD&date_to={day3}",
    "postcode=M1+1AD&tag=walking&when=week",
    # Starts later: each event's dates compared (the events near found first).
    "postcode=M1+1AD&date_from={day3}",
    "postcode=M1&km=25&date_from={day3}&tag=walking&format=in_person&free=on",
    "postcode=M1&km=25",
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
            # Date-times read as text by the SQL query (``core.sql``): the same values.
            (o.ends_at, o.event.starts_at, o.event.ends_at, o.event.updated_at),
            o.event.cancelled_at,
        )
        for o in page.object_list
    ]


@pytest.mark.parametrize("search", SEARCHES)
def test_the_sql_page_is_the_orm_page(events_near_m1, search):
    today = timezone.localdate()
    query = search.format(
        day0=today.isoformat(),
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


def kept_and_compared(start=None, end=None) -> tuple[list, list]:
    """(date id, more dates) of each event's first date in the time asked for: by its
    next date kept on the event, and by comparing every date with its siblings."""
    now = timezone.now()
    siblings = SiblingDates(now, start, end)
    assert siblings.from_now
    dates = Occurrence.objects.listed()
    if end is not None:
        dates = dates.filter(starts_at__lt=end)
    kept = first_date_of_each_event(dates, siblings)
    compared = dates.filter(IsFirstDate(siblings)).annotate(more_dates=MoreDates(siblings))
    return (
        sorted(kept.values_list("pk", "more_dates")),
        sorted(compared.values_list("pk", "more_dates")),
    )


@pytest.mark.parametrize("days", [None, 3, 7])
def test_the_kept_next_date_lists_what_comparing_every_date_lists(events_near_m1, days):
    end = timezone.now() + datetime.timedelta(days=days) if days else None
    kept, compared = kept_and_compared(end=end)
    assert kept == compared
    assert len(kept) >= (28 if days is None else 5)


def test_once_dates_are_over_the_task_brings_the_lists_together_again(events_near_m1):
    with time_machine.travel(soon(10, 13)):
        kept, compared = kept_and_compared()
        # Before the task: the events whose next date is over are missing, never shown
        # on that date; the others are as before.
        assert set(kept) < set(compared)
        over = Occurrence.objects.filter(ends_at__lt=timezone.now()).values_list("pk", flat=True)
        assert not {pk for pk, _more in kept} & set(over)
        assert next_dates_move() > 0
        assert kept_and_compared()[0] == compared
