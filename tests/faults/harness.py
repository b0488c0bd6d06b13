"""Real processes for the fault tests: the server (`manage.py runserver --noreload`), the task
worker (`manage.py db_worker`), the PostgreSQL cluster (pg_ctl), each against the test
database, which these tests commit to (`transactional_db`)."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests
from django.conf import settings
from django.db import connection

from perizinan.accounts.models import ApiToken
from perizinan.demo import sample_pdf
from tests.helpers import FORWARD, act
from tests.maintenance.conftest import url_of

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url_of(connection.settings_dict["NAME"]),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PERIZINAN_PKI_DIR": str(settings.PERIZINAN_PKI_DIR),
        "PERIZINAN_TRUST_ROOTS": ",".join(settings.PERIZINAN_TRUST_ROOTS),
        "PERIZINAN_SIGNING_PASSPHRASE": settings.PERIZINAN_SIGNING_PASSPHRASE,
        "PYTHONUNBUFFERED": "1",
    }


def wait_until(ready, what: str, limit: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Poll `ready()` until true; the limit only turns a hang into a failure message."""
    end = time.monotonic() + limit
    while not ready():
        if time.monotonic() > end:
            raise AssertionError(f"{what} not ready after {limit:.0f} s")
        time.sleep(0.05)


class Process:
    def __init__(self, args: list[str], log: Path) -> None:
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, *args], cwd=ROOT, env=env(), stdout=log.open("ab"), stderr=subprocess.STDOUT
        )

    def kill9(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill9()


class Server(Process):
    def __init__(self, port: int, log: Path) -> None:
        super().__init__(["manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"], log)
        self.base = f"http://127.0.0.1:{port}/api/v1"
        try:  # a loaded machine takes its time to import Django: the limit is only a hang guard
            wait_until(self._answers, "server", limit=180)
        except BaseException:
            self.kill9()
            raise

    def _answers(self) -> bool:
        assert self.proc.poll() is None, self.log.read_text()[-3000:]
        try:
            return requests.get(f"{self.base}/permit-types", timeout=30).status_code < 500
        except requests.RequestException:
            return False


def worker(log: Path) -> Process:
    return Process(["manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"], log)


def paused_worker(log: Path, marker: Path) -> Process:
    """The real worker, stopped for good inside its first document (tests/faults/paused_worker.py)."""
    return Process(["tests/faults/paused_worker.py", str(marker)], log)


def restart_postgres() -> None:
    """Crash-restart the throwaway cluster (`-m immediate`: no shutdown checkpoint, WAL replay on start)."""
    pgbin, data, log = (
        os.environ[k] for k in ("PERIZINAN_TEST_PGBIN", "PERIZINAN_TEST_PGDATA", "PERIZINAN_TEST_PGLOG")
    )
    run_as = (
        ["runuser", "-u", os.environ["PERIZINAN_TEST_PGUSER_OS"], "--"]
        if os.environ.get("PERIZINAN_TEST_PGUSER_OS")
        else []
    )
    subprocess.run(
        [*run_as, f"{pgbin}/pg_ctl", "-D", data, "-l", log, "-m", "immediate", "-w", "restart"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    connection.close()  # this process's own connection died with the server: the next query reconnects


class Burst:
    """Clients taking applications forward through the server's HTTP API at once. A client
    stops at its first failure (refused connection, 5xx): what a browser would see."""

    def __init__(self, base: str, users: dict[str, Any], app_ids: list[int]) -> None:
        self.base = base
        self.tokens = {name: ApiToken.issue(users[name]) for name in {a for a, _n, _d in FORWARD}}
        self.app_ids = app_ids
        self.ok = 0
        self.failures: list[str] = []
        self.lock = threading.Lock()

    def _step(self, app_id: int, actor: str, name: str, data: dict[str, Any]) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.tokens[actor]}"}
        url = f"{self.base}/applications/{app_id}/actions/{name}"
        if name in {"recommend", "receive_recommendation"}:
            files = {
                "inspection_report": ("bap.pdf", sample_pdf("bap.pdf"), "application/pdf"),
                "recommendation": ("rek.pdf", sample_pdf("rek.pdf"), "application/pdf"),
            }
            form = {"recommendation_number": "445/77/Farmalkes", "recommendation_date": "2026-11-20"}
            return requests.post(url, data=form, files=files, headers=headers, timeout=60)
        return requests.post(url, json=data, headers=headers, timeout=60)

    def drive(self, app_id: int) -> None:
        for actor, name, data in FORWARD:
            try:
                r = self._step(app_id, actor, name, data)
            except requests.RequestException as exc:
                with self.lock:
                    self.failures.append(f"{app_id} {name}: {type(exc).__name__}")
                return
            with self.lock:
                if r.status_code != 200:
                    self.failures.append(f"{app_id} {name}: {r.status_code}")
                    return
                self.ok += 1

    def start(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self.drive, args=(a,), daemon=True) for a in self.app_ids]
        for t in threads:
            t.start()
        return threads

    def answers(self) -> bool:
        """The server reads the database again (a GET that needs it)."""
        token = next(iter(self.tokens.values()))
        try:
            r = requests.get(
                f"{self.base}/applications", headers={"Authorization": f"Bearer {token}"}, timeout=5
            )
        except requests.RequestException:
            return False
        return r.status_code == 200

    def succeeded(self) -> int:
        with self.lock:
            return self.ok


def finish(api, app_id: int) -> None:  # type: ignore[no-untyped-def]
    """Take an application the rest of the way (in this process), from wherever the fault left it."""
    offered: list[str] = []
    for i, (actor, name, _d) in enumerate(FORWARD):
        offered = [a["name"] for a in api(actor).get(f"/applications/{app_id}/actions").json()]
        if name in offered:
            for actor2, name2, data2 in FORWARD[i:]:
                act(api, app_id, actor2, name2, data2)
            return
    state = api("cs").get(f"/applications/{app_id}").json()["state"]
    assert state == "completed", (app_id, state)
