"""The yearly check-in: a year after registration, and every year after, organisers are
emailed to review their commitments and add new ones."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core import emails

from ..models import (
    CheckIn,
    CheckInEmail,
    CommitmentStatus,
    Group,
    Membership,
    Role,
    anniversary,
    checkin_years_elapsed,
)


def checkins_queue_due(*, now: datetime.datetime | None = None) -> list[int]:
    """Create the check-ins that are due and queue one email per organiser.

    Runs daily from Celery beat. A community registered on a date gets its first check-in
    on that date a year later, then every year. The check-in row (unique per community
    and year) and its email rows (unique per address) are created together, so running
    this twice, or after a missed day, never sends twice. Rejected groups are skipped.
    Returns the ids of the check-ins created.
    """
    from ..tasks import send_checkin_email

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
                rows = CheckInEmail.objects.bulk_create(
                    [
                        CheckInEmail(checkin=checkin, user=m.user, email=m.user.email)
                        for m in organisers
                    ]
                )
                for row in rows:
                    transaction.on_commit(lambda pk=row.pk: send_checkin_email.delay(pk))
        except IntegrityError:
            # Another run created this year's check-in at the same moment: it sends.
            continue
        created.append(checkin.pk)
    return created


def checkin_email_send(*, checkin_email_id: int) -> bool:
    """Send one organiser's check-in email, at most once; True if it was sent now."""
    with transaction.atomic():
        row = (
            CheckInEmail.objects.select_for_update(of=("self",))
            .select_related("checkin__group", "user")
            .filter(pk=checkin_email_id, emailed_at__isnull=True)
            .first()
        )
        if row is None:
            return False
        checkin = row.checkin
        group = checkin.group
        commitments = list(group.commitments.exclude(status=CommitmentStatus.DROPPED))
        emails.send(
            "communities-checkin",
            to=[row.email],
            context={
                "name": row.user.public_name if row.user else "",
                "group": group,
                "checkin": checkin,
                "commitments": commitments,
                "group_url": group.get_absolute_url(),
                "review_url": reverse("communities:group-review", kwargs={"slug": group.slug}),
            },
        )
        # Marked in the same transaction: if the send raised, the row stays unsent.
        row.emailed_at = timezone.now()
        row.save(update_fields=["emailed_at"])
    return True
