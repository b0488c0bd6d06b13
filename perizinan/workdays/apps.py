from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

from perizinan.refcache import invalidator


class WorkdaysConfig(AppConfig):
    name = "perizinan.workdays"
    label = "workdays"

    def ready(self) -> None:
        from .models import OfficeClosure

        drop = invalidator("calendar")
        for signal in (post_save, post_delete):
            signal.connect(drop, sender=OfficeClosure, weak=False, dispatch_uid=f"calendar-cache-{signal}")
