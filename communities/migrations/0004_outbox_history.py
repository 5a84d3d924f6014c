"""Move the history of check-in, claim and pioneer-message emails into the outbox, then drop it.

Each email becomes an outbox row keyed as ``communities.emails`` keys it now (check-ins by
check-in and address, claims and messages by their id), so none can go twice. Emails
that went are ``sent`` (at the old ``emailed_at``); ones that never went (retries gave
up) are ``failed`` with an explanation, for staff to send again if still wanted: nothing
old goes out by itself after the move.
"""

from django.db import migrations

NOT_SENT = "Not sent before the move to the outbox; use Send again if it is still wanted."


def _outgoing(OutgoingEmail, *, emailed_at, created_at, **fields):
    return OutgoingEmail(
        status="sent" if emailed_at else "failed",
        attempts=1 if emailed_at else 0,
        last_error="" if emailed_at else NOT_SENT,
        sent_at=emailed_at,
        created_at=created_at,
        next_attempt_at=created_at,
        **fields,
    )


def forwards(apps, schema_editor):
    OutgoingEmail = apps.get_model("core", "OutgoingEmail")
    CheckInEmail = apps.get_model("communities", "CheckInEmail")
    GroupClaim = apps.get_model("communities", "GroupClaim")
    PioneerMessage = apps.get_model("communities", "PioneerMessage")
    rows = [
        _outgoing(
            OutgoingEmail,
            purpose="communities.checkin",
            key=f"{e['checkin_id']}:{e['email']}",
            to=e["email"],
            template="communities/emails/checkin",
            context={"checkin": e["checkin_id"], "user": e["user_id"]},
            emailed_at=e["emailed_at"],
            created_at=e["checkin__created_at"],
        )
        for e in CheckInEmail.objects.values(
            "checkin_id", "email", "user_id", "emailed_at", "checkin__created_at"
        ).iterator(chunk_size=2000)
    ]
    rows += [
        _outgoing(
            OutgoingEmail,
            purpose="communities.claim-decision",
            key=str(c["pk"]),
            to=c["user__email"],
            template="communities/emails/claim-decision",
            context={"claim": c["pk"]},
            emailed_at=c["emailed_at"],
            created_at=c["decided_at"] or c["created_at"],
        )
        for c in GroupClaim.objects.exclude(status="pending")
        .exclude(user__email="")
        .values("pk", "user__email", "emailed_at", "decided_at", "created_at")
        .iterator(chunk_size=2000)
    ]
    rows += [
        _outgoing(
            OutgoingEmail,
            purpose="communities.message",
            key=str(m["pk"]),
            to=m["recipient__email"],
            template="communities/emails/message",
            context={"message": m["pk"]},
            emailed_at=m["emailed_at"],
            created_at=m["created_at"],
        )
        for m in PioneerMessage.objects.exclude(recipient__email="")
        .values("pk", "recipient__email", "emailed_at", "created_at")
        .iterator(chunk_size=2000)
    ]
    OutgoingEmail.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0003_drop_single_latitude_index"),
        ("core", "0002_outbox"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="groupclaim", name="emailed_at"),
        migrations.RemoveField(model_name="pioneermessage", name="emailed_at"),
        migrations.DeleteModel(name="CheckInEmail"),
    ]
