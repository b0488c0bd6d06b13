from typing import Any

from django.core.management.base import BaseCommand

from perizinan.notifications.fanout import reconcile
from perizinan.notifications.tasks import requeue_stuck


class Command(BaseCommand):
    help = (
        "Enqueue again notifications whose delivery was interrupted or never started (run every few minutes)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{reconcile()} actions fanned out again")
        self.stdout.write(f"{requeue_stuck()} notifications enqueued again")
