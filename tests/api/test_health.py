"""Liveness and readiness (`/api/v1/health`, `/api/v1/health/ready`) and the worker's heartbeat."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.utils import timezone

from perizinan.ops import health
from perizinan.ops.heartbeat import beat
from perizinan.ops.models import WorkerHeartbeat

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_migration_check(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(health, "_migrations_done", False)


def ready() -> tuple[int, dict]:
    r = Client().get("/api/v1/health/ready")
    return r.status_code, r.json()


@pytest.mark.django_db
def test_liveness_answers_without_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        r = Client().get("/api/v1/health")
    assert r.status_code == 200 and r.json() == {"ok": True}
    assert Client().post("/api/v1/health").status_code == 405


@pytest.mark.django_db
def test_not_ready_without_a_worker_then_ready_after_its_heartbeat():
    status, body = ready()
    assert status == 503 and body["checks"] == {"database": "ok", "migrations": "ok", "worker": "none"}
    assert "worker: none" in body["detail"]
    beat("w1", started_at=timezone.now())
    status, body = ready()
    assert status == 200 and body["ready"] is True and body["worker_seen_seconds_ago"] < 60


@pytest.mark.django_db
def test_a_stale_heartbeat_is_not_ready(settings):
    beat("w1", started_at=timezone.now())
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(seconds=61))
    status, body = ready()
    assert status == 503 and body["checks"]["worker"] == "stale"
    settings.PERIZINAN_WORKER_HEARTBEAT_MAX_AGE = 120
    assert ready()[0] == 200


@pytest.mark.django_db
def test_heartbeats_of_workers_gone_for_a_day_are_forgotten():
    beat("old", started_at=timezone.now())
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(days=2))
    beat("new", started_at=timezone.now())
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["new"]


@pytest.mark.django_db
def test_a_pending_migration_is_not_ready():
    beat("w1", started_at=timezone.now())
    MigrationRecorder.Migration.objects.filter(app="ops", name="0001_worker_heartbeat").delete()
    status, body = ready()
    assert status == 503 and body["checks"]["migrations"] == "pending" and body["pending_migrations"] == 1


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_makes_the_server_ready_and_stopping_it_does_not():
    env = {**os.environ, "DATABASE_URL": _database_url(), "PERIZINAN_WORKER_HEARTBEAT_SECONDS": "0.5"}
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-reload", "--no-startup-delay", "--worker-id", "t1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(3000):  # the worker process starts (Django set-up, slow on a busy machine) and beats
            if WorkerHeartbeat.objects.filter(worker_id="t1").exists() or worker.poll() is not None:
                break
            time.sleep(0.1)
        assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
        first = WorkerHeartbeat.objects.get(worker_id="t1").seen_at
        assert ready()[0] == 200
        for _ in range(3000):  # it beats again while it runs
            if WorkerHeartbeat.objects.get(worker_id="t1").seen_at > first:
                break
            time.sleep(0.1)
        assert WorkerHeartbeat.objects.get(worker_id="t1").seen_at > first
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    status, body = ready()
    assert status == 503 and body["checks"]["worker"] == "none"


@pytest.mark.django_db
def test_migrate_makes_the_shared_cache_table_the_throttle_counts_in():
    """`make serve` and deployments run plain `migrate`: the cache table must come with it."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE perizinan_cache")
    assert "perizinan_cache" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert "perizinan_cache" in connection.introspection.table_names()
    cache.set("throttle-probe", 1)
    assert cache.get("throttle-probe") == 1
