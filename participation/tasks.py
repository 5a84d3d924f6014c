from celery import shared_task

from .services import digests_send


@shared_task
def send_weekly_digests() -> int:
    """Beat runs this on Monday mornings: one digest per member who chose it."""
    return digests_send()
