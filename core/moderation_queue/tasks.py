from celery import shared_task


@shared_task
def send_moderation_digest() -> int:
    """Daily (beat): email each moderator what awaits a decision, once a day."""
    from .digest import digest_send

    return digest_send()
