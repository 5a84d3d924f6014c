from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's "account" app is "Accounts" in the admin too: one section each, told apart.
    verbose_name = _("Members")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.outbox import registry

        from .models import User

        # A member's cached copy (accounts.backends) goes when they change.
        post_save.connect(_forget_user, sender=User, dispatch_uid="accounts-forget-user")
        post_delete.connect(_forget_user, sender=User, dispatch_uid="accounts-forget-user-del")

        # allauth's emails (confirm your address, reset your password…) are rendered in the
        # request by accounts.adapter; the outbox sends the stored parts as they are.
        registry.register(
            "accounts.*",
            template="accounts/emails/allauth",
            label=_("Account emails (allauth)"),
            private=True,
        )


def _forget_user(sender, instance, **kwargs):
    from django.db import transaction

    from .backends import forget_user

    forget_user(instance.pk)
    # Again on commit: a request that read the old row before then cannot keep it cached.
    transaction.on_commit(lambda: forget_user(instance.pk))
