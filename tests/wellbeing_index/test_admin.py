"""Staff work on the index in the admin: read scores, tune help tags, recompute."""

import pytest

from wellbeing_index.models import AreaScore, Domain, Edition


@pytest.mark.parametrize(
    "path",
    [
        "/admin/wellbeing_index/edition/",
        "/admin/wellbeing_index/indicator/",
        "/admin/wellbeing_index/area/",
        "/admin/wellbeing_index/area/?q=Cardiff",
        "/admin/wellbeing_index/indicatorvalue/",
        "/admin/wellbeing_index/areascore/",
        "/admin/wellbeing_index/benchmark/",
        "/admin/wellbeing_index/domain/",
        "/admin/wellbeing_index/pillar/",
    ],
)
def test_staff_can_open_every_list(staff_client, hand_index, path):
    assert staff_client.get(path).status_code == 200


def test_members_and_visitors_cannot(client, member_client, hand_index):
    assert client.get("/admin/wellbeing_index/areascore/").status_code == 302
    assert member_client.get("/admin/wellbeing_index/areascore/").status_code == 302


def test_staff_can_tune_the_tags_that_count_as_help(staff_client, db):
    domain = Domain.objects.get(slug="health")
    response = staff_client.post(
        f"/admin/wellbeing_index/domain/{domain.pk}/change/",
        {"name": domain.name, "description": domain.description, "help_tags": "parkrun, yoga"},
    )
    assert response.status_code == 302
    domain.refresh_from_db()
    assert domain.tag_list == ["parkrun", "yoga"]


def test_scores_cannot_be_edited_by_hand(staff_client, hand_index):
    score = AreaScore.objects.first()
    response = staff_client.post(
        f"/admin/wellbeing_index/areascore/{score.pk}/change/", {"overall": "99"}
    )
    assert response.status_code == 403


def test_staff_can_recompute_an_edition(
    staff_client, hand_index, django_capture_on_commit_callbacks
):
    AreaScore.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/wellbeing_index/edition/",
            {"action": "recompute", "_selected_action": [hand_index.edition.pk]},
            follow=True,
        )
    assert "Recomputing 1 edition(s)" in response.content.decode()
    assert AreaScore.objects.filter(edition=hand_index.edition).count() == 5
    assert Edition.objects.get(pk=hand_index.edition.pk).computed_at is not None


def test_staff_can_export_indicator_values(staff_client, hand_index):
    jobs = hand_index.indicators["jobs"]
    response = staff_client.post(
        "/admin/wellbeing_index/indicator/",
        {"action": "export_values", "_selected_action": [jobs.pk]},
    )
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines() == [
        "area_code,indicator,value",
        "E09000001,jobs,10.0",
        "E09000002,jobs,20.0",
        "E09000003,jobs,20.0",
        "W09000001,jobs,40.0",
    ]


def test_staff_can_publish_and_unpublish_an_edition(staff_client, hand_index):
    response = staff_client.post(
        "/admin/wellbeing_index/edition/",
        {"action": "unpublish", "_selected_action": [hand_index.edition.pk]},
        follow=True,
    )
    assert "Unpublished 1 edition(s)." in response.content.decode()
    assert not Edition.objects.get(pk=hand_index.edition.pk).is_published
    staff_client.post(
        "/admin/wellbeing_index/edition/",
        {"action": "publish", "_selected_action": [hand_index.edition.pk]},
    )
    assert Edition.objects.get(pk=hand_index.edition.pk).is_published
