"""Expanding regular activities into dates, on UK wall-clock time."""

from datetime import date, datetime, timedelta

from dateutil.rrule import rrulestr

from events import recurrence
from events.models import EVENT_TZ, Event


def uk(*args) -> datetime:
    return datetime(*args, tzinfo=EVENT_TZ)


def event(start, hours=1.5, **kwargs) -> Event:
    return Event(starts_at=start, ends_at=start + timedelta(hours=hours), **kwargs)


def local_starts(dates):
    return [recurrence.local(s) for s, _e in dates]


def test_a_one_off_has_its_one_date_until_it_is_over():
    once = event(uk(2027, 3, 2, 19, 0))
    assert recurrence.event_dates(once, after=uk(2027, 3, 1)) == [(once.starts_at, once.ends_at)]
    assert recurrence.event_dates(once, after=uk(2027, 3, 3)) == []


def test_weekly_dates_keep_their_wall_clock_time_across_the_clock_change():
    # British Summer Time starts on Sunday 28 March 2027.
    walk = event(uk(2027, 3, 16, 19, 0), recurrence="weekly")
    dates = recurrence.event_dates(walk, after=uk(2027, 3, 1), limit=4)
    assert local_starts(dates) == [
        datetime(2027, 3, 16, 19, 0),
        datetime(2027, 3, 23, 19, 0),
        datetime(2027, 3, 30, 19, 0),
        datetime(2027, 4, 6, 19, 0),
    ]
    # Same 19:00 on the clock, so an hour apart in UTC.
    assert dates[1][0].utcoffset() == timedelta(0)
    assert dates[2][0].utcoffset() == timedelta(hours=1)
    assert all(e - s == timedelta(hours=1, minutes=30) for s, e in dates)


def test_fortnightly_dates_are_two_weeks_apart():
    swap = event(uk(2027, 1, 9, 10, 0), recurrence="fortnightly")
    starts = local_starts(recurrence.event_dates(swap, after=uk(2027, 1, 1), limit=3))
    assert starts == [datetime(2027, 1, 9, 10), datetime(2027, 1, 23, 10), datetime(2027, 2, 6, 10)]


def test_monthly_dates_fall_on_the_same_weekday_of_the_month():
    # Tuesday 12 January 2027 is the second Tuesday.
    repair = event(uk(2027, 1, 12, 18, 30), recurrence="monthly")
    starts = local_starts(recurrence.event_dates(repair, after=uk(2027, 1, 1), limit=4))
    assert [d.date() for d in starts] == [
        date(2027, 1, 12),
        date(2027, 2, 9),
        date(2027, 3, 9),
        date(2027, 4, 13),
    ]
    assert recurrence.describe(repair) == "Every month on the second Tuesday"


def test_a_fifth_weekday_repeats_on_the_last_one_of_each_month():
    # Friday 29 January 2027 is the fifth Friday: it repeats on the last Friday.
    social = event(uk(2027, 1, 29, 19, 0), recurrence="monthly")
    starts = local_starts(recurrence.event_dates(social, after=uk(2027, 1, 1), limit=3))
    assert [d.date() for d in starts] == [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26)]
    assert recurrence.rule_parts(social)["BYDAY"] == ["-1FR"]
    assert recurrence.describe(social) == "Every month on the last Friday"


def test_repeat_until_is_the_last_day_it_may_happen_inclusive():
    walk = event(uk(2027, 1, 5, 19, 0), recurrence="weekly", repeat_until=date(2027, 1, 19))
    starts = local_starts(recurrence.event_dates(walk, after=uk(2027, 1, 1)))
    assert [d.date() for d in starts] == [date(2027, 1, 5), date(2027, 1, 12), date(2027, 1, 19)]
    assert recurrence.describe(walk) == "Every Tuesday, until 19 January 2027"


def test_a_date_under_way_still_counts_and_past_ones_do_not():
    walk = event(uk(2027, 1, 5, 19, 0), hours=2, recurrence="weekly")
    during = uk(2027, 1, 12, 20, 0)
    starts = local_starts(recurrence.event_dates(walk, after=during, limit=2))
    assert starts == [datetime(2027, 1, 12, 19), datetime(2027, 1, 19, 19)]


def test_dates_are_expanded_a_year_ahead_and_no_further():
    walk = event(uk(2027, 1, 5, 19, 0), recurrence="weekly")
    dates = recurrence.event_dates(walk, after=uk(2027, 1, 1))
    assert len(dates) == 52
    assert dates[-1][0] <= uk(2028, 1, 1)


def test_the_rrule_expands_to_the_same_dates_as_the_site():
    walk = event(uk(2027, 3, 16, 19, 0), recurrence="fortnightly", repeat_until=date(2027, 6, 30))
    parts = recurrence.rule_parts(walk)
    assert parts["FREQ"] == "WEEKLY" and parts["INTERVAL"] == 2 and parts["BYDAY"] == ["TU"]
    # RFC 5545: with a TZID start, UNTIL is in UTC (end of the last day, UK time).
    assert parts["UNTIL"] == uk(2027, 6, 30, 23, 59, 59)
    rule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270630T225959Z"
    expected = list(rrulestr(rule, dtstart=walk.starts_at))
    ours = [s for s, _e in recurrence.event_dates(walk, after=uk(2027, 1, 1))]
    # dateutil keeps the UTC offset of DTSTART; compare on the wall clock.
    assert [recurrence.local(s) for s in ours] == [e.replace(tzinfo=None) for e in expected]


def test_when_text_says_a_date_or_the_whole_schedule():
    walk = event(uk(2027, 1, 5, 19, 0), recurrence="weekly")
    assert recurrence.when_text(walk) == "Every Tuesday, 19:00 to 20:30, from 5 January 2027"
    assert (
        recurrence.when_text(walk, uk(2027, 1, 12, 19, 0), uk(2027, 1, 12, 20, 30))
        == "Tuesday 12 January 2027, 19:00 to 20:30"
    )
