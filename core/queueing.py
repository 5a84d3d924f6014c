"""Queueing a Celery task from a request without letting a broker outage fail it.

A member's submission is saved before its tasks are queued (``transaction.on_commit``),
so when the broker is down the right answer is the page that says it is saved, not a 500
after the fact. ``queue`` logs the outage and returns False; what the task would have done
is picked up when the broker is back: the outbox's sweep re-queues every email still
``queued`` (``core.outbox.services.outbox_sweep``, every minute), nightly matching matches
every open need.
"""

import logging

from kombu.exceptions import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
BROKER_ERRORS = (OperationalError, RedisConnectionError, RedisTimeoutError, OSError)


def queue(task, *args, countdown: float = 0, **kwargs) -> bool:
    """Queue ``task(*args, **kwargs)``; False (logged, not raised) when the broker is
    unreachable."""
    try:
        if countdown > 0:
            task.apply_async(args, kwargs, countdown=countdown)
        else:
            task.apply_async(args, kwargs)
    except (*BROKER_ERRORS, RuntimeError) as error:
        # Celery's Redis result backend, unable to subscribe to the task's result, raises
        # a RuntimeError caused by the connection error: that is the same outage.
        if isinstance(error, RuntimeError) and not isinstance(error.__cause__, BROKER_ERRORS):
            raise
        logger.warning(
            "Could not queue %s%r: the broker is unavailable (%s).", task.name, args, error
        )
        return False
    return True
