"""A second database that separate processes (manage.py restore, check_integrity) can reach,
on the suite's own engine: a new database on the same PostgreSQL cluster, or a new SQLite file."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def url_of(name: str) -> str:
    d = connection.settings_dict
    auth = d["USER"] + (f":{d['PASSWORD']}" if d.get("PASSWORD") else "")
    return f"postgres://{auth}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{name}"


def this_database_url() -> str:
    """DATABASE_URL of the suite's own test database, for a command run in another process."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{connection.settings_dict['NAME']}"
    return url_of(connection.settings_dict["NAME"])


@pytest.fixture
def empty_database(tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """DATABASE_URL of a new, empty database; dropped afterwards."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url_of(name)
    finally:
        with connection.cursor() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(
    *args: str, database_url: str, media_root: Path, check: bool = True
) -> subprocess.CompletedProcess:
    """`manage.py <args>` in a new process against another database and file storage."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "PERIZINAN_PKI_DIR": str(settings.PERIZINAN_PKI_DIR),
        "PERIZINAN_TRUST_ROOTS": ",".join(settings.PERIZINAN_TRUST_ROOTS),
        "PERIZINAN_SIGNING_PASSPHRASE": settings.PERIZINAN_SIGNING_PASSPHRASE,
    }
    env.pop("PERIZINAN_S3_BUCKET", None)
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if check:
        assert done.returncode == 0, (args, done.stdout[-3000:], done.stderr[-3000:])
    return done
