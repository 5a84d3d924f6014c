"""Panel slots (core/panels.py): a page shows what apps above it register for its slot."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.html import format_html

from core import panels


@pytest.fixture
def slot():
    """A slot of its own for each test, forgotten afterwards."""
    name = "test-slot"
    yield name
    panels._slots.pop(name, None)


def second(*, request, thing):
    return format_html("<p>second {}</p>", thing)


def first(*, request, thing):
    return format_html("<p>first {}</p>", thing)


def nothing(*, request, thing):
    return ""


def unsafe(*, request, thing):
    return "<script>alert(1)</script>"


def render(slot, **context):
    template = Template("{% load panels %}{% panels slot thing=thing %}")
    request = RequestFactory().get("/")
    return template.render(Context({"slot": slot, "request": request, **context}))


def test_panels_render_in_their_order_then_in_registration_order(slot):
    panels.register(slot, second, order=20)
    panels.register(slot, first, order=10)
    panels.register(slot, nothing, order=10)

    html = render(slot, thing="<x>")

    assert html == "<p>first &lt;x&gt;</p>\n<p>second &lt;x&gt;</p>"


def test_registering_the_same_panel_again_keeps_one(slot):
    panels.register(slot, first)
    panels.register(slot, first)

    assert render(slot, thing="x") == "<p>first x</p>"


def test_a_slot_nobody_fills_renders_nothing(slot):
    assert render(slot, thing="x") == ""


def test_a_panel_that_returns_a_plain_string_is_escaped(slot):
    panels.register(slot, unsafe)

    assert render(slot, thing="x") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_the_apps_fill_the_slots_of_the_pages_below_them():
    def keys(slot):
        return [panel.key for panel in panels.panels_for(slot)]

    assert keys("space-detail") == [
        "events.panels.space_events_panel",
        "communities.panels.space_groups_panel",
    ]
    assert keys("group-detail") == ["events.panels.group_events_panel"]
    assert keys("wellbeing-postcode") == ["portal.panels.wellbeing_nearby_panel"]
