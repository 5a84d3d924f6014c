import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopcentre.settings")

application = get_wsgi_application()

# What Django loaded at start-up (apps, models, settings: a few hundred thousand objects)
# lives as long as the process. Frozen, the garbage collector's full passes no longer walk
# it: one such pass, every few requests that build many objects (a 500-item feed page),
# cost up to 100 ms.
gc.freeze()
