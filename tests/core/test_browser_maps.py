"""Every map's zoom buttons sit inside their box (measured by element geometry), at phone
and desktop width: the CSS framework styles ``[role=button]`` links, Leaflet's zoom
buttons among them, and once pushed them out of their 30 px box."""

import pytest

from tests.demo_db import load_demo_community

# One test process runs every module that needs the demo (tests/demo_db.py loads it once).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo")]

# Each control's box and its two buttons, and the map they belong to.
GEOMETRY = """
() => [...document.querySelectorAll('.leaflet-container')].map((map) => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
            width: r.width, height: r.height}; };
  const zoom = map.querySelector('.leaflet-control-zoom');
  return {
    map: box(map),
    control: box(zoom),
    buttons: [...zoom.querySelectorAll('a')].map(box),
  };
})
"""


def _map_pages() -> list[str]:
    from communities.models import Group
    from events.models import Event
    from spaces.models import Space

    load_demo_community()
    event = Event.objects.approved().filter(latitude__isnull=False).order_by("pk").first()
    space = Space.objects.approved().order_by("pk").first()
    group = Group.objects.approved().filter(latitude__isnull=False).order_by("pk").first()
    return [
        "/events/?postcode=M1+1AE&km=100",
        event.get_absolute_url(),
        "/spaces/",
        space.get_absolute_url(),
        "/spaces/endangered/",
        "/communities/",
        group.get_absolute_url(),
    ]


def _inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (
        inner["left"] >= outer["left"] - slack
        and inner["top"] >= outer["top"] - slack
        and inner["right"] <= outer["right"] + slack
        and inner["bottom"] <= outer["bottom"] + slack
    )


def test_the_zoom_buttons_sit_inside_their_box_on_every_map(page):
    urls = _map_pages()
    problems = []
    checked = 0
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            page.goto(url)
            page.wait_for_selector(".leaflet-control-zoom-in", state="attached")
            for found in page.evaluate(GEOMETRY):
                control, buttons = found["control"], found["buttons"]
                checked += 1
                if len(buttons) != 2:
                    problems.append(f"{url} @{width}: {len(buttons)} zoom buttons")
                if not _inside(control, found["map"]):
                    problems.append(f"{url} @{width}: the zoom box leaves the map {control}")
                for button in buttons:
                    if not _inside(button, control):
                        problems.append(f"{url} @{width}: a button leaves its box {button}")
                    if not (26 <= button["width"] <= 34 and 26 <= button["height"] <= 34):
                        problems.append(f"{url} @{width}: a button is {button}")
    assert checked >= 2 * len(urls), "every page should have drawn its map at both widths"
    assert not problems, "\n".join(problems)
