"""Move the pledgers' and reporters' email history into the outbox, then drop it here.

A notice that went becomes a ``sent`` outbox row (sent at the old ``emailed_at``), keyed as
``spaces.emails`` keys it now, so it can never go again. One that never went (its retries
gave up) becomes ``failed`` with an explanation: staff can send it again from the outbox,
and nothing old goes out by itself after the move.
"""

from django.db import migrations
from django.utils import timezone

NOT_SENT = "Not sent before the move to the outbox; use Send again if it is still wanted."


def _row(OutgoingEmail, *, purpose, key, to, template, context, emailed_at, created_at):
    return OutgoingEmail(
        purpose=purpose,
        key=key,
        to=to,
        template=template,
        context=context,
        status="sent" if emailed_at else "failed",
        attempts=1 if emailed_at else 0,
        last_error="" if emailed_at else NOT_SENT,
        sent_at=emailed_at,
        created_at=created_at,
        next_attempt_at=created_at,
    )


def forwards(apps, schema_editor):
    OutgoingEmail = apps.get_model("core", "OutgoingEmail")
    PledgeNotice = apps.get_model("spaces", "PledgeNotice")
    ThreatReport = apps.get_model("spaces", "ThreatReport")
    rows = [
        _row(
            OutgoingEmail,
            purpose="spaces.pledge-update",
            key=f"{n['change_id']}:{n['pledge_id']}",
            to=n["pledge__user__email"],
            template="spaces/emails/pledge-update",
            context={"change": n["change_id"], "pledge": n["pledge_id"]},
            emailed_at=n["emailed_at"],
            created_at=n["created_at"],
        )
        for n in PledgeNotice.objects.exclude(pledge__user__email="")
        .values("change_id", "pledge_id", "pledge__user__email", "emailed_at", "created_at")
        .iterator(chunk_size=2000)
    ]
    # Every reviewed report's reporter was to hear the outcome.
    rows += [
        _row(
            OutgoingEmail,
            purpose="spaces.threat-outcome",
            key=str(r["pk"]),
            to=r["reported_by__email"],
            template="spaces/emails/threat-outcome",
            context={"report": r["pk"]},
            emailed_at=r["reporter_emailed_at"],
            created_at=r["reviewed_at"] or timezone.now(),
        )
        for r in ThreatReport.objects.exclude(state="pending")
        .exclude(reported_by__isnull=True)
        .exclude(reported_by__email="")
        .values("pk", "reported_by__email", "reporter_emailed_at", "reviewed_at")
        .iterator(chunk_size=2000)
    ]
    OutgoingEmail.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("spaces", "0005_drop_single_latitude_index"),
        ("core", "0002_outbox"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="threatreport", name="reporter_emailed_at"),
        migrations.DeleteModel(name="PledgeNotice"),
    ]
