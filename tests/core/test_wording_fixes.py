"""Small things a first-time member or moderator tripped over (issue 12, item 10)."""

import re

import pytest
from django.contrib.staticfiles import finders

from spaces.models import Space

pytestmark = pytest.mark.django_db


def test_every_page_links_a_favicon_that_exists(client):
    html = client.get("/").content.decode()
    href = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    assert href.endswith("/favicon.svg")
    assert finders.find("favicon.svg")


def test_the_admin_has_one_accounts_section_and_one_members_section(staff_client):
    html = staff_client.get("/admin/").content.decode()
    captions = re.findall(r"<caption>\s*<a [^>]*>([^<]+)</a>", html)
    assert captions.count("Accounts") == 1
    assert "Members" in captions


def test_rejecting_one_listing_asks_in_the_singular(staff_client, member):
    space = Space.objects.create(name="Hall", slug="hall", submitted_by=member)
    response = staff_client.post(
        "/admin/spaces/space/", {"action": "reject_selected", "_selected_action": [space.pk]}
    )
    html = response.content.decode()
    assert "Reject this listing? Its submitter is emailed the reason." in html
    assert "these 1" not in html


def test_the_photos_of_spaces_admin_says_photos_of_spaces(staff_client):
    html = staff_client.get("/admin/").content.decode()
    assert "Photos of spaces" in html
    assert "Photo of a spaces" not in html
