from urllib.parse import urlsplit

from django.conf import settings


def site_from_settings(sender, using="default", **kwargs):
    """Name the Sites-framework site after SITE_URL, so account emails say coopcentre."""
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc or "127.0.0.1:8000"
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME}
    )
