from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "foryou.accounts"
    label = "accounts"
    verbose_name = "Staff accounts"

    def ready(self):
        from foryou.accounts import roles, signals  # noqa: F401  (connects the login signal handlers)

        post_migrate.connect(roles.sync_after_migrate, sender=self, dispatch_uid="foryou.accounts.sync_role_groups")
