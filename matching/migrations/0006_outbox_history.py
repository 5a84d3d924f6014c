"""Move the history of match emails and staff reports into the outbox, then drop it here.

Each old notification (one match, one person, one purpose) becomes an outbox row keyed
``match:<match>:<person>`` listing that match, which is how ``matching.services
.notifications`` recognises a match already announced. A staff report becomes one row
per address it goes to now (``MATCHING_STAFF_EMAIL`` or the active staff). Rows that went
are ``sent``, stale ones ``skipped``; ones that never went (retries gave up) are
``failed`` with an explanation, for staff to send again: nothing old goes out by itself.
"""

from django.conf import settings
from django.db import migrations

NOT_SENT = "Not sent before the move to the outbox; use Send again if it is still wanted."


def _outgoing(OutgoingEmail, *, status, sent_at, created_at, **fields):
    return OutgoingEmail(
        status=status,
        attempts=1 if status == "sent" else 0,
        last_error=NOT_SENT if status == "failed" else "",
        sent_at=sent_at if status == "sent" else None,
        created_at=created_at,
        next_attempt_at=created_at,
        **fields,
    )


def _staff_addresses(apps) -> list[str]:
    if settings.MATCHING_STAFF_EMAIL:
        return list(settings.MATCHING_STAFF_EMAIL)
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    users = User.objects.filter(is_staff=True, is_active=True).exclude(email="")
    return list(users.order_by("pk").values_list("email", flat=True))


def forwards(apps, schema_editor):
    OutgoingEmail = apps.get_model("core", "OutgoingEmail")
    MatchNotification = apps.get_model("matching", "MatchNotification")
    MatchReport = apps.get_model("matching", "MatchReport")
    rows = []
    notifications = MatchNotification.objects.exclude(recipient__email="").values(
        "match_id",
        "recipient_id",
        "recipient__email",
        "purpose",
        "created_at",
        "sent_at",
        "skipped",
    )
    for n in notifications.iterator(chunk_size=2000):
        status = "skipped" if n["skipped"] else ("sent" if n["sent_at"] else "failed")
        rows.append(
            _outgoing(
                OutgoingEmail,
                purpose=f"matching.{n['purpose']}",
                key=f"match:{n['match_id']}:{n['recipient_id']}",
                to=n["recipient__email"],
                template=f"matching/emails/{n['purpose']}",
                context={"recipient": n["recipient_id"], "matches": [n["match_id"]]},
                status=status,
                sent_at=n["sent_at"],
                created_at=n["created_at"],
            )
        )
        if len(rows) >= 1000:
            OutgoingEmail.objects.bulk_create(rows, ignore_conflicts=True)
            rows = []
    addresses = _staff_addresses(apps)
    for report in MatchReport.objects.values("pk", "created_at", "staff_emailed_at"):
        for address in addresses:
            rows.append(
                _outgoing(
                    OutgoingEmail,
                    purpose="matching.report-staff",
                    key=f"{report['pk']}:{address}",
                    to=address,
                    template="matching/emails/report-staff",
                    context={"report": report["pk"]},
                    status="sent" if report["staff_emailed_at"] else "failed",
                    sent_at=report["staff_emailed_at"],
                    created_at=report["created_at"],
                )
            )
    OutgoingEmail.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0005_campaign_copies_in_outbox"),
        ("core", "0002_outbox"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="matchreport", name="staff_emailed_at"),
        migrations.DeleteModel(name="MatchNotification"),
    ]
