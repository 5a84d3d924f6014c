import logging

from celery import shared_task
from django.db import OperationalError

log = logging.getLogger(__name__)

# Both jobs recompute a whole edition: retried when the database is briefly unreachable.
_retrying = shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)


@_retrying
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


@_retrying
def social_infrastructure_refresh() -> dict:
    """Nightly (coopcentre/beat.py): count this site's listings near every neighbourhood,
    set the "left behind" flags and recompute the current edition."""
    from .services.social import social_infrastructure_refresh as refresh

    result = refresh()
    log.info(
        "social_infrastructure_refresh: edition %s, %s neighbourhoods, listings %s, %s left behind",
        result.edition_year,
        result.neighbourhoods,
        result.listings,
        result.left_behind,
    )
    return {
        "edition": result.edition_year,
        "neighbourhoods": result.neighbourhoods,
        "listings": result.listings,
        "left_behind": result.left_behind,
    }
