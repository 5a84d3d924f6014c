"""Background jobs of the communities app: they take ids and call services.

Emails are sent by the outbox's one task (``core.outbox.tasks``); these only ask for them.
"""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def send_due_checkins() -> int:
    """Daily (Celery beat): create the yearly check-ins that are due and queue their emails."""
    return len(services.checkins_queue_due())
