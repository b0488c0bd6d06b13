"""The real task worker, for tests.

`drain()` runs every task that is due through django-tasks-db's own `Worker.run_task` (what
`manage.py db_worker` does for each task), in this thread and on this connection, so it
works inside a test's transaction. `running_worker()` starts the worker loop itself in a
thread, for tests against a live server (their writes are committed).
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def _worker(batch: bool, interval: float = 0.0) -> Worker:
    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def drain(limit: int = 1000) -> int:
    """Run the tasks that are due now, in order, until none is left; return how many ran."""
    worker = _worker(batch=True)
    ran = 0
    while ran < limit:
        with transaction.atomic():
            result = DBTaskResult.objects.ready().get_locked()
            if result is None:
                return ran
            result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    raise AssertionError(f"more than {limit} tasks: a task keeps enqueueing itself?")


@contextmanager
def running_worker(interval: float = 0.1) -> Iterator[Worker]:
    """The worker's own loop (`Worker.run`) in a thread, stopped on exit."""
    worker = _worker(batch=False, interval=interval)

    def loop() -> None:
        try:
            worker.run()
        finally:
            connection.close()

    thread = threading.Thread(target=loop, name="db_worker", daemon=True)
    thread.start()
    try:
        yield worker
    finally:
        worker.running = False
        thread.join(timeout=30)
