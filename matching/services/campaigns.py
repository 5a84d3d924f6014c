"""Campaigns: one email to every member who opted in, in chunks, exactly once.

Starting a campaign snapshots its recipients into the outbox (one ``INSERT … SELECT``): one
``OutgoingEmail`` per member, purpose ``matching.campaign``, key ``<campaign id>:<user id>``,
batch ``matching.campaign:<campaign id>``. The outbox's batch sender (``core.outbox.batch``)
sends them in chunks over one SMTP connection per run, exactly once even if a worker is
killed mid-run; ``CampaignBatch`` below tells it whether the campaign is still sending, what
every copy shares, and each member's unsubscribe link.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import connection, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import absolute_url
from core.outbox import registry
from core.outbox.batch import BatchRow, BatchSpec, batch_send
from core.outbox.models import OutgoingEmail, OutgoingStatus
from matching.models import Campaign, CampaignStatus

PURPOSE = "matching.campaign"
TEMPLATE = "matching/emails/campaign"
UNSUBSCRIBE_SALT = "matching.campaign-unsubscribe"


def campaign_batch(campaign_id: int) -> str:
    """The outbox batch that holds a campaign's copies."""
    return f"{PURPOSE}:{campaign_id}"


# ---------------------------------------------------------------------------------------
# Unsubscribing


def unsubscribe_token_make(*, user_id: int) -> str:
    return signing.dumps(user_id, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_read(*, token: str):
    """The member a campaign's unsubscribe link is for, or None if the link is not valid."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=user_id).first()


def campaign_unsubscribe(*, user) -> None:
    """Stop campaign emails to ``user`` (this campaign's remaining copies included)."""
    type(user).objects.filter(pk=user.pk).update(campaign_opt_in=False)


# ---------------------------------------------------------------------------------------
# Starting, pausing, resuming


def campaign_start(*, campaign: Campaign, by=None) -> bool:
    """Start a draft campaign: its recipient list is made, then sending begins (background).

    Returns False if the campaign was not a draft.
    """
    from matching.tasks import prepare_campaign

    with transaction.atomic():
        updated = Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.DRAFT).update(
            status=CampaignStatus.PREPARING, started_at=timezone.now(), heartbeat_at=timezone.now()
        )
        if updated:
            transaction.on_commit(lambda: prepare_campaign.delay(campaign.pk))
    return bool(updated)


def campaign_prepare(*, campaign_id: int) -> int:
    """Snapshot the recipients (members opted in, active, with a verified address), once.

    Returns the number of recipients; sets the campaign sending.
    """
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
        if campaign.status != CampaignStatus.PREPARING:
            return campaign.recipients_total
        _snapshot_recipients(campaign)
        campaign.recipients_total = OutgoingEmail.objects.filter(
            batch=campaign_batch(campaign.pk)
        ).count()
        campaign.status = CampaignStatus.SENDING
        campaign.heartbeat_at = timezone.now()
        campaign.save(update_fields=["recipients_total", "status", "heartbeat_at"])
        transaction.on_commit(lambda: _queue_senders(campaign_id))
    return campaign.recipients_total


def _snapshot_recipients(campaign: Campaign) -> None:
    """One outbox row per recipient, in one statement in the database: bounded memory
    whatever the member count, ids in member order, nothing twice (ON CONFLICT), each in its
    member's language."""
    from allauth.account.models import EmailAddress

    User = get_user_model()  # noqa: N806
    if connection.vendor == "postgresql":
        context = "json_build_object('campaign', %s::integer, 'user', u.id)::jsonb"
    else:
        context = "json_object('campaign', %s, 'user', u.id)"
    sql = f"""
        INSERT INTO {OutgoingEmail._meta.db_table}
            (purpose, key, "to", template, context, language, reply_to, batch, status,
             attempts, last_error, created_at, next_attempt_at, updated_at)
        SELECT %s, CAST(%s AS TEXT) || ':' || CAST(u.id AS TEXT), u.email, %s, {context},
               COALESCE(NULLIF(u.language, ''), %s), '', %s, %s, 0, '', %s, %s, %s
        FROM {User._meta.db_table} u
        WHERE u.campaign_opt_in = %s AND u.is_active = %s
          AND EXISTS (
            SELECT 1 FROM {EmailAddress._meta.db_table} e
            WHERE e.user_id = u.id AND e.verified = %s
          )
        ORDER BY u.id
        ON CONFLICT DO NOTHING
    """  # noqa: S608 (table names from the models; values are parameters)
    now = timezone.now()
    # Each copy in the language its member chose (English when none is stored).
    params = [PURPOSE, campaign.pk, TEMPLATE, campaign.pk, settings.LANGUAGE_CODE]
    params += [campaign_batch(campaign.pk)]
    params += [OutgoingStatus.QUEUED, now, now, now, True, True, True]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _queue_senders(campaign_id: int) -> None:
    from core.outbox.tasks import send_batch

    for _sender in range(max(1, settings.CAMPAIGN_PARALLEL)):
        send_batch.delay(campaign_batch(campaign_id))


def campaign_pause(*, campaign: Campaign) -> bool:
    """Pause sending; workers stop at the end of their current chunk."""
    return bool(
        Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.SENDING).update(
            status=CampaignStatus.PAUSED
        )
    )


