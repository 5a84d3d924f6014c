"""What each purpose of email needs at send time: its template and its context hook.

Apps register their purposes when Django starts (in ``AppConfig.ready()``, usually by
importing ``<app>/emails.py``)::

    from core.outbox import registry

    registry.register(
        "events.rsvp-confirmed",
        template="events/emails/rsvp-confirmed",
        context=rsvp_confirmed_context,
        label="RSVP confirmed",
    )

``context(row)`` turns the JSON stored on the row into the template's context (loading rows
by id) and returns None when the email went stale: the row becomes ``skipped``, nothing is
sent. Without a hook the stored JSON is the context. ``headers(context)`` may add headers
(List-Unsubscribe…). A purpose sent in bulk (a campaign) also gives ``batch``: see
``core.outbox.batch.BatchSpec``. ``attachments(row, context)`` may return files to attach
as ``(filename, content, mimetype)`` tuples (an event's calendar file).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Purpose:
    name: str
    template: str
    context: Callable[[Any], dict | None] | None = None
    label: str = ""
    headers: Callable[[dict], dict] | None = None
    batch: Any = None
    private: bool = False
    attachments: Callable[[Any, dict], list[tuple[str, bytes | str, str]]] | None = None

    def render_context(self, row) -> dict | None:
        """The template context for ``row``, or None if the email went stale."""
        if self.context is None:
            return dict(row.context)
        return self.context(row)


_purposes: dict[str, Purpose] = {}


def register(
    purpose: str,
    *,
    template: str,
    context: Callable[[Any], dict | None] | None = None,
    label: str = "",
    headers: Callable[[dict], dict] | None = None,
    batch: Any = None,
    private: bool = False,
    attachments: Callable[[Any, dict], list[tuple[str, bytes | str, str]]] | None = None,
) -> Purpose:
    """Declare a purpose. ``purpose`` is ``<app>.<name>``; ``<app>.*`` covers a family whose
    names are only known at send time (allauth's emails). Registering again replaces.

    ``private``: the stored context holds secrets (a sign-in or password link); the admin
    does not show it and it is emptied once the email is sent or skipped."""
    if "." not in purpose:
        raise ValueError(f"purpose {purpose!r} should read '<app>.<name>'")
    entry = Purpose(
        name=purpose,
        template=template,
        context=context,
        label=label or purpose,
        headers=headers,
        batch=batch,
        private=private,
        attachments=attachments,
    )
    _purposes[purpose] = entry
    return entry


def get(purpose: str) -> Purpose:
    """The registered purpose (or its ``<app>.*`` family); LookupError if nobody registered it."""
    entry = _purposes.get(purpose) or _purposes.get(purpose.split(".", 1)[0] + ".*")
    if entry is None:
        raise LookupError(
            f"no email purpose {purpose!r} is registered; call core.outbox.registry.register() "
            "in the app's AppConfig.ready()"
        )
    return entry


def purposes() -> list[Purpose]:
    """Every registered purpose, sorted by name (the admin's filter, the render-all test)."""
    return sorted(_purposes.values(), key=lambda entry: entry.name)
