"""The moderation queue: every kind awaiting a decision in one staff page, oldest first."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.models import ClaimStatus, Membership
from core import moderation_queue
from core.models import ModerationStatus
from events.models import Event
from matching.models import MatchStatus
from spaces.models import Space, ThreatState

from .moderation_items import KINDS_IN_ORDER, one_of_each

pytestmark = pytest.mark.django_db
QUEUE = "/admin/moderation/"


@pytest.fixture(autouse=True)
def _fast_passwords_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def queue_text(response) -> str:
    return response.content.decode()


def shown_kinds(response) -> list[str]:
    return re.findall(r'name="kind" value="([^"]+)"', queue_text(response))


def queries_for(client, url) -> int:
    """Queries for ``url`` once the member's session and account are cached (the first
    request of a session reads them from the database)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_every_app_registers_what_it_moderates():
    assert [kind.key for kind in moderation_queue.kinds()] == sorted(KINDS_IN_ORDER)


def test_it_shows_one_pending_item_of_every_kind_once_oldest_first(staff_client, member):
    items = one_of_each(member)
    response = staff_client.get(QUEUE)
    assert response.status_code == 200
    assert shown_kinds(response) == KINDS_IN_ORDER
    text = queue_text(response)
    assert f"{len(KINDS_IN_ORDER)} items await a decision, oldest first." in text
    assert "Waiting Hall" in text and "Waiting Tea Dance" in text and "I chair it." in text
    # Each item links to its own admin page.
    assert f'href="/admin/events/event/{items["events.event"].pk}/change/"' in text
    assert (
        f'href="/admin/communities/groupclaim/{items["communities.groupclaim"].pk}/change/"' in text
    )


def test_decided_items_are_not_in_the_queue(staff_client, member):
    items = one_of_each(member)
    Space.objects.filter(pk=items["spaces.space"].pk).update(moderation_status="approved")
    assert "spaces.space" not in shown_kinds(staff_client.get(QUEUE))


def test_its_queries_do_not_grow_with_the_items(staff_client, member):
    one_of_each(member)
    few = queries_for(staff_client, QUEUE)
    one_of_each(member, tag=" 2")
    one_of_each(member, tag=" 3")
    assert queries_for(staff_client, QUEUE) == few
    # Counts (1) + the page (1) + one load per kind on the page, and the admin's own.
    assert few <= len(KINDS_IN_ORDER) + 2 + 6


def test_thousands_waiting_are_paged_fifty_at_a_time(staff_client, member):
    Space.objects.bulk_create(
        Space(name=f"Hall {n}", name_key=f"hall {n}", slug=f"hall-{n}", submitted_by=member)
        for n in range(2_345)
    )
    first = queries_for(staff_client, QUEUE)
    response = staff_client.get(QUEUE)
    assert "2345 items await a decision" in queue_text(response)
    assert len(shown_kinds(response)) == 50
    assert "Page 1 of 47" in queue_text(response)
    last = staff_client.get(QUEUE + "?page=99999999999999999999")
    assert last.status_code == 200
    assert len(shown_kinds(last)) == 2_345 - 46 * 50
    assert queries_for(staff_client, QUEUE + "?page=20") == first
    assert staff_client.get(QUEUE + "?page=abc").status_code == 200


def decide(client, item, kind, decision, note="", page=""):
    return client.post(
        QUEUE + "decide/",
        {"kind": kind, "item": item.pk, "decision": decision, "note": note, "page": page},
    )


