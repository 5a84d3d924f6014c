"""axe-core on the main page of every app, with the demo community loaded.

Every page is checked in the light and the dark colour scheme: Pico follows the phone's
setting, and contrast that passes in one can fail in the other.
"""

import pytest
from django.utils import translation

from tests.demo_db import load_demo_community

# One test process runs every module that needs the demo (tests/demo_db.py loads it once).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo")]


def _demo_pages() -> list[str]:
    from communities.models import Group, Guide, Pioneer
    from events.models import Event
    from spaces.models import Space

    load_demo_community()
    event = Event.objects.approved().order_by("pk").first()
    space = Space.objects.approved().order_by("pk").first()
    group = Group.objects.approved().order_by("pk").first()
    # The English paths (the Welsh test prefixes /cy), whichever language the live server's
    # last request left active in this process.
    with translation.override("en-gb"):
        return [
            "/events/",
            event.get_absolute_url(),
            "/spaces/",
            space.get_absolute_url(),
            "/help/",
            "/communities/",
            group.get_absolute_url(),
            "/near/?postcode=M1%201AE",
            "/accounts/login/",
            "/accounts/signup/",
            # Staff-written guide text (Markdown) and a Member Pioneer's contact form.
            Guide.objects.published().order_by("pk").first().get_absolute_url(),
            Pioneer.objects.order_by("pk").first().get_contact_url(),
        ]


MORE_LISTINGS = [
    "/",
    # Its postcode box once pushed the page sideways on a phone; the crawl never came here.
    "/wellbeing/",
    "/events/online/",
    "/spaces/endangered/",
    "/help/schemes/",
    "/communities/guides/",
    "/about/data/",
]


def axe_reports(page, urls, *, statuses=(200,)) -> dict[str, str]:
    """{"url (scheme)": axe report} for every page with a violation, light and dark, or
    wider than the phone."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    reports = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for url in urls:
            response = page.goto(url)
            assert response.status in statuses, url
            assert page.url == page.base_url + url, f"{url} redirected to {page.url}"
            results = axe.run(page)
            if results.violations_count:
                reports[f"{url} ({scheme})"] = results.generate_report()
            if problem := too_wide(page):
                reports[f"{url} ({scheme})"] = problem
    return reports


# A control that runs off its group (a postcode box's button) is cut off inside a card
# that clips, and then the page itself is no wider: measure the groups too.
WIDTHS = """() => [
  document.documentElement.scrollWidth,
  window.innerWidth,
  [...document.querySelectorAll('[role=group]')].flatMap((group) => {
    const edge = group.getBoundingClientRect().right + 0.5;
    return [...group.children]
      .filter((child) => child.getBoundingClientRect().right > edge)
      .map((child) => child.textContent.trim() || child.name);
  }),
]"""


def too_wide(page) -> str:
    """What is wider than the phone: the page (wide tables scroll on their own, so they
    don't count), or a control running off the edge of its group; "" when nothing is."""
    scroll, width, cut_off = page.evaluate(WIDTHS)
    if scroll > width:
        return f"the page is {scroll}px wide on a {width}px phone"
    if cut_off:
        return f"runs off the edge of its box: {', '.join(cut_off)}"
    return ""


def summary(reports: dict[str, str]) -> str:
    return "\n\n".join(f"== {url}\n{report}" for url, report in reports.items())


def test_the_main_page_of_each_app_passes_axe(page):
    reports = axe_reports(page, _demo_pages()[:-1] + MORE_LISTINGS)
    assert not reports, summary(reports)


def test_forms_and_member_pages_pass_axe_signed_in_and_with_errors_shown(page, login_page):
    from django.contrib.auth import get_user_model

    from core.demo import DEMO_PASSWORD

    pages = _demo_pages()
    login_page(get_user_model().objects.get(email="demo@coopcentre.localhost"), DEMO_PASSWORD)
    assert "/accounts/login/" not in page.url, "the demo member should be signed in"
    urls = [
        pages[1],  # an event, with the RSVP form
        pages[3],  # a space, with the pledge form
        pages[6],  # a group, with the join form
        pages[-1],  # a Member Pioneer's contact form
        "/events/new/",
        "/events/yours/",
        "/spaces/new/",
        "/spaces/mine/",
        "/help/need/",
        "/help/offer/",
        "/help/mine/",
        "/communities/new/",
        "/communities/mine/",
        "/accounts/profile/",
        # Bad input: the error summary and the invalid fields.
        "/events/?postcode=ZZ&km=abc",
        "/spaces/?postcode=GY1%201AA",
        "/communities/?postcode=BFPO%201",
        "/near/?postcode=ZZ",
        "/wellbeing/?postcode=ZZ",
    ]
    reports = axe_reports(page, urls, statuses=(200, 400))
    assert not reports, summary(reports)


def test_staff_pages_pass_axe(page, login_page):
    from django.contrib.auth import get_user_model

    from core.demo import DEMO_PASSWORD

    group = _demo_pages()[6]
    login_page(get_user_model().objects.get(email="staff@coopcentre.localhost"), DEMO_PASSWORD)
    urls = ["/communities/deserts/", "/communities/audit/?postcode=M1%201AE&km=5"]
    reports = axe_reports(page, [*urls, f"{group}members/"])
    assert not reports, summary(reports)


def test_the_welsh_pages_pass_axe(page):
    """The same pages in Welsh (longer words, other labels): still no violation."""
    urls = [f"/cy{url}" for url in _demo_pages()[:-1] + MORE_LISTINGS]
    reports = axe_reports(page, urls)
    assert not reports, summary(reports)
