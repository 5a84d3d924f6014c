"""Helpers for tests that look at the outbox (``core.outbox``) after a real worker sent."""

import time

from core.outbox.models import OutgoingEmail


def settled(timeout: float = 15.0, **filters):
    """The outbox rows matching ``filters`` once none is queued or sending any more.

    A real worker marks a row sent just after the mail server's answer, so a test that saw
    the message arrive waits here before it looks at the rows.
    """
    rows = OutgoingEmail.objects.filter(**filters)
    deadline = time.monotonic() + timeout
    while rows.filter(status__in=["queued", "sending"]).exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"outbox rows still unsent after {timeout}s: {list(rows)}")
        time.sleep(0.1)
    return rows