def test_approving_from_the_queue_goes_through_the_app_and_emails_the_submitter(
    staff_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    items = one_of_each(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(staff_client, items["events.event"], "events.event", "approve")
    assert response.status_code == 302 and response.url == QUEUE
    assert Event.objects.get(pk=items["events.event"].pk).moderation_status == "approved"
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "Waiting Tea Dance" in mailoutbox[0].subject
    assert "events.event" not in shown_kinds(staff_client.get(QUEUE))


def test_rejecting_needs_a_reason_and_keeps_what_was_typed(staff_client, member, mailoutbox):
    items = one_of_each(member)
    space = items["spaces.space"]
    response = decide(staff_client, space, "spaces.space", "reject", note="   ")
    assert response.status_code == 400
    assert "Give a reason: the member is emailed it." in queue_text(response)
    space.refresh_from_db()
    assert space.moderation_status == ModerationStatus.PENDING
    assert mailoutbox == []


def test_rejecting_with_a_reason_emails_it(
    staff_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    items = one_of_each(member)
    with django_capture_on_commit_callbacks(execute=True):
        decide(staff_client, items["spaces.space"], "spaces.space", "reject", "Not a space.", 2)
    items["spaces.space"].refresh_from_db()
    assert items["spaces.space"].moderation_status == ModerationStatus.REJECTED
    assert "Not a space." in mailoutbox[0].body


@pytest.mark.parametrize(
    ("kind", "decision", "check"),
    [
        ("spaces.threatreport", "approve", lambda o: o.state == ThreatState.CONFIRMED),
        ("spaces.threatreport", "reject", lambda o: o.state == ThreatState.DISMISSED),
        ("communities.groupclaim", "approve", lambda o: o.status == ClaimStatus.CONFIRMED),
        ("communities.groupclaim", "reject", lambda o: o.status == ClaimStatus.DECLINED),
        ("matching.match", "approve", lambda o: o.status == MatchStatus.PROPOSED),
        ("matching.match", "reject", lambda o: o.status == MatchStatus.CANCELLED),
        ("matching.matchreport", "approve", lambda o: o.resolved_at is not None),
        ("spaces.spaceedit", "approve", lambda o: o.applied_at is not None),
        ("spaces.spacephoto", "reject", lambda o: o.moderation_status == "rejected"),
        ("communities.group", "approve", lambda o: o.moderation_status == "approved"),
        ("participation.post", "approve", lambda o: o.moderation_status == "approved"),
        ("participation.comment", "reject", lambda o: o.hidden_reason == "Checked by phone."),
        ("participation.comment", "approve", lambda o: not o.reports.filter(resolved_at=None)),
    ],
)
def test_each_kind_is_decided_by_its_own_service(staff_client, member, kind, decision, check):
    item = one_of_each(member)[kind]
    response = decide(staff_client, item, kind, decision, note="Checked by phone.")
    assert response.status_code == 302
    item.refresh_from_db()
    assert check(item)
    if kind == "communities.groupclaim" and decision == "approve":
        assert Membership.objects.filter(group=item.group, user=member).exists()


def test_a_report_can_only_be_resolved(staff_client, member):
    report = one_of_each(member)["matching.matchreport"]
    response = decide(staff_client, report, "matching.matchreport", "reject", note="No.")
    assert response.status_code == 400
    assert "This kind of item can only be resolved." in queue_text(response)


def test_an_item_decided_meanwhile_is_not_decided_twice(staff_client, member):
    event = one_of_each(member)["events.event"]
    Event.objects.filter(pk=event.pk).update(moderation_status="rejected")
    response = decide(staff_client, event, "events.event", "approve")
    assert response.status_code == 302
    assert "That item was already decided." in queue_text(staff_client.get(QUEUE))
    event.refresh_from_db()
    assert event.moderation_status == "rejected"


def test_members_and_visitors_never_reach_it(member_client, client, member):
    event = one_of_each(member)["events.event"]
    for someone in (member_client, client):
        assert someone.get(QUEUE).status_code == 302
        assert decide(someone, event, "events.event", "approve").status_code == 302
    event.refresh_from_db()
    assert event.moderation_status == "pending"


def test_it_refuses_a_get_to_decide_and_unknown_kinds(staff_client, member):
    event = one_of_each(member)["events.event"]
    assert staff_client.get(QUEUE + "decide/").status_code == 405
    assert decide(staff_client, event, "nowhere.thing", "approve").status_code == 400


def test_staff_without_the_permission_do_not_see_that_kind(client, member):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    one_of_each(member)
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="change_event"))
    client.force_login(clerk)
    assert shown_kinds(client.get(QUEUE)) == ["events.event"]


def test_the_admin_index_counts_what_waits_per_kind(staff_client, member):
    one_of_each(member)
    one_of_each(member, tag=" 2")
    text = queue_text(staff_client.get("/admin/"))
    assert 'href="/admin/moderation/"' in text
    assert f"{2 * len(KINDS_IN_ORDER)} items await a decision." in text
    assert "Community spaces: 2" in text or "Spaces: 2" in text
    assert "Photos of spaces: 2" in text
    assert "Reports on matches: 2" in text
