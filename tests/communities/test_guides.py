import pytest

from communities.markdown import markdown_to_html
from communities.models import Guide

from .factories import GuideFactory

pytestmark = pytest.mark.django_db


def test_markdown_headings_start_at_h2_and_skip_no_level():
    assert markdown_to_html("## A\n\n### B\n\n#### C") == "<h2>A</h2>\n<h3>B</h3>\n<h4>C</h4>"
    assert markdown_to_html("# A\n\n## B") == "<h2>A</h2>\n<h3>B</h3>"
    assert markdown_to_html("### A\n\n###### B") == "<h2>A</h2>\n<h5>B</h5>"
    assert markdown_to_html("# A\n\n###### B") == "<h2>A</h2>\n<h6>B</h6>"


def test_markdown_is_rendered_and_cleaned():
    html = markdown_to_html(
        "# Title\n\n**Bold** [ok](https://example.org) [bad](javascript:alert(1))\n\n"
        "<script>alert(1)</script><img src=x onerror=alert(1)>\n\n"
        '<a href="https://x.org" onclick="steal()" style="color:red">x</a>\n\n'
        "| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h2>Title</h2>" in html  # the page's title is the only h1
    assert "<strong>Bold</strong>" in html
    assert 'href="https://example.org"' in html
    assert "javascript:" not in html
    assert "<script" not in html and "alert(1)</" not in html
    assert "onerror" not in html and "onclick" not in html and "style=" not in html
    assert "<table>" in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_guides_are_listed_and_searchable(client):
    GuideFactory(
        title="Door knocking", summary="Meet your neighbours", body="Knock, smile, listen."
    )
    GuideFactory(title="Running a street party", body="Apply for a road closure.")
    GuideFactory(title="Unfinished", is_published=False)
    response = client.get("/communities/guides/")
    titles = [g.title for g in response.context["object_list"]]
    assert titles == ["Door knocking", "Running a street party"]
    assert "Unfinished" not in response.content.decode()
    found = client.get("/communities/guides/", {"q": "road closure"})
    assert [g.title for g in found.context["object_list"]] == ["Running a street party"]
    assert client.get("/communities/guides/", {"step": "9"}).status_code == 400


def test_a_guide_page_shows_the_safe_html(client):
    guide = GuideFactory(
        title="Risk assessment for an event", body="## Hazards\n\n<script>x()</script>Trip hazards."
    )
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "<h1>Risk assessment for an event</h1>" in html
    assert "<h2>Hazards</h2>" in html  # the text's top level sits under the page's h1
    assert "<script>x()" not in html
    assert "Trip hazards." in html


def test_unpublished_guides_are_for_staff_only(client, staff_client):
    guide = GuideFactory(is_published=False)
    assert client.get(guide.get_absolute_url()).status_code == 404
    response = staff_client.get(guide.get_absolute_url())
    assert response.status_code == 200
    assert "Not published" in response.content.decode()


def test_staff_write_a_guide_in_the_admin(staff_client, staff):
    response = staff_client.post(
        "/admin/communities/guide/add/",
        {
            "title": "Forming an action group",
            "slug": "forming-an-action-group",
            "summary": "Bring people together.",
            "body": "## Who\n\nStart with *three* people.",
            "tags": "organising",
            "step": "1",
            "order": "0",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    guide = Guide.objects.get()
    assert guide.created_by == staff
    assert guide.body_html.startswith("<h2>Who</h2>")
    change = staff_client.get(f"/admin/communities/guide/{guide.pk}/change/").content.decode()
    assert "<em>three</em>" in change  # the preview
    steps = staff_client.get("/communities/register/").content.decode()
    assert 'href="/communities/guides/forming-an-action-group/"' in steps


def test_the_guide_list_has_a_constant_number_of_queries(client, django_assert_num_queries):
    GuideFactory.create_batch(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get("/communities/guides/")
    GuideFactory.create_batch(20)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(client.get("/communities/guides/").context["object_list"]) == 23
