"""The task worker's heartbeat: a row per worker, updated while its process runs."""

import os
import socket
import threading
from datetime import datetime, timedelta

from django.db import close_old_connections, connection
from django.utils import timezone

from .models import WorkerHeartbeat

FORGET_AFTER = timedelta(days=1)  # rows of workers gone this long are deleted


def beat(worker_id: str, *, started_at: datetime) -> None:
    """Record that `worker_id` is alive now (and forget workers gone for a day)."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now, "hostname": socket.gethostname(), "pid": os.getpid()},
        create_defaults={
            "seen_at": now,
            "started_at": started_at,
            "hostname": socket.gethostname(),
            "pid": os.getpid(),
        },
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


def stop(worker_id: str) -> None:
    """A worker that stops cleanly removes its row (readiness then no longer counts it)."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


class Heartbeat(threading.Thread):
    """Beats every `every` seconds for as long as the worker's main thread runs."""

    def __init__(self, worker_id: str, every: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.every = every
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.is_set() and threading.main_thread().is_alive():
                close_old_connections()
                try:
                    beat(self.worker_id, started_at=self.started_at)
                except Exception:  # a database that is away for a moment: try again next beat
                    connection.close()
                self.stopping.wait(self.every)
        finally:
            connection.close()
