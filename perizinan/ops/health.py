"""Readiness of this server: the database answers, every migration is applied, a worker is alive."""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from .models import WorkerHeartbeat

_migrations_done = False  # once true for this process it stays true (new migrations come with new code)


@dataclass
class Readiness:
    checks: dict[str, str] = field(default_factory=dict)
    worker_seen_seconds_ago: float | None = None
    pending_migrations: int = 0

    @property
    def ready(self) -> bool:
        return all(v == "ok" for v in self.checks.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "ready": self.ready,
            "checks": self.checks,
            "worker_seen_seconds_ago": self.worker_seen_seconds_ago,
            "pending_migrations": self.pending_migrations,
        }


def _pending_migrations() -> int:
    global _migrations_done
    if _migrations_done:
        return 0
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_done = pending == 0
    return pending


def readiness() -> Readiness:
    result = Readiness()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        result.checks["database"] = "ok"
    except DatabaseError:
        result.checks["database"] = "unreachable"
        result.checks["migrations"] = "unknown"
        result.checks["worker"] = "unknown"
        return result
    result.pending_migrations = _pending_migrations()
    result.checks["migrations"] = "ok" if result.pending_migrations == 0 else "pending"
    seen = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    max_age = timedelta(seconds=settings.PERIZINAN_WORKER_HEARTBEAT_MAX_AGE)
    if seen is None:
        result.checks["worker"] = "none"
    else:
        age = timezone.now() - seen
        result.worker_seen_seconds_ago = round(age.total_seconds(), 1)
        result.checks["worker"] = "ok" if age <= max_age else "stale"
    return result
