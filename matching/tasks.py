"""Background jobs of the matching app: they take ids and call services."""

import logging

from celery import shared_task
from celery.signals import worker_ready

from .models import MatchRun

log = logging.getLogger(__name__)


@shared_task(acks_late=True)
def match_need(need_id: int, trigger: str = MatchRun.Trigger.SAVE) -> int:
    """Match one need (just saved, resumed, or declined by a volunteer)."""
    from .services.runs import matching_run

    return matching_run(need_ids=[need_id], trigger=trigger).pk


@shared_task(acks_late=True)
def match_offer(offer_id: int) -> int | None:
    """Match the open needs a newly saved offer could help."""
    from .models import Offer
    from .services.runs import matching_run, needs_for_offer

    offer = Offer.objects.filter(pk=offer_id, status="open").first()
    if offer is None:
        return None
    need_ids = needs_for_offer(offer=offer)
    if not need_ids:
        return None
    return matching_run(need_ids=need_ids, trigger=MatchRun.Trigger.SAVE).pk


@shared_task(acks_late=True)
def match_all_open() -> int:
    """Nightly: expire unanswered introductions and match every open need.

    Emails the run asks for go through the outbox, whose sweep re-queues any lost task.
    """
    from .services.matches import matches_expire
    from .services.runs import matching_run

    expired = matches_expire()
    run = matching_run(trigger=MatchRun.Trigger.NIGHTLY)
    log.info("nightly matching: %s expired, run %s", expired, run)
    return run.pk


@shared_task(acks_late=True)
def prepare_campaign(campaign_id: int) -> int:
    from .services.campaigns import campaign_prepare

    return campaign_prepare(campaign_id=campaign_id)


@shared_task
def resume_stalled_campaigns() -> int:
    from .services.campaigns import campaigns_resume_stalled

    return campaigns_resume_stalled()


@worker_ready.connect
def _resume_campaigns_on_start(sender=None, **kwargs):
    """A worker restarted after a crash picks its campaign up straight away."""
    from datetime import timedelta

    from .services.campaigns import campaigns_resume_stalled

    try:
        campaigns_resume_stalled(stale_after=timedelta(seconds=0))
    except Exception:  # noqa: BLE001 (a worker must start even if this fails)
        log.exception("could not resume campaigns on worker start")
