"""The database half of a backup: PostgreSQL through pg_dump/pg_restore (custom format), SQLite
through its online backup API (`sqlite3.Connection.backup`, consistent while others write)."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

PG_DUMP_NAME = "database.dump"
SQLITE_NAME = "database.sqlite3"


class BackupError(Exception):
    pass


def engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else connection.vendor


def pg_tool(name: str) -> str:
    """pg_dump/pg_restore: PERIZINAN_PG_BIN, else PATH, else the newest Debian PostgreSQL."""
    configured = getattr(settings, "PERIZINAN_PG_BIN", "")
    if configured:
        return str(Path(configured) / name)
    found = shutil.which(name)
    if found:
        return found
    debian = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if debian:
        return str(debian[-1])
    raise BackupError(f"{name} not found: install the PostgreSQL client or set PERIZINAN_PG_BIN")


def _pg_args_env() -> tuple[list[str], dict[str, str]]:
    db: dict[str, Any] = connection.settings_dict
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} failed: {done.stderr.strip()[-2000:]}")


def dump(folder: Path) -> str:
    """Write the database into `folder`; return the file's name."""
    if engine() == "postgresql":
        args, env = _pg_args_env()
        name = connection.settings_dict["NAME"]
        _run([pg_tool("pg_dump"), *args, "-Fc", "--no-owner", "-f", str(folder / PG_DUMP_NAME), name], env)
        return PG_DUMP_NAME
    if engine() == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_NAME)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return SQLITE_NAME
    raise BackupError(f"unsupported database engine: {engine()}")


def is_empty() -> bool:
    return not connection.introspection.table_names()


def load(folder: Path, name: str) -> None:
    """Load a dump written by `dump` into the (empty) configured database."""
    if name == PG_DUMP_NAME:
        if engine() != "postgresql":
            raise BackupError("this backup is of a PostgreSQL database; DATABASE_URL names another engine")
        args, env = _pg_args_env()
        db_name = connection.settings_dict["NAME"]
        restore = [pg_tool("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error"]
        _run([*restore, "-d", db_name, str(folder / name)], env)
        return
    if name == SQLITE_NAME:
        if engine() != "sqlite":
            raise BackupError("this backup is of a SQLite database; DATABASE_URL names another engine")
        connection.ensure_connection()
        source = sqlite3.connect(folder / name)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    raise BackupError(f"unknown database file in the backup: {name}")
