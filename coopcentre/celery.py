"""The Celery application.

Configuration lives in Django settings under the CELERY_ prefix; with no REDIS_URL the
settings make every task run eagerly in-process, so a newcomer needs no broker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcentre.settings")

app = Celery("coopcentre")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
