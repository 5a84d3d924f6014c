"""The staff side: filters, search, CSV export, and the figures page."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from spaces.models import Kind, Status

from .factories import PledgeFactory, SpaceFactory, StatusChangeFactory

pytestmark = pytest.mark.django_db


def changelist(client, **params):
    response = client.get("/admin/spaces/space/", params)
    assert response.status_code == 200
    return {str(space) for space in response.context["cl"].result_list}


def test_staff_filter_spaces_by_status_kind_nation_and_local_authority(staff_client):
    SpaceFactory(name="Manchester library", at="M4", kind=Kind.LIBRARY, status=Status.THREATENED)
    SpaceFactory(name="Manchester park", at="M1", kind=Kind.PARK)
    SpaceFactory(name="Edinburgh library", at="EH1", kind=Kind.LIBRARY)
    SpaceFactory(name="Cardiff pub", at="CF10", kind=Kind.PUB, status=Status.SAVED)

    assert changelist(staff_client, status__exact="threatened") == {"Manchester library"}
    assert changelist(staff_client, kind__exact="library") == {
        "Manchester library",
        "Edinburgh library",
    }
    assert changelist(staff_client, nation__exact="Scotland") == {"Edinburgh library"}
    assert changelist(staff_client, lad="E08000003") == {"Manchester library", "Manchester park"}
    page = staff_client.get("/admin/spaces/space/").content.decode()
    assert "City of Edinburgh" in page  # the local authority filter names the councils


def test_staff_search_spaces(staff_client):
    SpaceFactory(name="Ancoats Hall", run_by="Ancoats Neighbours")
    SpaceFactory(name="Leith Library", at="EH6")

    assert changelist(staff_client, q="neighbours") == {"Ancoats Hall"}
    assert changelist(staff_client, q="EH6") == {"Leith Library"}


def test_staff_export_spaces_as_csv(staff_client):
    space = SpaceFactory(name="Ancoats Hall", kind=Kind.LIBRARY, wifi=True, tags=["reading"])
    PledgeFactory.create_batch(2, space=space)
    SpaceFactory(name="Not exported")

    response = staff_client.post(
        "/admin/spaces/space/",
        {"action": "export_selected_csv", "_selected_action": [space.pk]},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == "Ancoats Hall"
    assert row["kind"] == "Library"
    assert row["local authority"] == "Manchester"
    assert row["nation"] == "England"
    assert row["facilities"] == "Wi-Fi"
    assert row["interests"] == "reading"
    assert row["pledges"] == "2"
    assert row["url"] == f"http://127.0.0.1:8000/spaces/{space.slug}/"


def test_the_figures_page_counts_spaces_by_status_and_nation_and_saved_this_year(staff_client):
    SpaceFactory(at="M4")
    SpaceFactory(at="M1")
    SpaceFactory(at="EH1", status=Status.THREATENED)
    saved_now = SpaceFactory(at="CF10", status=Status.SAVED)
    saved_before = SpaceFactory(at="BT1", status=Status.SAVED)
    SpaceFactory(at="BT1", moderation_status="pending")
    now = timezone.now()
    StatusChangeFactory(space=saved_now, status=Status.SAVED, changed_at=now)
    StatusChangeFactory(
        space=saved_before,
        status=Status.SAVED,
        changed_at=timezone.make_aware(datetime(now.year - 1, 6, 1)),
    )

    response = staff_client.get("/admin/spaces/space/figures/")

    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["nations"] == ["England", "Scotland", "Wales", "Northern Ireland", "Unknown"]
    rows = {row["value"]: row["cells"] for row in figures["by_status"]}
    assert rows["open"] == [2, 0, 0, 0, 0]
    assert rows["threatened"] == [0, 1, 0, 0, 0]
    assert rows["saved"] == [0, 0, 1, 1, 0]
    assert figures["total"] == 5
    assert figures["saved_this_year"] == 1
    assert figures["pending"] == 1
    html = response.content.decode()
    assert f"Spaces saved in {now.year}" in html


def test_the_figures_page_is_for_staff(member_client, client):
    assert member_client.get("/admin/spaces/space/figures/").status_code == 302
    assert client.get("/admin/spaces/space/figures/").status_code == 302


def test_the_changelist_query_count_does_not_grow_with_rows(
    staff_client, django_assert_max_num_queries
):
    for i in range(30):
        PledgeFactory(space=SpaceFactory(north_m=i))
    with django_assert_max_num_queries(12):
        staff_client.get("/admin/spaces/space/")


def test_staff_list_a_space_in_admin_and_it_starts_its_history(staff_client):
    response = staff_client.post(
        "/admin/spaces/space/add/",
        {
            "name": "Staff Hall",
            "slug": "staff-hall",
            "kind": "community_centre",
            "postcode": "M4 6DE",
            "owner_type": "council",
            "status": "open",
            "moderation_status": "approved",
            "opening_hours": "[]",
            "status_changes-TOTAL_FORMS": "0",
            "status_changes-INITIAL_FORMS": "0",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "pledges-TOTAL_FORMS": "0",
            "pledges-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    from spaces.models import Space

    assert Space.objects.get(slug="staff-hall").status_changes.count() == 1


def test_deadlines_in_the_next_month_are_counted(staff_client):
    from .factories import ThreatenedSpaceFactory

    ThreatenedSpaceFactory(threat_deadline=timezone.localdate() + timedelta(days=10))
    ThreatenedSpaceFactory(threat_deadline=timezone.localdate() + timedelta(days=90))

    figures = staff_client.get("/admin/spaces/space/figures/").context["figures"]

    assert figures["threatened_due_30_days"] == 1
