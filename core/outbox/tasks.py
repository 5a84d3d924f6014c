"""The outbox's Celery tasks: they take ids and call the services."""

from celery import shared_task


@shared_task(acks_late=True)
def send_email(pk: int) -> str:
    """Send one outgoing email once; the row holds the retry policy (see services)."""
    from .services import outgoing_send

    return outgoing_send(pk=pk)


@shared_task(acks_late=True)
def sweep_outbox() -> dict:
    """Re-queue lost single emails and flag ones a killed worker left ``sending``."""
    from .services import outbox_sweep

    return outbox_sweep()
