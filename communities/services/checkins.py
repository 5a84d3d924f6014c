"""The yearly check-in: a year after registration, and every year after, organisers are
emailed to review their commitments and add new ones."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.outbox.services import enqueue_many

from .. import emails
from ..models import (
    CheckIn,
    Group,
    Membership,
    Role,
    anniversary,
    checkin_years_elapsed,
)


def checkins_queue_due(*, now: datetime.datetime | None = None) -> list[int]:
    """Create the check-ins that are due and ask the outbox for one email per organiser.

    Runs daily from Celery beat. A community registered on a date gets its first check-in
    on that date a year later, then every year. The check-in row (unique per community
    and year) and its emails (keyed by check-in and address) are created together, so
    running this twice, or after a missed day, never sends twice. Rejected groups are
    skipped. Returns the ids of the check-ins created.
    """
    now = now or timezone.now()
    a_year_ago = anniversary(now, -1)
    groups = (
        Group.objects.filter(registered_at__isnull=False, registered_at__lte=a_year_ago)
        .exclude(moderation_status="rejected")
        .only("pk", "registered_at")
    )
    done = set(CheckIn.objects.filter(group__in=groups).values_list("group_id", "year"))
    created = []
    for group in groups:
        year = checkin_years_elapsed(group.registered_at, now)
        if year < 1 or (group.pk, year) in done:
            continue
        try:
            with transaction.atomic():
                checkin = CheckIn.objects.create(
                    group=group, year=year, due_at=anniversary(group.registered_at, year)
                )
                organisers = (
                    Membership.objects.filter(
                        group=group, role=Role.ORGANISER, user__is_active=True
                    )
                    .select_related("user")
                    .order_by("joined_at")
                )
                enqueue_many(
                    emails.CHECKIN,
                    [
                        {
                            "key": emails.checkin_key(checkin_id=checkin.pk, email=m.user.email),
                            "to": m.user.email,
                            "context": {"checkin": checkin.pk, "user": m.user_id},
                        }
                        for m in organisers
                    ],
                )
        except IntegrityError:
            # Another run created this year's check-in at the same moment: it sends.
            continue
        created.append(checkin.pk)
    return created
