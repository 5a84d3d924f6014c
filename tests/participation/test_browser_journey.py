"""In a real browser at phone width: read a process, answer the census, comment on a piece,
support a proposal; axe finds no violation on any page (light and dark), nor anything wider
than the phone."""

import pytest

from participation.models import PanelMember
from participation.services import phase_activate
from tests.core.test_browser_axe import axe_reports, summary
from tests.factories import UserFactory

from .factories import PhaseFactory, PostFactory, ProcessFactory, ProposalFactory, SurveyFactory
from .factories import census as census_questions

pytestmark = pytest.mark.browser


def _process():
    process = ProcessFactory(title="A strategy for co-ops", slug="strategy")
    phase_activate(phase=PhaseFactory(process=process, title="Listening", order=0))
    PhaseFactory(process=process, title="Drafting", order=1)
    PanelMember.objects.create(process=process, name="Gwen", role="Chair", organisation="Aber")
    piece = PostFactory(process=process, title="Seats at the table")
    proposal = ProposalFactory(process=process, title="A development fund")
    survey = SurveyFactory(process=process, title="The co-op census", slug="census")
    census_questions(survey)
    return process, piece, proposal, survey


def test_read_answer_the_census_comment_and_support_at_phone_width(page, login_page):
    process, piece, proposal, survey = _process()
    login_page(UserFactory(display_name="Pat"))
    visited = []

    page.goto(process.get_absolute_url())
    visited.append(process.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "A strategy for co-ops"
    page.get_by_role("link", name="The co-op census", exact=True).click()
    page.wait_for_url(f"**{survey.get_absolute_url()}")
    visited.append(survey.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "The co-op census"
    assert page.locator("html").get_attribute("lang") == "en-GB"
    page.get_by_label("Housing").check()
    page.get_by_label("How many members?").fill("42")
    page.get_by_label("Finance").check()
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    assert "your answers are saved" in page.get_by_role("status").first.inner_text()

    page.goto(piece.get_absolute_url())
    visited.append(piece.get_absolute_url())
    page.get_by_label("Your comment").fill("Small co-ops carry the movement.")
    page.get_by_role("button", name="Publish the comment").click()
    page.wait_for_load_state()
    assert "Small co-ops carry the movement." in page.content()

    page.goto(proposal.get_absolute_url())
    visited.append(proposal.get_absolute_url())
    page.get_by_role("button", name="Support this proposal").click()
    page.wait_for_load_state()
    assert "1 supporter" in page.content()

    more = [
        "/have-your-say/",
        "/have-your-say/strategy/blog/",
        "/have-your-say/strategy/proposals/",
        "/have-your-say/settings/",
        "/have-your-say/strategy/blog/new/",
        "/have-your-say/strategy/proposals/new/",
        f"{survey.get_absolute_url()}results/",
    ]
    reports = axe_reports(page, visited + more)
    assert reports == {}, summary(reports)
