from importlib import import_module

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # The audit trail's receivers (logins, lockouts, versions) connect when their module loads;
        # it imports models, so it can load only once the app registry is ready.
        import_module("accounts.signalen")
