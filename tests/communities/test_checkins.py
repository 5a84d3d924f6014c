import datetime
import zoneinfo

import pytest
import time_machine

from communities.models import CheckIn, Membership, Role, anniversary
from communities.services import checkins_queue_due
from communities.tasks import send_due_checkins
from core.outbox.models import OutgoingEmail
from core.outbox.tasks import send_email

from .factories import CommitmentFactory, GroupFactory

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
REGISTERED = datetime.datetime(2026, 3, 10, 18, 30, tzinfo=LONDON)


@pytest.fixture
def community(owner, member):
    group = GroupFactory(name="Ancoats Together", organiser=owner, registered_at=REGISTERED)
    Membership.objects.create(group=group, user=member, role=Role.MEMBER)
    CommitmentFactory(
        group=group,
        what="Hold street parties",
        target=4,
        progress_total=3,
        due_date=datetime.date(2026, 9, 1),
    )
    return group


def run(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return send_due_checkins.delay().get()


def test_nothing_is_sent_before_the_first_anniversary(
    community, mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2027, 3, 10, 18, 0, tzinfo=LONDON)):
        assert run(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_organisers_are_emailed_a_year_after_registration_and_only_once(
    community, owner, mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2027, 3, 11, 7, 0, tzinfo=LONDON)):
        assert run(django_capture_on_commit_callbacks) == 1
        assert run(django_capture_on_commit_callbacks) == 0
    [email] = mailoutbox
    assert email.to == [owner.email]  # organisers only, each their own email
    assert email.subject == "Yearly check-in: how is Ancoats Together getting on?"
    text = email.body
    html = email.alternatives[0][0]
    for body in (text, html):
        assert "A year ago, Ancoats Together registered as a co-operative community" in body
        assert "Hold street parties" in body
        assert "3 of 4 street parties" in body
        assert f"/communities/{community.slug}/review/" in body
    checkin = CheckIn.objects.get()
    assert (checkin.year, checkin.due_at) == (1, REGISTERED.replace(year=2027))
    assert OutgoingEmail.objects.get(purpose="communities.checkin").sent_at is not None


def test_it_comes_again_every_year(community, mailoutbox, django_capture_on_commit_callbacks):
    for year in (2027, 2028, 2029):
        with time_machine.travel(datetime.datetime(year, 3, 12, 9, 0, tzinfo=LONDON)):
            run(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 3
    assert sorted(CheckIn.objects.values_list("year", flat=True)) == [1, 2, 3]
    assert "3 years ago, Ancoats Together registered" in mailoutbox[-1].body


def test_a_missed_day_still_sends_once(community, mailoutbox, django_capture_on_commit_callbacks):
    # The beat was down for a month around the anniversary.
    with time_machine.travel(datetime.datetime(2027, 4, 15, 9, 0, tzinfo=LONDON)):
        run(django_capture_on_commit_callbacks)
        run(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_a_retried_email_task_does_not_send_twice(
    community, mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2027, 3, 11, 9, 0, tzinfo=LONDON)):
        run(django_capture_on_commit_callbacks)
        row = OutgoingEmail.objects.get(purpose="communities.checkin")
        assert send_email.delay(row.pk).get() == ""
    assert len(mailoutbox) == 1


def test_every_organiser_gets_their_own_email(
    community, member, mailoutbox, django_capture_on_commit_callbacks
):
    Membership.objects.filter(group=community, user=member).update(role=Role.ORGANISER)
    with time_machine.travel(datetime.datetime(2027, 3, 11, 9, 0, tzinfo=LONDON)):
        run(django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mailoutbox) == ["member@example.org", "owner@example.org"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mailoutbox)


def test_rejected_and_unregistered_groups_get_no_check_in(
    owner, mailoutbox, django_capture_on_commit_callbacks
):
    GroupFactory(organiser=owner, registered_at=REGISTERED, moderation_status="rejected")
    GroupFactory(organiser=owner, registered_at=None)
    with time_machine.travel(datetime.datetime(2028, 1, 1, tzinfo=LONDON)):
        assert checkins_queue_due() == []
    assert mailoutbox == []


def test_the_page_says_when_the_next_check_in_is_due(community, client):
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=LONDON)):
        assert community.next_checkin_due() == REGISTERED.replace(year=2027)
        html = client.get(community.get_absolute_url()).content.decode()
    assert "Next yearly check-in March 2027" in html


def test_anniversaries_of_29_february():
    leap = datetime.datetime(2028, 2, 29, 12, 0, tzinfo=LONDON)
    assert anniversary(leap, 1) == datetime.datetime(2029, 2, 28, 12, 0, tzinfo=LONDON)
    assert anniversary(leap, 4) == leap.replace(year=2032)


def test_the_beat_schedule_runs_the_check_ins_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["communities-yearly-checkins"]
    assert entry["task"] == "communities.tasks.send_due_checkins"
    assert entry["schedule"] == 24 * 60 * 60
