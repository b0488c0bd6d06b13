from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

from perizinan.refcache import invalidate, invalidator


def _sync_groups(sender, **kwargs):
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
        from .models import Office, User

        post_migrate.connect(_sync_groups, dispatch_uid="perizinan_sync_role_groups")
        # Cached reference data (perizinan/refcache.py) that these rows feed.
        drop_office = invalidator("calendar", "office:nuisance", "office:record")
        for signal in (post_save, post_delete):
            signal.connect(drop_office, sender=Office, weak=False, dispatch_uid=f"office-cache-{signal}")
        m2m_changed.connect(_drop_roles, sender=User.groups.through, dispatch_uid="roles-cache")
        post_save.connect(_drop_roles_of_user, sender=User, dispatch_uid="roles-cache-user")
        m2m_changed.connect(
            _revoke_tokens_on_role_loss, sender=User.groups.through, dispatch_uid="token-revoke"
        )


def _drop_roles(sender, instance, action, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not kwargs.get("reverse"):  # user.groups changed
        invalidate(f"roles:{instance.pk}")
    else:  # group.user_set changed
        invalidate(*(f"roles:{pk}" for pk in (pk_set or [])))


def _drop_roles_of_user(sender, instance, **kwargs):
    invalidate(f"roles:{instance.pk}")


def _revoke_tokens_on_role_loss(sender, instance, action, pk_set, **kwargs):
    """Losing a role revokes every API token of the user (the contract)."""
    from .models import ApiToken

    if not kwargs.get("reverse"):  # user.groups changed
        if action in ("post_remove", "post_clear"):
            ApiToken.objects.filter(user=instance).delete()
    elif action == "post_remove":  # group.user_set.remove(...)
        ApiToken.objects.filter(user_id__in=pk_set or []).delete()
    elif action == "pre_clear":  # group.user_set.clear(): its members, before they are gone
        ApiToken.objects.filter(user__groups=instance).delete()
