"""Background jobs of the spaces app: they take ids and call services; retries live here."""

import smtplib

from celery import shared_task

from .services import status

RETRY = {
    "acks_late": True,
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 900,
    "max_retries": 8,
}


@shared_task(**RETRY)
def notify_pledgers(change_id: int) -> int:
    """Fan a status change out to one email task per pledger; returns how many were queued."""
    notice_ids = status.pledgers_notify(change_id=change_id)
    for notice_id in notice_ids:
        send_pledge_notice.delay(notice_id)
    return len(notice_ids)


@shared_task(**RETRY)
def send_pledge_notice(notice_id: int) -> bool:
    """Email one pledger about one status change (at most once)."""
    return status.pledge_notice_send(notice_id=notice_id)


@shared_task(**RETRY)
def send_threat_outcome(report_id: int) -> bool:
    """Tell a threat's reporter what staff decided (at most once)."""
    return status.threat_outcome_send(report_id=report_id)
