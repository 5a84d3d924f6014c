import logging

from celery import shared_task
from django.db import OperationalError

log = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def compute_index(edition_id: int) -> dict:
    """Recompute every score of one edition (queued after an import commits).

    Idempotent: a second run over the same values gives the same scores.
    """
    from .models import Edition
    from .services import index_compute

    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None:
        log.warning("compute_index: edition %s no longer exists", edition_id)
        return {}
    result = index_compute(edition=edition)
    log.info(
        "compute_index: %s edition, %s areas from %s values",
        result.edition.year,
        result.areas,
        result.values,
    )
    return {"edition": result.edition.year, "areas": result.areas, "values": result.values}
