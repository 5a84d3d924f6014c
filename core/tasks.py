from celery import shared_task

# The outbox's tasks live in core/outbox/tasks.py; importing them here lets Celery's
# autodiscovery (which looks for <app>.tasks) register them.
from .moderation_queue.tasks import send_moderation_digest  # noqa: F401
from .outbox.tasks import send_email, sweep_outbox  # noqa: F401


@shared_task(acks_late=True)
def ping(marker: str) -> str:
    """A task with a visible effect in the cache; used to check that a worker is alive."""
    from django.core.cache import cache

    cache.set(f"ping:{marker}", "pong", 300)
    return marker
