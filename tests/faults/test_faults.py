"""Fault tests on PostgreSQL with real processes: the server killed with SIGKILL during a
burst of actions, the database crash-restarted mid-run, the task worker killed mid-job.
Afterwards, once the periodic jobs of docs/deployment.md have run (orphaned files swept,
stalled document jobs enqueued again) and a worker has run: every application's state is its
last log entry's and its chain verifies, every file has its record and every record its file
(SHA-256), licence numbers have no gap, every licence verifies, every document job is done
(`manage.py check_integrity`)."""

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from perizinan.applications.models import Application
from perizinan.documents.models import DocumentJob, JobState
from perizinan.licences.models import Licence
from tests.faults.harness import (
    Burst,
    Server,
    finish,
    free_port,
    paused_worker,
    restart_postgres,
    wait_until,
    worker,
)
from tests.helpers import FORWARD, create_complete, run_until
from tests.worker import drain

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL: make test"
    ),
]
APPS = 3


def _recover_and_check(api, app_ids: list[int]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The periodic jobs, the rest of each application's way, the worker; then the check."""
    call_command("sweep_orphan_files", "--older-than", "0", stdout=io.StringIO())
    call_command("requeue_document_jobs", "--older-than", "0", stdout=io.StringIO())
    for app_id in app_ids:
        finish(api, app_id)
    drain()
    out = io.StringIO()
    call_command("check_integrity", "--json", "--orphan-grace", "0", stdout=out)
    report = json.loads(out.getvalue())
    assert report["problems"] == []
    assert set(Application.objects.filter(pk__in=app_ids).values_list("state", flat=True)) == {"completed"}
    assert Licence.objects.count() == len(app_ids) == report["counts"]["licence_numbers"]
    return report


def _burst_until_a_third(burst: Burst) -> list:  # type: ignore[type-arg]
    threads = burst.start()
    wait_until(lambda: burst.succeeded() >= APPS * len(FORWARD) // 3, "a third of the burst", limit=120)
    return threads


def _after_fault(burst: Burst, threads: list) -> None:  # type: ignore[type-arg]
    for t in threads:
        t.join(timeout=60)
    assert burst.failures, "the fault came after the burst had ended"
    assert burst.succeeded() < APPS * len(FORWARD)


def test_server_killed_during_a_burst_of_actions(api, application_data, users, tmp_path: Path):
    app_ids = [create_complete(api, application_data) for _ in range(APPS)]
    port = free_port()
    server = Server(port, tmp_path / "server.log")
    try:
        burst = Burst(server.base, users, app_ids)
        threads = _burst_until_a_third(burst)
        server.kill9()  # clients are mid-request: cut off, or refused on their next step
        _after_fault(burst, threads)
        server = Server(port, tmp_path / "server2.log")  # what systemd's Restart=always does
        assert Burst(server.base, users, app_ids).answers()
    finally:
        server.stop()
    _recover_and_check(api, app_ids)


@pytest.mark.alone  # restarts its cluster: scripts/run-tests.sh gives it one of its own
def test_postgres_restarted_mid_run(api, application_data, users, tmp_path: Path):
    if not os.environ.get("PERIZINAN_TEST_PGDATA"):
        pytest.fail("PERIZINAN_TEST_PGDATA unset: run through scripts/with-postgres.sh (make test)")
    app_ids = [create_complete(api, application_data) for _ in range(APPS)]
    server = Server(free_port(), tmp_path / "server.log")
    work = worker(tmp_path / "worker.log")
    try:
        burst = Burst(server.base, users, app_ids)
        threads = _burst_until_a_third(burst)
        restart_postgres()  # immediate: like a crash, WAL replay on start
        _after_fault(burst, threads)
        # The same server process serves again once the database is back.
        wait_until(Burst(server.base, users, app_ids).answers, "server after the database restart")
        if work.proc.poll() is not None:  # a worker that lost its connection exits; systemd restarts it
            work = worker(tmp_path / "worker2.log")
    finally:
        server.stop()
        work.stop()
    _recover_and_check(api, app_ids)


def test_worker_killed_mid_job(api, application_data, tmp_path: Path):
    app_ids = [create_complete(api, application_data)]
    run_until(api, app_ids[0], stop_before="recommend")  # steps 3-9 commit; their documents wait
    assert DocumentJob.objects.filter(state=JobState.PENDING).count() >= 4
    marker = tmp_path / "producing"
    paused = paused_worker(tmp_path / "paused.log", marker)
    try:
        wait_until(marker.exists, "the worker inside a job", limit=180)
    finally:
        paused.kill9()
    running = DocumentJob.objects.filter(state=JobState.RUNNING)
    assert running.count() == 1  # killed mid-job: the job says running, and nobody runs it
    stuck = running.get()
    assert not _stored_kinds(stuck)

    restarted = worker(tmp_path / "worker2.log")
    try:
        call_command("requeue_document_jobs", "--older-than", "0", stdout=io.StringIO())
        wait_until(
            lambda: not DocumentJob.objects.exclude(state=JobState.DONE).exists(), "every job done", limit=120
        )
    finally:
        restarted.stop()
    stuck.refresh_from_db()
    assert stuck.state == JobState.DONE and _stored_kinds(stuck) == set(stuck.kinds)
    _recover_and_check(api, app_ids)


def _stored_kinds(job: DocumentJob) -> set[str]:
    return set(job.log_entry.generated.values_list("kind", flat=True))
