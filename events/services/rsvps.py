"""Saying you're going: places, the waiting list, and moving it up.

Every change to who is going to a date happens with that date's ``Occurrence`` row
locked (``SELECT … FOR UPDATE``), so the places are counted and taken by one member at a
time: two members pressing "I'm going" for the last place at the same moment get one
place and one waiting-list spot, never two places.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.page_cache import listings_changed

from .. import emails
from ..models import Occurrence, Rsvp, RsvpStatus
from .notices import notice_record


class RsvpError(Exception):
    """An RSVP that cannot be made; ``str()`` is a message for the member."""


class RsvpExists(RsvpError):
    pass


class RsvpClosed(RsvpError):
    pass


def _lock(occurrence_id: int) -> Occurrence:
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=occurrence_id)
    )


def _count_going(occurrence: Occurrence) -> int:
    occurrence.going_count = occurrence.rsvps.going().count()
    # Listings show the places left.
    listings_changed("events")
    return occurrence.going_count


def rsvp_create(*, occurrence: Occurrence, user, share_email: bool = False) -> Rsvp:
    """Say ``user`` is going to ``occurrence``: a place if one is left, else the waiting list.

    Returns the ``Rsvp`` (status going or waiting); the confirmation (or waiting-list)
    email is queued after commit. Raises ``RsvpExists`` if they already said they're going
    or are waiting, and ``RsvpClosed`` if the date is cancelled, over, or not public.
    """
    with transaction.atomic():
        occurrence = _lock(occurrence.pk)
        event = occurrence.event
        now = timezone.now()
        if event.is_cancelled or occurrence.is_cancelled:
            raise RsvpClosed(_("This event is cancelled, so there's nothing to go to."))
        if not event.is_approved:
            raise RsvpClosed(
                _("This event isn't open for replies until our moderators approve it.")
            )
        if occurrence.ends_at <= now:
            raise RsvpClosed(_("This date is over."))
        rsvp = Rsvp.objects.filter(occurrence=occurrence, user=user).first()
        if rsvp and rsvp.status == RsvpStatus.GOING:
            raise RsvpExists(_("You've already said you're going to this date."))
        if rsvp and rsvp.status == RsvpStatus.WAITING:
            raise RsvpExists(_("You're already on the waiting list for this date."))
        going = _count_going(occurrence)
        has_place = event.capacity is None or going < event.capacity
        status = RsvpStatus.GOING if has_place else RsvpStatus.WAITING
        if rsvp is None:
            rsvp = Rsvp(occurrence=occurrence, user=user)
        rsvp.status = status
        rsvp.share_email = share_email
        # Coming back puts them at the end of the queue, as a new reply.
        rsvp.joined_at = now
        rsvp.promoted_at = rsvp.cancelled_at = None
        rsvp.save()
        if has_place:
            occurrence.going_count = going + 1
            occurrence.save(update_fields=["going_count"])
        notice_record(
            purpose=emails.RSVP_CONFIRMED if has_place else emails.RSVP_WAITING,
            event=event,
            user=user,
            occurrence=occurrence,
            rsvp=rsvp,
            news=emails.rsvp_news(rsvp),
        )
    return rsvp


def rsvp_cancel(*, rsvp: Rsvp) -> list[Rsvp]:
    """Say ``rsvp``'s member is no longer going (or leaves the waiting list).

    A place freed goes to the first person waiting, who is emailed. Cancelling twice is
    harmless. Returns the RSVPs moved up from the waiting list.
    """
    with transaction.atomic():
        occurrence = _lock(rsvp.occurrence_id)
        rsvp = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
        if rsvp.status == RsvpStatus.CANCELLED:
            return []
        was_going = rsvp.status == RsvpStatus.GOING
        rsvp.status = RsvpStatus.CANCELLED
        rsvp.cancelled_at = timezone.now()
        rsvp.save(update_fields=["status", "cancelled_at"])
        if not was_going:
            return []
        _count_going(occurrence)
        promoted = _promote(occurrence)
        occurrence.save(update_fields=["going_count"])
    return promoted


def waiting_list_promote(*, occurrence: Occurrence) -> list[Rsvp]:
    """Give free places on ``occurrence`` to the people waiting, first come first served.

    For when places appear other than by a cancellation (the organiser adds places).
    Returns the RSVPs moved up; each member is emailed.
    """
    with transaction.atomic():
        occurrence = _lock(occurrence.pk)
        _count_going(occurrence)
        promoted = _promote(occurrence)
        occurrence.save(update_fields=["going_count"])
    return promoted


def _promote(occurrence: Occurrence) -> list[Rsvp]:
    """Move people up while there are places (the occurrence must be locked)."""
    event = occurrence.event
    if event.is_cancelled or occurrence.is_cancelled or occurrence.ends_at <= timezone.now():
        return []
    free = None if event.capacity is None else event.capacity - occurrence.going_count
    if free is not None and free <= 0:
        return []
    waiting = occurrence.rsvps.waiting().select_for_update(of=("self",)).select_related("user")
    promoted = list(waiting if free is None else waiting[:free])
    now = timezone.now()
    for rsvp in promoted:
        rsvp.status = RsvpStatus.GOING
        rsvp.promoted_at = now
        rsvp.save(update_fields=["status", "promoted_at"])
        notice_record(
            purpose=emails.PLACE_FREED,
            event=event,
            user=rsvp.user,
            occurrence=occurrence,
            rsvp=rsvp,
            news=f"rsvp:{rsvp.pk}:promoted:{now:%Y%m%dT%H%M%S.%f}",
        )
    occurrence.going_count += len(promoted)
    return promoted
