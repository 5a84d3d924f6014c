"""Registering as a co-operative community: commitments, progress and the yearly review."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    MAX_TARGET,
    CheckIn,
    Commitment,
    CommitmentArea,
    CommitmentStatus,
    Group,
    ProgressUpdate,
)
from .errors import CommunityError


def commitment_add(
    *,
    group: Group,
    by,
    area: str,
    what: str,
    target: int,
    unit: str,
    due_date: datetime.date,
    how: str = "",
) -> Commitment:
    """Add a SMART commitment to ``group``: ``what``, ``target`` ``unit`` by ``due_date``.

    Raises ``CommunityError`` for a target below 1 or a due date in the past.
    """
    if area not in CommitmentArea.values:
        raise CommunityError(_("Choose co-operative action or co-operative enterprise."))
    if not 1 <= int(target) <= MAX_TARGET:
        raise CommunityError(_("The target must be a whole number from 1 upwards."))
    if due_date < timezone.localdate():
        raise CommunityError(_("The due date is in the past: choose today or a later date."))
    return Commitment.objects.create(
        group=group,
        area=area,
        what=what.strip(),
        how=how,
        target=int(target),
        unit=unit.strip(),
        due_date=due_date,
        created_by=by,
    )


def commitment_remove(*, commitment: Commitment) -> None:
    """Remove a commitment that has no progress yet (a slip while registering)."""
    if commitment.updates.exists():
        raise CommunityError(
            _(
                "This commitment has progress updates: mark it as dropped in your yearly review "
                "instead, so its story stays."
            )
        )
    commitment.delete()


def progress_is_implausible(*, commitment: Commitment, number: int) -> bool:
    """True when ``number`` looks like a typo: more than the whole target in one update,
    or a total past three times the target."""
    return number > commitment.target or (commitment.progress_total + number) > 3 * max(
        commitment.target, 1
    )


def progress_post(
    *, commitment: Commitment, by, number: int, story: str, confirmed_large: bool = False
) -> ProgressUpdate:
    """Post a progress update: ``number`` done since the last one, and its ``story``.

    The commitment's total moves in the same transaction; reaching the target marks the
    commitment achieved. A number that ``progress_is_implausible`` is refused unless
    ``confirmed_large``.
    """
    if number < 0:
        raise CommunityError(_("The number cannot be negative."))
    if progress_is_implausible(commitment=commitment, number=number) and not confirmed_large:
        raise CommunityError(_("That number is larger than we expected: confirm it to post it."))
    with transaction.atomic():
        update = ProgressUpdate.objects.create(
            commitment=commitment,
            number=number,
            story=story.strip(),
            posted_by=by,
            confirmed_large=confirmed_large,
        )
        Commitment.objects.filter(pk=commitment.pk).update(
            progress_total=F("progress_total") + number
        )
        commitment.refresh_from_db(fields=["progress_total", "status"])
        if commitment.is_met and commitment.status == CommitmentStatus.ACTIVE:
            commitment.status = CommitmentStatus.ACHIEVED
            commitment.save(update_fields=["status", "updated_at"])
    return update


def registration_missing(*, group: Group) -> list[str]:
    """What ``group`` still needs before it can register, in words (empty when ready)."""
    today = timezone.localdate()
    areas = set(
        group.commitments.filter(status=CommitmentStatus.ACTIVE, due_date__gte=today).values_list(
            "area", flat=True
        )
    )
    missing = []
    if CommitmentArea.ACTION not in areas:
        missing.append("at least one commitment in co-operative action")
    if CommitmentArea.ENTERPRISE not in areas:
        missing.append("at least one commitment in co-operative enterprise")
    return missing


def community_register(*, group: Group, by) -> Group:
    """Register ``group`` as a co-operative community.

    It needs at least one current commitment in co-operative action and one in co-operative
    enterprise (due today or later). Its yearly check-ins count from now. Raises
    ``CommunityError`` if it is already registered or a commitment is missing.
    """
    if group.registered_at:
        raise CommunityError(
            _("%(name)s is already a registered co-operative community.") % {"name": group.name}
        )
    missing = registration_missing(group=group)
    if missing:
        raise CommunityError("Before you register, add " + " and ".join(missing) + ".")
    group.registered_at = timezone.now()
    group.save(update_fields=["registered_at", "updated_at"])
    return group


def community_review(
    *, group: Group, by, changes: Iterable[tuple[Commitment, str, datetime.date]]
) -> Group:
    """Record the yearly review: each commitment's new status and due date.

    Sets the group's ``last_reviewed_at`` and marks its latest check-in reviewed. An active
    commitment needs a due date today or later.
    """
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        for commitment, status, due_date in changes:
            if commitment.group_id != group.pk:
                raise CommunityError(_("That commitment belongs to another group."))
            if status == CommitmentStatus.ACTIVE and due_date < today:
                raise CommunityError(
                    _("“%(what)s” is still under way: give it a due date today or later.")
                    % {"what": commitment.what}
                )
            commitment.status = status
            commitment.due_date = due_date
            commitment.save(update_fields=["status", "due_date", "updated_at"])
        group.last_reviewed_at = now
        group.save(update_fields=["last_reviewed_at", "updated_at"])
        CheckIn.objects.filter(group=group, reviewed_at__isnull=True).update(
            reviewed_at=now, reviewed_by=by
        )
    return group
