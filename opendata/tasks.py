"""Background jobs of the open data: new dates into the feeds, and harvests."""

import logging

from celery import shared_task
from django.conf import settings

from .services import harvest, stamps

log = logging.getLogger(__name__)


@shared_task
def stamp_new_dates() -> int:
    return stamps.new_dates_stamp()


@shared_task
def harvest_all() -> None:
    for url in settings.OPENDATA_HARVEST_URLS:
        harvest_url.delay(url)


@shared_task
def harvest_url(url: str) -> str:
    report = harvest.harvest(url)
    log.info("harvest %s: %s", url, report)
    return str(report)
