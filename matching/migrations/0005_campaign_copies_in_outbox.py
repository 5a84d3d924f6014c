"""Campaign copies move into the outbox; the CampaignRecipient table goes.

Each CampaignRecipient becomes an OutgoingEmail (purpose ``matching.campaign``, key
``<campaign id>:<user id>``, batch ``matching.campaign:<campaign id>``) with its status
(pending → queued, or skipped if the campaign was cancelled), sent time, attempts and error, in one statement per database.
"""

from django.db import migrations

# Copies still pending in a campaign that was cancelled (or finished) will never go.
STATUS = """
    CASE WHEN r.status = 'pending' AND c.status IN ('cancelled', 'finished') THEN 'skipped'
         WHEN r.status = 'pending' THEN 'queued'
         ELSE r.status END
"""


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        context = "json_build_object('campaign', r.campaign_id, 'user', r.user_id)::jsonb"
    else:
        context = "json_object('campaign', r.campaign_id, 'user', r.user_id)"
    # A member deleted since (user_id NULL) keeps a unique key through the copy's position.
    key = (
        "CAST(r.campaign_id AS TEXT) || ':' || "
        "COALESCE(CAST(r.user_id AS TEXT), 'seq' || CAST(r.seq AS TEXT))"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO core_outgoingemail
                (purpose, key, "to", template, context, language, reply_to, batch, status,
                 attempts, last_error, created_at, next_attempt_at, sent_at, updated_at)
            SELECT 'matching.campaign', {key}, r.email, 'matching/emails/campaign', {context},
                   'en', '', 'matching.campaign:' || CAST(r.campaign_id AS TEXT), {STATUS},
                   r.attempts, r.error,
                   COALESCE(c.started_at, c.created_at), COALESCE(c.started_at, c.created_at),
                   r.sent_at, COALESCE(r.sent_at, c.started_at, c.created_at)
            FROM matching_campaignrecipient r
            JOIN matching_campaign c ON c.id = r.campaign_id
            WHERE 1 = 1
            ORDER BY r.campaign_id, r.seq
            ON CONFLICT DO NOTHING
            """  # noqa: S608
        )


def backwards(apps, schema_editor):
    # The copies stay in the outbox; the old table comes back empty.
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0004_drop_single_latitude_index"),
        ("core", "0002_outbox"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(
            name="CampaignRecipient",
        ),
    ]
