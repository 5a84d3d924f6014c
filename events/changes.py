"""What changed in an event that the people coming need to know, and how to say it.

A change is kept as the kinds of change (``when``, ``where``…), not as sentences: the
email is written when it is sent, in the language of the person it goes to, with the
event as it is then (``events.emails.changed_context``).
"""

from django.utils.translation import gettext

from . import recurrence
from .models import Event

TITLE = "title"
WHEN = "when"
WHERE = "where"
JOINING = "joining"
COST = "cost"
ACCESS = "access"


def _when(event: Event):
    return (
        recurrence.local(event.starts_at),
        recurrence.local(event.ends_at),
        event.recurrence,
        event.repeat_until,
    )


def changed_kinds(old: Event, new: Event) -> list[str]:
    """The kinds of change from ``old`` to ``new`` that attendees are told about, in the
    order the email lists them."""
    changes = {
        TITLE: old.title != new.title,
        WHEN: _when(old) != _when(new),
        WHERE: (old.attendance_mode, old.place_name) != (new.attendance_mode, new.place_name),
        JOINING: (old.join_url, old.join_details) != (new.join_url, new.join_details)
        and new.is_online,
        COST: (old.price, old.price_note) != (new.price, new.price_note),
        ACCESS: old.accessibility_notes != new.accessibility_notes,
    }
    return [kind for kind, changed in changes.items() if changed]


def _where(event: Event) -> str:
    if not event.place_name:
        return gettext("online only")
    if event.attendance_mode == "mixed":
        return gettext("%(place)s, and online") % {"place": event.place_name}
    return event.place_name


def _cost(event: Event) -> str:
    cost = gettext("free") if event.is_free else f"£{event.price:.2f}"
    if event.price_note:
        return f"{cost} ({event.price_note})"
    return cost


def change_lines(event: Event, kinds: list[str]) -> list[str]:
    """One sentence per kind of change, saying what ``event`` is now, in the active
    language. Kinds it does not know are left out."""
    lines = {
        TITLE: lambda: gettext("It is now called “%(title)s”.") % {"title": event.title},
        WHEN: lambda: gettext("When: %(when)s.") % {"when": recurrence.when_text(event)},
        WHERE: lambda: gettext("Where: %(where)s.") % {"where": _where(event)},
        JOINING: lambda: gettext(
            "How to join online has changed (see below, or on the event page)."
        ),
        COST: lambda: gettext("Cost: %(cost)s.") % {"cost": _cost(event)},
        ACCESS: lambda: gettext("The accessibility information has been updated."),
    }
    return [lines[kind]() for kind in kinds if kind in lines]
