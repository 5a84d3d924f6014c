"""Panel slots: how a page of one app shows what apps above it know, without importing them.

Imports run one way (docs/layers.md): spaces cannot import events, yet a space's page lists the
events held there. So the page names a slot and leaves it open, and the apps that may read
spaces fill it:

- the page's template has ``{% load panels %}{% panels "space-detail" space=space %}``;
- the events app, in ``EventsConfig.ready()``, calls
  ``panels.register("space-detail", space_events_panel, order=10)``;
- ``space_events_panel(request, space)`` reads the events app's selectors and returns HTML
  (usually ``render_to_string`` of a template in its own app), or ``""`` to show nothing.

Panels render in ``order``, then in the order they were registered. A slot nobody fills renders
nothing, so a page works whichever apps are installed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

PanelFunction = Callable[..., str]


@dataclass(frozen=True)
class Panel:
    slot: str
    function: PanelFunction
    order: int

    @property
    def key(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}"


_slots: dict[str, dict[str, Panel]] = {}


def register(slot: str, function: PanelFunction, *, order: int = 0) -> None:
    """Show ``function(request=..., **context)`` in ``slot`` on every page that has it.

    ``slot`` is a name such as ``"space-detail"`` (see the list in docs/layers.md); the
    function is called with the page's request and the keyword arguments the page passes to
    ``{% panels %}``, and returns HTML (escaped unless marked safe) or ``""``. Registering the
    same function twice (``ready()`` runs again in some test set-ups) keeps one entry.
    """
    panel = Panel(slot=slot, function=function, order=order)
    _slots.setdefault(slot, {})[panel.key] = panel


def panels_for(slot: str) -> list[Panel]:
    """The panels registered for ``slot``, in the order they render."""
    registered = list(_slots.get(slot, {}).values())
    # Sorting is stable: equal orders keep their registration order.
    return sorted(registered, key=lambda panel: panel.order)


def render_panels(slot: str, *, request=None, **context) -> SafeString:
    """The HTML of every panel of ``slot``, one after another."""
    parts = []
    for panel in panels_for(slot):
        html = panel.function(request=request, **context)
        if html:
            parts.append(conditional_escape(html))
    return mark_safe("\n".join(parts))  # noqa: S308 (each part is escaped or already safe)