def campaign_resume(*, campaign: Campaign) -> bool:
    """Resume a paused campaign where it stopped; nobody gets a second copy."""
    with transaction.atomic():
        updated = Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.PAUSED).update(
            status=CampaignStatus.SENDING, heartbeat_at=timezone.now()
        )
        if updated:
            transaction.on_commit(lambda: _queue_senders(campaign.pk))
    return bool(updated)


def campaign_cancel(*, campaign: Campaign) -> bool:
    """Stop a campaign for good; copies not yet sent never go."""
    return bool(
        Campaign.objects.filter(
            pk=campaign.pk,
            status__in=[
                CampaignStatus.DRAFT,
                CampaignStatus.PREPARING,
                CampaignStatus.SENDING,
                CampaignStatus.PAUSED,
            ],
        ).update(status=CampaignStatus.CANCELLED, finished_at=timezone.now())
    )


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    failed: int
    skipped: int
    remaining: int

    @property
    def done(self) -> int:
        return self.total - self.remaining

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def campaign_progress(*, campaign: Campaign) -> Progress:
    """Sent, failed, skipped and remaining copies, counted in one query."""
    counts = OutgoingEmail.objects.filter(batch=campaign_batch(campaign.pk)).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=OutgoingStatus.SENT)),
        failed=Count("pk", filter=Q(status=OutgoingStatus.FAILED)),
        skipped=Count("pk", filter=Q(status=OutgoingStatus.SKIPPED)),
        remaining=Count("pk", filter=Q(status__in=[OutgoingStatus.QUEUED, OutgoingStatus.SENDING])),
    )
    return Progress(**counts)


def campaigns_resume_stalled(*, stale_after: timedelta = timedelta(minutes=2)) -> int:
    """Queue workers again for campaigns nobody has made progress on lately.

    Called by beat every couple of minutes and when a worker starts, so a campaign whose
    worker was killed carries on. Extra workers are harmless: chunks are locked.
    """
    from matching.tasks import prepare_campaign

    cutoff = timezone.now() - stale_after
    count = 0
    stalled = Campaign.objects.filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True),
        status__in=[CampaignStatus.PREPARING, CampaignStatus.SENDING],
    )
    for campaign in stalled:
        if campaign.status == CampaignStatus.PREPARING:
            prepare_campaign.delay(campaign.pk)
        else:
            _queue_senders(campaign.pk)
        count += 1
    _skip_cancelled_copies()
    return count


