from typing import Any

from django.core.management.base import BaseCommand

from perizinan.notifications.reminders import notify_officers


class Command(BaseCommand):
    help = (
        "Queue the officers' daily digest, step reminders and supervisors' overdue alerts (run once a day)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = notify_officers()
        self.stdout.write(f"{count} notifications queued")
