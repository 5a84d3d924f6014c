from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_structure(sender, using="default", **kwargs):
    # The 3 pillars and 9 domains are the index's fixed shape: make sure a migrated (or
    # flushed) database always has them.
    from .structure import structure_ensure

    structure_ensure()


class WellbeingIndexConfig(AppConfig):
    name = "wellbeing_index"
    verbose_name = _("Wellbeing index")
    # ``manage.py load_demo`` calls this (see core/management/commands/load_demo.py).
    demo = "wellbeing_index.demo.load"

    def ready(self):
        post_migrate.connect(
            _ensure_structure, sender=self, dispatch_uid="wellbeing-index-structure"
        )