def _skip_cancelled_copies() -> None:
    """Copies of a cancelled campaign will never go: once no sender has touched it for two
    minutes (none is mid-chunk), they show as skipped, not queued, in the outbox."""
    quiet = Q(heartbeat_at__lt=timezone.now() - timedelta(minutes=2)) | Q(heartbeat_at=None)
    for pk in Campaign.objects.filter(quiet, status=CampaignStatus.CANCELLED).values_list(
        "pk", flat=True
    ):
        OutgoingEmail.objects.filter(batch=campaign_batch(pk), status=OutgoingStatus.QUEUED).update(
            status=OutgoingStatus.SKIPPED, updated_at=timezone.now()
        )


# ---------------------------------------------------------------------------------------
# Sending (through the outbox's batch sender)


def campaign_send(*, campaign_id: int, time_budget: float = 30.0):
    """Send queued copies of a campaign for up to ``time_budget`` seconds (see
    ``core.outbox.batch.batch_send``); marks it finished when no copy is left."""
    return batch_send(batch=campaign_batch(campaign_id), time_budget=time_budget)


def _unsubscribe_url(user_id: int | None) -> str:
    return absolute_url(
        reverse(
            "matching:unsubscribe", kwargs={"token": unsubscribe_token_make(user_id=user_id or 0)}
        )
    )


def _campaign_id(batch: str) -> int:
    return int(batch.rsplit(":", 1)[1])


class CampaignBatch(BatchSpec):
    """How the outbox sends a campaign: while it is sending, to members still opted in."""

    per_copy = ("user", "unsubscribe_url")

    def chunk_size(self, batch: str) -> int:
        size = (
            Campaign.objects.filter(pk=_campaign_id(batch))
            .values_list("chunk_size", flat=True)
            .first()
        )
        return size or 500

    def shared_context(self, batch: str) -> dict | None:
        campaign = Campaign.objects.filter(
            pk=_campaign_id(batch), status=CampaignStatus.SENDING
        ).first()
        return {"campaign": campaign} if campaign else None

    def copies(self, rows: list[BatchRow]) -> dict[int, dict | None]:
        # Members who opted out (or left) since the campaign started are skipped.
        user_ids = [row.context.get("user") for row in rows]
        still_in = set(
            get_user_model()
            .objects.filter(
                pk__in=[pk for pk in user_ids if pk], campaign_opt_in=True, is_active=True
            )
            .values_list("pk", flat=True)
        )
        return {
            row.pk: (
                {"user": uid, "unsubscribe_url": _unsubscribe_url(uid)}
                if (uid := row.context.get("user")) in still_in
                else None
            )
            for row in rows
        }

    def progressed(self, batch: str) -> None:
        Campaign.objects.filter(pk=_campaign_id(batch)).update(heartbeat_at=timezone.now())

    def finished(self, batch: str) -> None:
        Campaign.objects.filter(pk=_campaign_id(batch), status=CampaignStatus.SENDING).update(
            status=CampaignStatus.FINISHED, finished_at=timezone.now()
        )


def campaign_copy_context(row) -> dict | None:
    """One copy sent on its own (staff's "Send again"): None if the campaign was cancelled
    or the member opted out since."""
    campaign = (
        Campaign.objects.filter(pk=row.context["campaign"])
        .exclude(status=CampaignStatus.CANCELLED)
        .first()
    )
    user_id = row.context.get("user")
    opted_in = (
        get_user_model().objects.filter(pk=user_id, campaign_opt_in=True, is_active=True).exists()
    )
    if campaign is None or not opted_in:
        return None
    return {"campaign": campaign, "user": user_id, "unsubscribe_url": _unsubscribe_url(user_id)}


def campaign_headers(context: dict) -> dict:
    """A stable Message-ID per campaign and member (a copy sent again carries the same
    one), and the one-click unsubscribe headers mail apps show as a button."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">").strip()
    return {
        "Message-ID": f"<campaign-{context['campaign'].pk}-{context['user']}@{domain}>",
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def register_campaign_email() -> None:
    """Called from MatchingConfig.ready()."""
    registry.register(
        PURPOSE,
        template=TEMPLATE,
        context=campaign_copy_context,
        headers=campaign_headers,
        batch=CampaignBatch(),
        label=_("Campaign, to every member who opted in"),
    )
