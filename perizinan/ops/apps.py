from typing import Any

from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def _create_cache_table(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """The shared cache (rate-limit counters, perizinan/throttle.py) lives in a database table
    that no migration makes: every `migrate` (make run, make serve, a deployment) creates it."""
    call_command("createcachetable", database=using, verbosity=0)


class OpsConfig(AppConfig):
    name = "perizinan.ops"
    label = "ops"
    verbose_name = "Operasi"

    def ready(self) -> None:
        post_migrate.connect(_create_cache_table, sender=self)
