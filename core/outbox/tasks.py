"""The outbox's Celery tasks: they take ids and call the services."""

import smtplib

from celery import shared_task
from django.conf import settings


@shared_task(acks_late=True)
def send_email(pk: int) -> str:
    """Send one outgoing email once; the row holds the retry policy (see services)."""
    from .services import outgoing_send

    return outgoing_send(pk=pk)


@shared_task(bind=True, acks_late=True)
def send_batch(self, batch: str) -> dict:
    """Send a batch (a campaign) for up to half a minute, then queue itself again if rows
    remain. With the mail server away it tries again later, on the one retry policy."""
    from .batch import batch_send
    from .services import retry_delay

    try:
        report = batch_send(batch=batch)
    except (smtplib.SMTPException, OSError) as error:
        raise self.retry(
            exc=error,
            countdown=retry_delay(self.request.retries + 1),
            max_retries=settings.OUTBOX_MAX_ATTEMPTS,
        ) from error
    if report.more:
        send_batch.delay(batch)
    return report.__dict__


@shared_task(acks_late=True)
def sweep_outbox() -> dict:
    """Re-queue lost single emails and flag ones a killed worker left ``sending``."""
    from .services import outbox_sweep

    return outbox_sweep()
