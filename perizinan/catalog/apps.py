from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

from perizinan.refcache import invalidate


def _drop_catalogue(sender, instance, **kwargs):
    invalidate(f"requirements:{instance.permit_type_id}")


def _drop_permit_types(sender, instance, **kwargs):
    invalidate("permit-types:codes")


class CatalogConfig(AppConfig):
    name = "perizinan.catalog"
    label = "catalog"

    def ready(self) -> None:
        from .models import PermitType, Requirement

        for signal in (post_save, post_delete):
            signal.connect(_drop_catalogue, sender=Requirement, dispatch_uid=f"catalog-cache-{signal}")
            signal.connect(_drop_permit_types, sender=PermitType, dispatch_uid=f"permit-types-cache-{signal}")
