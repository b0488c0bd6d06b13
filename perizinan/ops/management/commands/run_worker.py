"""`manage.py run_worker`: django-tasks-db's `db_worker` with a heartbeat row (see perizinan/ops).

Takes every option of `db_worker`; `make serve` and `make run` start it beside the web server."""

from typing import Any

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from perizinan.ops.heartbeat import Heartbeat, beat, stop


class Command(DbWorkerCommand):
    help = "Run the task worker (django-tasks-db) and record its heartbeat for readiness checks"

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = options["worker_id"]
        heartbeat = Heartbeat(worker_id, every=settings.PERIZINAN_WORKER_HEARTBEAT_SECONDS)
        beat(worker_id, started_at=heartbeat.started_at)  # ready as soon as it starts
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stopping.set()
            heartbeat.join(timeout=5)
            stop(worker_id)
