"""Background jobs of the events app: they take ids and call services.

Emails are sent by the outbox's one task (``core.outbox.tasks``); these only ask for them.
"""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def send_event_reminders() -> int:
    """Hourly: queue the day-before reminders for tomorrow's dates (each sent once)."""
    return services.reminders_queue()


@shared_task(acks_late=True)
def extend_event_schedules() -> int:
    """Nightly: list regular activities' dates a year ahead as time moves on."""
    return services.event_schedules_extend()


@shared_task(acks_late=True)
def move_next_dates() -> int:
    """Every minute: move on each event's next date once that date is over."""
    return services.next_dates_move()
