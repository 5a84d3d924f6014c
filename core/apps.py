from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Moderation and site")

    def ready(self):
        from .languages import drop_empty_fallbacks
        from .moderation import DECISION_EMAIL, decision_email_context
        from .moderation_queue.digest import DIGEST_EMAIL, digest_context
        from .outbox import registry
        from .signals import site_from_settings

        registry.register(
            DECISION_EMAIL,
            template="core/emails/moderation-decision",
            context=decision_email_context,
            label=_("Moderation decision, to the submitter"),
        )
        registry.register(
            DIGEST_EMAIL,
            template="core/emails/moderation-digest",
            context=digest_context,
            label=_("Daily moderation digest, to each moderator"),
        )
        post_migrate.connect(
            site_from_settings, sender=self, dispatch_uid="core-site-from-settings"
        )
        drop_empty_fallbacks()
