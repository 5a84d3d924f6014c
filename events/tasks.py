"""Background jobs of the events app: they take ids and call services."""

import smtplib

from celery import shared_task

from . import services


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=900,
    max_retries=8,
)
def send_event_notice(notice_id: int) -> bool:
    """Email one ``EventNotice`` (confirmation, reminder, change…); at most once."""
    return services.notice_send(notice_id=notice_id)


@shared_task(acks_late=True)
def send_event_reminders() -> int:
    """Hourly: queue the day-before reminders for tomorrow's dates (each sent once)."""
    return services.reminders_queue()


@shared_task(acks_late=True)
def extend_event_schedules() -> int:
    """Nightly: list regular activities' dates a year ahead as time moves on."""
    return services.event_schedules_extend()
