"""Background jobs of the spaces app: they take ids and call services.

Emails are sent by the outbox's one task (``core.outbox.tasks``); these only ask for them.
"""

from celery import shared_task

from .services import status


@shared_task(acks_late=True)
def notify_pledgers(change_id: int) -> int:
    """Queue one email per pledger about a status change; returns how many were new.

    A status change writes its emails itself now (``space_status_change``); this task
    stays for tasks queued before that, and to run the fan-out again (it is idempotent).
    """
    return status.pledgers_notify(change_id=change_id)
