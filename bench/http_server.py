"""The production server (gunicorn, config/gunicorn_conf.py) on loopback for the benchmark, a
keep-alive HTTP client for latency, and wrk (Debian package `wrk`) for the load runs."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, TMP, median, percentile

# As the reverse proxy that terminates TLS sends them (settings: SECURE_PROXY_SSL_HEADER); without
# it the production settings redirect every request but /health to https.
PROXY = {"X-Forwarded-Proto": "https"}

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("P50_US %d\\nP95_US %d\\nP99_US %d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Server:
    """gunicorn running the code of `root` (this tree, or another worktree for a baseline)."""

    def __init__(self, root: Path, extra_env: dict[str, str]) -> None:
        from django.conf import settings

        self.port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-bench-only-secret-key-bench",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PERIZINAN_PKI_DIR": str(settings.PERIZINAN_PKI_DIR),
            "PERIZINAN_TRUST_ROOTS": ",".join(settings.PERIZINAN_TRUST_ROOTS),
            "PERIZINAN_SIGNING_PASSPHRASE": settings.PERIZINAN_SIGNING_PASSPHRASE,
            "PORT": str(self.port),
            **extra_env,
        }
        conf = ROOT / "config" / "gunicorn_conf.py"
        self.log = open(TMP / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(conf), "--chdir", str(root)],
            cwd=root,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(600):
            try:
                if self.get("/api/v1/health", {})[0] == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start: see {self.log.name}")

    def get(self, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        c.request("GET", path, headers={**PROXY, **headers})
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, body

    def latency(self, path: str, headers: dict[str, str], requests: int) -> tuple[float, float]:
        """p50 and p95 in ms of `requests` sequential GETs on one keep-alive connection."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        times = []
        for i in range(requests + 3):
            t0 = time.perf_counter()
            c.request("GET", path, headers={**PROXY, **headers})
            r = c.getresponse()
            r.read()
            if i >= 3:  # the first few warm this worker's caches and connection
                times.append((time.perf_counter() - t0) * 1000)
            assert r.status == 200, (path, r.status)
            if r.getheader("Connection", "").lower() == "close":
                c.close()
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        c.close()
        return median(times), percentile(times, 95)

    def load(self, path: str, headers: dict[str, str], connections: int, seconds: int) -> dict[str, float]:
        """wrk for `seconds` with `connections` keep-alive connections: req/s, p50/p95/p99 ms, errors."""
        wrk = shutil.which("wrk")
        if wrk is None:
            sys.exit("wrk is missing: apt-get install -y wrk")
        script = TMP / "p95.lua"
        script.write_text(WRK_SCRIPT)
        cmd = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
        for k, v in {**PROXY, **headers}.items():
            cmd += ["-H", f"{k}: {v}"]
        out = subprocess.run(
            [*cmd, f"http://127.0.0.1:{self.port}{path}"], capture_output=True, text=True, check=True
        ).stdout

        def num(pattern: str) -> float:
            m = re.search(pattern, out)
            return float(m.group(1)) if m else 0.0

        return {
            "rps": num(r"Requests/sec:\s+([\d.]+)"),
            "p50": num(r"P50_US (\d+)") / 1000,
            "p95": num(r"P95_US (\d+)") / 1000,
            "p99": num(r"P99_US (\d+)") / 1000,
            "errors": num(r"Non-2xx or 3xx responses: (\d+)") + num(r"Socket errors: connect (\d+)"),
        }

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)
        self.log.close()
