import logging
import smtplib

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import emails
from .models import ModerationDecision

log = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=900,
    max_retries=8,
)
def send_moderation_email(decision_id: int) -> bool:
    """Tell a listing's submitter what staff decided; sends at most once per decision."""
    with transaction.atomic():
        decision = (
            ModerationDecision.objects.select_for_update()
            .select_related("content_type")
            .filter(pk=decision_id, emailed_at__isnull=True)
            .first()
        )
        if decision is None or not decision.recipient_email:
            return False
        listing = decision.listing
        model = decision.content_type.model_class()
        emails.send(
            "moderation-decision",
            to=[decision.recipient_email],
            context={
                "decision": decision,
                "listing": listing,
                "listing_url": listing.get_absolute_url() if listing else "",
                "kind": model._meta.verbose_name if model else "listing",
            },
        )
        # Marked in the same transaction: if the send raised, the row stays unsent.
        decision.emailed_at = timezone.now()
        decision.save(update_fields=["emailed_at"])
    return True


@shared_task(acks_late=True)
def ping(marker: str) -> str:
    """A task with a visible effect in the cache; used to check that a worker is alive."""
    from django.core.cache import cache

    cache.set(f"ping:{marker}", "pong", 300)
    return marker


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=8,
)
def send_rendered_email(*, subject: str, text: str, html: str, to: list[str]) -> int:
    """Send an email already rendered in the request (allauth's account emails)."""
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


# The outbox's tasks live in core/outbox/tasks.py; importing them here lets Celery's
# autodiscovery (which looks for <app>.tasks) register them.
from .outbox.tasks import send_email, sweep_outbox  # noqa: E402, F401
