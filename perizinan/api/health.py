"""Liveness and readiness of this server, for load balancers, systemd and monitoring (no token)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from perizinan.ops.health import readiness

router = Router(tags=["ops"])


class LiveOut(Schema):
    ok: bool


class ReadyOut(Schema):
    ready: bool
    checks: dict[str, str]
    worker_seen_seconds_ago: float | None
    pending_migrations: int


class NotReadyOut(ReadyOut):
    detail: str


@router.get("", response={200: LiveOut}, auth=None)
def live(request: HttpRequest) -> Any:
    """Liveness: the process answers. Touches no database (the latency floor in the benchmarks)."""
    return {"ok": True}


@router.get("/ready", response={200: ReadyOut, 503: NotReadyOut}, auth=None)
def ready(request: HttpRequest) -> Any:
    """Readiness: the database answers, every migration is applied, and a task worker
    (`manage.py run_worker`) has written its heartbeat within
    `PERIZINAN_WORKER_HEARTBEAT_MAX_AGE` seconds (default 60). Otherwise `503` naming the check."""
    result = readiness()
    if result.ready:
        return result.as_dict()
    failed = ", ".join(f"{name}: {value}" for name, value in result.checks.items() if value != "ok")
    return Status(503, {"detail": _("Belum siap (%(failed)s).") % {"failed": failed}, **result.as_dict()})
