"""A member's private calendar feed of "your events": its secret address and its dates."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..models import PersonalCalendar, Rsvp, RsvpStatus
from ..models.feeds import new_feed_token

# Dates that ended this long ago still show, so last week's event stays in the calendar.
FEED_PAST = timedelta(days=30)


def personal_calendar_get(*, user) -> PersonalCalendar:
    """The member's feed row, made with a fresh token the first time it is asked for."""
    calendar, _created = PersonalCalendar.objects.get_or_create(user=user)
    return calendar


@transaction.atomic
def personal_calendar_renew(*, user) -> PersonalCalendar:
    """Give the member's feed a new secret address; the old one answers 404 from now on."""
    calendar = personal_calendar_get(user=user)
    calendar.token = new_feed_token()
    calendar.save(update_fields=["token", "renewed_at"])
    return calendar


def personal_calendar_set_waiting(*, user, include_waiting: bool) -> PersonalCalendar:
    """Choose whether waiting-list places show in the feed (as tentative dates)."""
    calendar = personal_calendar_get(user=user)
    calendar.include_waiting = include_waiting
    calendar.save(update_fields=["include_waiting", "renewed_at"])
    return calendar


def personal_calendar_replies(*, calendar: PersonalCalendar) -> list[Rsvp]:
    """The replies the feed shows: going (and waiting, if chosen), from 30 days ago on,
    soonest first, with each date's event, its tags and its place in three queries."""
    statuses = [RsvpStatus.GOING]
    if calendar.include_waiting:
        statuses.append(RsvpStatus.WAITING)
    return list(
        Rsvp.objects.filter(
            user_id=calendar.user_id,
            status__in=statuses,
            occurrence__ends_at__gte=timezone.now() - FEED_PAST,
        )
        .select_related(
            "occurrence__event__space",
            "occurrence__event__group",
            "occurrence__event__organiser",
        )
        .prefetch_related("occurrence__event__tags")
        .order_by("occurrence__starts_at", "pk")
    )
