from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from perizinan.documents.jobs import STALE_AFTER, requeue_stalled


class Command(BaseCommand):
    help = (
        "Enqueue again document jobs whose worker died mid-job or whose task was lost "
        "(run every few minutes; safe beside running workers)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=int(STALE_AFTER.total_seconds()),
            help="seconds without progress before a job counts as stalled (default %(default)s)",
        )

    def handle(self, *args: Any, older_than: int, **options: Any) -> None:
        n = requeue_stalled(older_than=timedelta(seconds=older_than))
        self.stdout.write(f"{n} document job(s) enqueued again")
