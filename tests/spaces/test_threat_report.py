"""Members report threats; staff confirm or dismiss them in admin; reporters are emailed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import ModerationStatus
from core.outbox.models import OutgoingEmail
from core.outbox.tasks import send_email
from spaces.models import Space, Status, StatusChange, ThreatReport, ThreatState

from .factories import SpaceFactory, ThreatenedSpaceFactory, ThreatReportFactory

pytestmark = pytest.mark.django_db


def report_data(**overrides):
    data = {
        "what": "The council will sell the building.",
        "evidence": "Cabinet agenda, item 7.",
        "evidence_url": "council.example.gov.uk/agenda",
        "deadline": (timezone.localdate() + timedelta(days=40)).isoformat(),
    }
    data.update(overrides)
    return data


def test_a_member_reports_a_threat_which_staff_then_check(member_client, member):
    space = SpaceFactory()

    response = member_client.post(f"/spaces/{space.slug}/report-threat/", report_data())

    assert response.status_code == 302
    report = ThreatReport.objects.get()
    assert report.reported_by == member
    assert report.state == ThreatState.PENDING
    assert report.evidence_url == "https://council.example.gov.uk/agenda"
    assert report.deadline == timezone.localdate() + timedelta(days=40)
    space.refresh_from_db()
    assert space.status == Status.OPEN
    page = member_client.get(f"/spaces/{space.slug}/").content.decode()
    assert "Our team will check the threat and email you." in page
    assert "our team is checking it" in page
    assert "Help save this space" not in page


def test_reporting_needs_a_log_in(client):
    space = SpaceFactory()

    response = client.post(f"/spaces/{space.slug}/report-threat/", report_data())

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not ThreatReport.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"what": ""}, "Tell us what threatens the space."),
        ({"deadline": "2001-01-01"}, "That date has passed."),
        ({"deadline": "31/02/2027"}, "Enter a date like 31/03/2027."),
        ({"deadline": "2099-01-01"}, "Enter a date within the next five years."),
        ({"evidence_url": "not a link"}, "Enter a web address"),
    ],
)
def test_bad_reports_get_clear_errors_and_keep_the_text(member_client, overrides, message):
    space = SpaceFactory()

    response = member_client.post(f"/spaces/{space.slug}/report-threat/", report_data(**overrides))

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Cabinet agenda, item 7." in html
    assert not ThreatReport.objects.exists()


def test_a_second_report_by_the_same_member_is_not_duplicated(member_client):
    space = SpaceFactory()
    member_client.post(f"/spaces/{space.slug}/report-threat/", report_data())

    response = member_client.post(
        f"/spaces/{space.slug}/report-threat/", report_data(), follow=True
    )

    assert ThreatReport.objects.count() == 1
    assert "You have already reported this" in response.content.decode()


def test_reports_are_rate_limited(member_client):
    spaces = [SpaceFactory() for _ in range(6)]
    for space in spaces[:5]:
        assert (
            member_client.post(f"/spaces/{space.slug}/report-threat/", report_data()).status_code
            == 302
        )

    response = member_client.post(f"/spaces/{spaces[5].slug}/report-threat/", report_data())

    assert response.status_code == 429
    assert "Please try again later." in response.content.decode()
    assert ThreatReport.objects.count() == 5


def test_no_reports_on_a_space_already_under_threat_or_not_public(member_client, owner):
    threatened = ThreatenedSpaceFactory()
    pending = SpaceFactory(moderation_status=ModerationStatus.PENDING, submitted_by=owner)

    assert (
        member_client.post(f"/spaces/{threatened.slug}/report-threat/", report_data()).status_code
        == 302
    )
    assert (
        member_client.post(f"/spaces/{pending.slug}/report-threat/", report_data()).status_code
        == 404
    )
    assert not ThreatReport.objects.exists()


def test_staff_confirm_a_report_the_space_turns_threatened_and_the_reporter_is_thanked(
    staff_client, client, member, mailoutbox, django_capture_on_commit_callbacks
):
    space = SpaceFactory(name="Rusholme Library")
    deadline = timezone.localdate() + timedelta(days=12)
    report = ThreatReportFactory(
        space=space, reported_by=member, what="Sale to a developer.", deadline=deadline
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/spaces/threatreport/",
            {"action": "confirm_selected", "_selected_action": [report.pk]},
        )

    assert response.status_code == 302
    space.refresh_from_db()
    assert space.status == Status.THREATENED
    assert space.threat_summary == "Sale to a developer."
    assert space.threat_deadline == deadline
    change = StatusChange.objects.get(space=space)
    assert (change.previous_status, change.status) == (Status.OPEN, Status.THREATENED)
    report.refresh_from_db()
    assert report.state == ThreatState.CONFIRMED
    row = OutgoingEmail.objects.get(purpose="spaces.threat-outcome")
    assert row.status == "sent"
    page = staff_client.get(f"/admin/spaces/threatreport/{report.pk}/change/").content.decode()
    assert f"purpose=spaces.threat-outcome&amp;key={report.pk}" in page
    [email] = mailoutbox
    assert email.to == ["member@example.org"]
    assert email.subject == "Thank you: the threat to Rusholme Library is confirmed"
    assert f"/spaces/{space.slug}/" in email.body
    assert "pledge" in email.alternatives[0][0]
    page = client.get(f"/spaces/{space.slug}/").content.decode()
    assert "Sale to a developer." in page
    assert "Help save this space" in page
    assert "12 days left" in page


def test_staff_dismiss_a_report_with_a_reason_that_the_reporter_is_told(
    staff_client, member, mailoutbox, django_capture_on_commit_callbacks
):
    space = SpaceFactory(name="Rusholme Library")
    report = ThreatReportFactory(space=space, reported_by=member)

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            "/admin/spaces/threatreport/",
            {
                "action": "dismiss_selected",
                "_selected_action": [report.pk],
                "apply": "1",
                "note": "The council withdrew the plan.",
            },
        )

    report.refresh_from_db()
    assert report.state == ThreatState.DISMISSED
    assert Space.objects.get().status == Status.OPEN
    [email] = mailoutbox
    assert email.subject == "Your report about Rusholme Library"
    assert "The council withdrew the plan." in email.body
    assert "The council withdrew the plan." in email.alternatives[0][0]


def test_the_reporter_is_emailed_once_even_if_the_task_runs_twice(
    staff, member, mailoutbox, django_capture_on_commit_callbacks
):
    from spaces.services.status import threat_confirm

    report = ThreatReportFactory(reported_by=member)
    with django_capture_on_commit_callbacks(execute=True):
        threat_confirm(report=report, by=staff)
    row = OutgoingEmail.objects.get(purpose="spaces.threat-outcome")
    assert send_email.delay(row.pk).get() == ""

    assert len(mailoutbox) == 1


def test_dismissing_reports_first_asks_staff_for_a_reason(staff_client, member):
    report = ThreatReportFactory(reported_by=member, what="The council plans to sell it.")

    page = staff_client.post(
        "/admin/spaces/threatreport/",
        {"action": "dismiss_selected", "_selected_action": [report.pk]},
    ).content.decode()

    assert "Dismiss this threat report? Its reporter is emailed the reason." in page
    assert "The council plans to sell it." in page
    assert 'name="action" value="dismiss_selected"' in page
    assert 'value="Dismiss and email"' in page
