import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcentre.settings")

application = get_wsgi_application()

# Import every view now (Django reads the URLconf lazily): otherwise the first request
# each worker answers spends about a second importing them.
get_resolver().url_patterns  # noqa: B018 (reading it imports them)

# What Django loaded at start-up (apps, models, views: a few hundred thousand objects)
# lives as long as the process. Frozen, the garbage collector's full passes no longer walk
# it: one such pass, every few requests that build many objects (a 500-item feed page),
# cost up to 100 ms.
gc.freeze()
