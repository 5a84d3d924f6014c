from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's "account" app is "Accounts" in the admin too: one section each, told apart.
    verbose_name = "Members"

    def ready(self):
        from core.outbox import registry

        # allauth's emails (confirm your address, reset your password…) are rendered in the
        # request by accounts.adapter; the outbox sends the stored parts as they are.
        registry.register(
            "accounts.*",
            template="accounts/emails/allauth",
            label="Account emails (allauth)",
            private=True,
        )
