"""A space's status story: threat reports, staff confirmation, pledges, and the pledgers' emails."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from core.outbox.services import enqueue, enqueue_many

from .. import emails
from ..models import (
    Pledge,
    Space,
    Status,
    StatusChange,
    ThreatReport,
    ThreatState,
)

STATUS_FIELDS = [
    "status",
    "transfer_stage",
    "threat_summary",
    "threat_deadline",
    "status_changed_at",
]


class PledgesClosed(Exception):
    """The space is not asking for help (it is not under threat or in transfer)."""


class AlreadyReported(Exception):
    """This member already has a report awaiting review for this space."""


class CannotReport(Exception):
    """The space is not one a threat can be reported on (not public, or already threatened)."""


def space_status_change(
    *,
    space: Space,
    status: str,
    by,
    note: str = "",
    transfer_stage: str = "",
    threat_summary: str = "",
    threat_deadline: date | None = None,
) -> StatusChange | None:
    """Move ``space`` to ``status``, record it in its history and tell its pledgers.

    ``transfer_stage`` applies to ``Status.TRANSFER``; ``threat_summary`` and
    ``threat_deadline`` to ``Status.THREATENED`` (other statuses keep the last threat on
    record, unshown). Returns the new ``StatusChange``, or ``None`` if nothing changed.
    Each pledger is emailed once about the change: the outbox's rows are written in the
    same transaction and sent in the background after commit (a broker outage delays them,
    never loses them).
    """
    if status not in Status.values:
        raise ValueError(f"Unknown status {status!r}")
    if status != Status.TRANSFER:
        transfer_stage = ""
    with transaction.atomic():
        locked = Space.objects.select_for_update().get(pk=space.pk)
        threat = (threat_summary.strip(), threat_deadline)
        unchanged = (
            locked.status == status
            and locked.transfer_stage == transfer_stage
            and (
                status != Status.THREATENED
                or threat == (locked.threat_summary, locked.threat_deadline)
            )
        )
        if unchanged:
            return None
        now = timezone.now()
        previous = locked.status
        locked.status = status
        locked.transfer_stage = transfer_stage
        if status == Status.THREATENED:
            locked.threat_summary, locked.threat_deadline = threat
        locked.status_changed_at = now
        locked.save(update_fields=[*STATUS_FIELDS, "updated_at"])
        change = StatusChange.objects.record(
            space=locked,
            status=status,
            previous_status=previous,
            transfer_stage=transfer_stage,
            note=note.strip(),
            changed_by=by,
            changed_at=now,
        )
        # The pledgers' emails are outbox rows written with the change, so they are never
        # lost: each is sent by its own task after commit, and with the broker down the
        # outbox's sweep queues it again once the broker is back (docs/outbox.md).
        pledgers_notify(change_id=change.pk)
    for field in STATUS_FIELDS:
        setattr(space, field, getattr(locked, field))
    return change


def threat_report(
    *,
    space: Space,
    by,
    what: str,
    evidence: str = "",
    evidence_url: str = "",
    deadline: date | None = None,
) -> ThreatReport:
    """Record member ``by``'s report that ``space`` is under threat, for staff to review.

    Raises ``CannotReport`` unless the space is public and open (or saved), and
    ``AlreadyReported`` if ``by`` already has a report on it awaiting review.
    """
    if not space.can_be_reported():
        raise CannotReport(space)
    with transaction.atomic():
        # Lock the space so two quick submissions by one person make one report.
        Space.objects.select_for_update().filter(pk=space.pk).first()
        if ThreatReport.objects.filter(
            space=space, reported_by=by, state=ThreatState.PENDING
        ).exists():
            raise AlreadyReported(space)
        return ThreatReport.objects.create(
            space=space,
            reported_by=by,
            what=what.strip(),
            evidence=evidence.strip(),
            evidence_url=evidence_url,
            deadline=deadline,
        )


def _review(report: ThreatReport, state: str, by, note: str) -> None:
    report.state = state
    report.reviewed_by = by
    report.reviewed_at = timezone.now()
    report.review_note = note.strip()
    report.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
    reporter = report.reported_by
    if reporter is not None and reporter.email:
        # Keyed by the report: its reporter hears staff's first decision, once.
        enqueue(
            emails.THREAT_OUTCOME,
            str(report.pk),
            to=reporter.email,
            context={"report": report.pk},
        )


def threat_confirm(*, report: ThreatReport, by, note: str = "") -> StatusChange | None:
    """Staff confirm a threat report: the space is marked under threat with its details.

    The space's page then asks for pledges; the reporter and any earlier pledgers are
    emailed after commit.
    """
    with transaction.atomic():
        _review(report, ThreatState.CONFIRMED, by, note)
        return space_status_change(
            space=report.space,
            status=Status.THREATENED,
            by=by,
            note=note or "Threat confirmed by coopcentre staff.",
            threat_summary=report.what,
            threat_deadline=report.deadline,
        )


def threat_dismiss(*, report: ThreatReport, by, note: str) -> None:
    """Staff could not confirm a threat report; the reporter is told why."""
    with transaction.atomic():
        _review(report, ThreatState.DISMISSED, by, note)


def pledge_save(
    *,
    space: Space,
    user,
    time: bool = False,
    skills: bool = False,
    money: bool = False,
    voice: bool = False,
    message: str = "",
    show_name: bool = False,
) -> tuple[Pledge, bool]:
    """Record (or update) ``user``'s pledge to help save ``space``; returns (pledge, created).

    Raises ``PledgesClosed`` unless the space accepts pledges, ``ValueError`` if the
    pledge gives nothing.
    """
    if not space.accepts_pledges():
        raise PledgesClosed(space)
    if not (time or skills or money or voice):
        raise ValueError("A pledge gives time, skills, money or a voice.")
    return Pledge.objects.update_or_create(
        space=space,
        user=user,
        defaults={
            "time": time,
            "skills": skills,
            "money": money,
            "voice": voice,
            "message": message.strip(),
            "show_name": show_name,
        },
    )


def pledge_withdraw(*, space: Space, user) -> bool:
    """Withdraw ``user``'s pledge to ``space``; False if there was none."""
    deleted, _ = Pledge.objects.filter(space=space, user=user).delete()
    return bool(deleted)


def pledgers_notify(*, change_id: int) -> int:
    """Ask the outbox for one email per pledger about a status change; returns how many new.

    Pledges made after the change are not told about it. Safe to run again: each email is
    keyed by (change, pledge), so the outbox keeps one of each.
    """
    change = StatusChange.objects.filter(pk=change_id).first()
    if change is None:
        return 0
    pledges = (
        Pledge.objects.filter(space_id=change.space_id, created_at__lte=change.changed_at)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("pk", "user__email")
        .order_by("pk")
    )
    return enqueue_many(
        emails.PLEDGE_UPDATE,
        [
            {
                "key": emails.pledge_update_key(change_id=change.pk, pledge_id=pledge_id),
                "to": email,
                "context": {"change": change.pk, "pledge": pledge_id},
            }
            for pledge_id, email in pledges
        ],
    )
