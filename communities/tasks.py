"""Background jobs of the communities app: they take ids and call services."""

import smtplib

from celery import shared_task

from . import services

RETRY = {
    "acks_late": True,
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 900,
    "max_retries": 8,
}


@shared_task(acks_late=True)
def send_due_checkins() -> int:
    """Daily (Celery beat): create the yearly check-ins that are due and queue their emails."""
    return len(services.checkins_queue_due())


@shared_task(**RETRY)
def send_checkin_email(checkin_email_id: int) -> bool:
    """Email one organiser their community's yearly check-in (at most once)."""
    return services.checkin_email_send(checkin_email_id=checkin_email_id)


@shared_task(**RETRY)
def send_claim_decision_email(claim_id: int) -> bool:
    """Tell a claimant whether staff confirmed their claim (at most once)."""
    return services.claim_email_send(claim_id=claim_id)


@shared_task(**RETRY)
def send_pioneer_message(message_id: int) -> bool:
    """Relay a message to or from a Member Pioneer by email (at most once)."""
    return services.pioneer_message_email_send(message_id=message_id)
