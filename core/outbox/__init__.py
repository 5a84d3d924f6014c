"""The outbox: every email the site sends (see docs/outbox.md).

Apps register their purposes in ``registry`` and ask for emails with ``enqueue`` or
``enqueue_many``; one task sends each row once, with one retry policy.
"""


def __getattr__(name):
    # Lazy, so that importing core.outbox.registry from an AppConfig works before models load.
    if name in {"enqueue", "enqueue_many"}:
        from . import services

        return getattr(services, name)
    if name in {"OutgoingEmail", "OutgoingStatus"}:
        from . import models

        return getattr(models, name)
    raise AttributeError(name)


__all__ = ["OutgoingEmail", "OutgoingStatus", "enqueue", "enqueue_many"]
