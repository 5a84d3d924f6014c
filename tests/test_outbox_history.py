"""The old per-app email records become outbox rows, so nothing already sent goes again.

The migrations are unapplied (the old tables and columns come back, empty), old records
are written with the historical models, and the migrations run forward again.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from communities.models import CheckIn, GroupClaim, PioneerMessage
from core.outbox.models import OutgoingEmail
from events.emails import reminder_news
from events.services import reminders_queue
from matching.models import MatchReport
from spaces.models import Status, StatusChange, ThreatReport
from spaces.services.status import pledgers_notify

from .communities.factories import GroupFactory, PioneerFactory
from .events.factories import EventFactory, RsvpFactory
from .factories import UserFactory
from .matching.factories import IntroductionFactory
from .spaces.factories import PledgeFactory, ThreatReportFactory

BEFORE = [
    ("spaces", "0005_drop_single_latitude_index"),
    ("events", "0004_drop_single_latitude_index"),
    ("matching", "0004_drop_single_latitude_index"),
    ("communities", "0003_drop_single_latitude_index"),
]


def migrate(targets=None):
    """Migrate the test database (made from the models, every migration taken as applied)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(targets).apps if targets else None


@pytest.fixture
def real_migrations(settings):
    # The suite builds its database from the models (--no-migrations); this test loads the
    # real migrations and records them all as applied, which the models' schema matches.
    settings.MIGRATION_MODULES = {}
    executor = MigrationExecutor(connection)
    for app, name in executor.loader.graph.nodes:
        executor.recorder.record_applied(app, name)
    yield
    executor.recorder.flush()


@pytest.mark.django_db(transaction=True)
def test_old_email_records_move_into_the_outbox(real_migrations, settings):
    settings.MATCHING_STAFF_EMAIL = ["team@example.org"]
    sent_at = timezone.now() - timedelta(days=3)
    pat = UserFactory(email="pat@example.org")
    pledge = PledgeFactory(user=pat)
    late = PledgeFactory(space=pledge.space)
    change = StatusChange.objects.create(space=pledge.space, status=Status.SAVED)
    report = ThreatReportFactory(reported_by=pat)
    ThreatReport.objects.filter(pk=report.pk).update(state="dismissed")
    event = EventFactory(starts_at=timezone.now() + timedelta(days=1))
    rsvp = RsvpFactory(user=pat, occurrence=event.occurrences.get())
    occurrence = rsvp.occurrence
    intro = IntroductionFactory()
    match_report = MatchReport.objects.create(match=intro, side="need", reason="other")
    group = GroupFactory()
    checkin = CheckIn.objects.create(group=group, year=1, due_at=timezone.now())
    claim = GroupClaim.objects.create(group=group, user=pat, message="Mine", status="confirmed")
    message = PioneerMessage.objects.create(
        pioneer=PioneerFactory(), sender=pat, recipient=UserFactory(), body="Hello"
    )

    try:
        old = migrate(BEFORE)
        old.get_model("spaces", "PledgeNotice").objects.create(
            pledge_id=pledge.pk, change_id=change.pk, emailed_at=sent_at
        )
        old.get_model("spaces", "PledgeNotice").objects.create(
            pledge_id=late.pk, change_id=change.pk
        )
        old.get_model("spaces", "ThreatReport").objects.filter(pk=report.pk).update(
            reporter_emailed_at=sent_at
        )
        news = reminder_news(occurrence.pk, occurrence.starts_at)
        old.get_model("events", "EventNotice").objects.create(
            kind="reminder",
            event_id=event.pk,
            occurrence_id=occurrence.pk,
            user_id=pat.pk,
            rsvp_id=rsvp.pk,
            key=news,
            sent_at=sent_at,
        )
        old.get_model("matching", "MatchNotification").objects.create(
            match_id=intro.pk,
            recipient_id=intro.offer.person_id,
            purpose="offer-introduction",
            sent_at=sent_at,
            skipped=True,
        )
        old.get_model("matching", "MatchReport").objects.filter(pk=match_report.pk).update(
            staff_emailed_at=sent_at
        )
        old.get_model("communities", "CheckInEmail").objects.create(
            checkin_id=checkin.pk, user_id=pat.pk, email=pat.email, emailed_at=sent_at
        )
        old.get_model("communities", "GroupClaim").objects.filter(pk=claim.pk).update(
            emailed_at=sent_at
        )
    finally:
        migrate()

    rows = {(row.purpose, row.key): row for row in OutgoingEmail.objects.all()}
    expected = {
        ("spaces.pledge-update", f"{change.pk}:{pledge.pk}"): ("sent", pat.email),
        ("spaces.pledge-update", f"{change.pk}:{late.pk}"): ("failed", late.user.email),
        ("spaces.threat-outcome", str(report.pk)): ("sent", pat.email),
        ("events.reminder", f"{event.pk}:{pat.pk}:{news}"): ("sent", pat.email),
        ("matching.offer-introduction", f"match:{intro.pk}:{intro.offer.person_id}"): (
            "skipped",
            intro.offer.person.email,
        ),
        ("matching.report-staff", f"{match_report.pk}:team@example.org"): (
            "sent",
            "team@example.org",
        ),
        ("communities.checkin", f"{checkin.pk}:{pat.email}"): ("sent", pat.email),
        ("communities.claim-decision", str(claim.pk)): ("sent", pat.email),
        ("communities.message", str(message.pk)): ("failed", message.recipient.email),
    }
    assert {key: (row.status, row.to) for key, row in rows.items()} == expected
    assert rows["spaces.pledge-update", f"{change.pk}:{pledge.pk}"].sent_at == sent_at
    assert "Not sent before the move" in rows["communities.message", str(message.pk)].last_error
    # Asking again for what the old tables recorded queues nothing new.
    assert pledgers_notify(change_id=change.pk) == 0
    assert reminders_queue(now=timezone.now().replace(hour=10)) == 0
    assert OutgoingEmail.objects.count() == len(expected)
