"""Move the history of emails to the people coming into the outbox, then drop ``EventNotice``.

Each notice becomes an outbox row keyed ``<event>:<person>:<old key>`` under the purpose
its kind now has, exactly the key ``events.emails`` makes for the same news, so nothing
already told is told again. A notice that went is ``sent``; one skipped as stale is
``skipped``; one that never went (its retries gave up) is ``failed`` with an explanation,
for staff to send again if still wanted: nothing old goes out by itself after the move.
"""

from django.db import migrations

PURPOSES = {
    "confirmation": "rsvp-confirmed",
    "waiting": "rsvp-waiting",
    "promoted": "place-freed",
    "reminder": "reminder",
    "changed": "changed",
    "cancelled": "cancelled",
}
NOT_SENT = "Not sent before the move to the outbox; use Send again if it is still wanted."


def _status(notice) -> str:
    if notice["skipped"]:
        return "skipped"
    return "sent" if notice["sent_at"] else "failed"


def forwards(apps, schema_editor):
    OutgoingEmail = apps.get_model("core", "OutgoingEmail")
    EventNotice = apps.get_model("events", "EventNotice")
    notices = (
        EventNotice.objects.exclude(user__email="")
        .values(
            "kind",
            "key",
            "event_id",
            "user_id",
            "user__email",
            "occurrence_id",
            "rsvp_id",
            "details",
            "created_at",
            "sent_at",
            "skipped",
        )
        .iterator(chunk_size=2000)
    )
    rows = []
    for n in notices:
        name = PURPOSES[n["kind"]]
        status = _status(n)
        rows.append(
            OutgoingEmail(
                purpose=f"events.{name}",
                key=f"{n['event_id']}:{n['user_id']}:{n['key']}",
                to=n["user__email"],
                template=f"events/emails/{name}",
                context={
                    "event": n["event_id"],
                    "user": n["user_id"],
                    "occurrence": n["occurrence_id"],
                    "rsvp": n["rsvp_id"],
                    "details": n["details"],
                },
                status=status,
                attempts=1 if status == "sent" else 0,
                last_error=NOT_SENT if status == "failed" else "",
                sent_at=n["sent_at"] if status == "sent" else None,
                created_at=n["created_at"],
                next_attempt_at=n["created_at"],
            )
        )
        if len(rows) >= 1000:
            OutgoingEmail.objects.bulk_create(rows, ignore_conflicts=True)
            rows = []
    OutgoingEmail.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_drop_single_latitude_index"),
        ("core", "0002_outbox"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.DeleteModel(name="EventNotice"),
    ]
