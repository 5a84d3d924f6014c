"""Moderation decision emails move into the outbox; ModerationDecision.emailed_at goes.

Each decision already emailed becomes a ``sent`` outbox row (purpose
``core.moderation-decision``, key = the decision's id). A decision with a recipient but no
``emailed_at`` was waiting or had failed: decided in the last day it is ``queued`` (the
outbox's sweep sends it), older it is ``failed`` with a note, for staff to send again.
"""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

PURPOSE = "core.moderation-decision"
TEMPLATE = "core/emails/moderation-decision"


def forwards(apps, schema_editor):
    Decision = apps.get_model("core", "ModerationDecision")
    OutgoingEmail = apps.get_model("core", "OutgoingEmail")
    recent = timezone.now() - timedelta(days=1)
    rows = []
    decisions = Decision.objects.exclude(recipient_email="").values_list(
        "pk", "recipient_email", "decided_at", "emailed_at"
    )
    for pk, email, decided_at, emailed_at in decisions.iterator(chunk_size=2000):
        if emailed_at is not None:
            state = {"status": "sent", "sent_at": emailed_at, "attempts": 1}
        elif decided_at >= recent:
            state = {"status": "queued"}
        else:
            state = {
                "status": "failed",
                "last_error": "Not sent before the outbox took over this email.",
            }
        rows.append(
            OutgoingEmail(
                purpose=PURPOSE,
                key=str(pk),
                to=email,
                template=TEMPLATE,
                context={"decision": pk},
                created_at=decided_at,
                next_attempt_at=decided_at,
                **state,
            )
        )
        if len(rows) >= 2000:
            OutgoingEmail.objects.bulk_create(rows, ignore_conflicts=True)
            rows = []
    OutgoingEmail.objects.bulk_create(rows, ignore_conflicts=True)


def backwards(apps, schema_editor):
    Decision = apps.get_model("core", "ModerationDecision")
    OutgoingEmail = apps.get_model("core", "OutgoingEmail")
    sent = OutgoingEmail.objects.filter(purpose=PURPOSE, status="sent")
    for key, sent_at in sent.values_list("key", "sent_at").iterator(chunk_size=2000):
        Decision.objects.filter(pk=int(key)).update(emailed_at=sent_at)
    OutgoingEmail.objects.filter(purpose=PURPOSE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_outbox"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(
            model_name="moderationdecision",
            name="emailed_at",
        ),
    ]
