from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_groups(sender, **kwargs):  # type: ignore[no-untyped-def]
    from django.apps import apps

    last = [a for a in apps.get_app_configs() if a.models_module is not None][-1]
    if sender.label == last.label:  # every app's permissions exist by now
        from .permissions import sync_role_groups

        sync_role_groups()


class AccountsConfig(AppConfig):
    name = "perizinan.accounts"
    label = "accounts"
    verbose_name = _("Akun dan peran")

    def ready(self) -> None:
        post_migrate.connect(_sync_groups, dispatch_uid="perizinan_sync_role_groups")
