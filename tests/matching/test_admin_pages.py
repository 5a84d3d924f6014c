"""Every matching admin page opens for staff (lists, add and change pages)."""

import pytest

from matching.models import MatchEvent, MatchReport, MatchRun
from matching.services.notifications import introduction_notices, notifications_queue

from .factories import CampaignFactory, IntroductionFactory, SchemeFactory, SkillTopicFactory
from .helpers import page_text

pytestmark = pytest.mark.django_db

MODELS = [
    "helpkind",
    "skilltopic",
    "need",
    "offer",
    "supportscheme",
    "match",
    "matchreport",
    "matchrun",
    "campaign",
]


@pytest.fixture
def some_of_everything(kinds, staff):
    intro = IntroductionFactory()
    MatchEvent.objects.create(match=intro, action=MatchEvent.Action.CREATED)
    MatchReport.objects.create(match=intro, reporter=staff, side="need", reason="other")
    MatchRun.objects.create(trigger=MatchRun.Trigger.NIGHTLY)
    SchemeFactory(kinds=[kinds["shopping"]])
    CampaignFactory()
    SkillTopicFactory()
    notifications_queue(introduction_notices(intro), source=f"match:{intro.pk}")
    return intro


@pytest.mark.parametrize("model", MODELS)
def test_lists_and_pages_open(staff_client, some_of_everything, model):
    listing = staff_client.get(f"/admin/matching/{model}/")
    assert listing.status_code == 200
    first = listing.context["cl"].result_list[0]
    assert staff_client.get(f"/admin/matching/{model}/{first.pk}/change/").status_code == 200


@pytest.mark.parametrize("model", ["helpkind", "skilltopic", "supportscheme", "campaign"])
def test_add_pages_open(staff_client, model):
    assert staff_client.get(f"/admin/matching/{model}/add/").status_code == 200


def test_the_admin_index_links_the_figures(staff_client):
    assert "/admin/matching/figures/" in page_text(staff_client.get("/admin/"))


def test_a_matchs_page_lists_its_emails_with_links_to_the_outbox(staff_client, some_of_everything):
    from core.outbox.models import OutgoingEmail

    intro = some_of_everything
    page = page_text(staff_client.get(f"/admin/matching/match/{intro.pk}/change/"))
    rows = OutgoingEmail.objects.all()
    assert rows.count() == 2
    for row in rows:
        assert f'<a href="/admin/core/outgoingemail/{row.pk}/change/">{row.purpose}</a>' in page
        assert f"to {row.to}: Queued" in page
