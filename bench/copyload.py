"""Loading rows fast for the benchmarks: text lines for PostgreSQL's COPY (executemany on
SQLite), secondary indexes and constraints dropped during a load, ids reserved from sequences,
and the process log's keyed hash chain computed in bulk."""

import hashlib
import hmac
import json
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models

# Seconds spent in each phase of the last load, added up over the processes that did it.
TIMINGS: dict[str, float] = {}


def escape(value: str) -> str:
    """A value in COPY's text format."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def const(field: models.Field, value: Any, *, pg: bool) -> str:
    """A constant column's value as COPY text (PostgreSQL) or as SQLite stores it."""
    if value is None:
        return "\\N"
    if isinstance(field, models.BooleanField):
        return ("t" if value else "f") if pg else ("1" if value else "0")
    if isinstance(field, models.JSONField):
        return escape(json.dumps(value))
    return escape(str(value))


def timestamp(value: datetime, *, pg: bool) -> str:
    """A timestamp as the database's column takes it (UTC)."""
    if pg:
        return value.isoformat()
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


class Table:
    """Rows of one model as text lines: the given columns in order, then every other concrete
    column (but the primary key, which its sequence fills) at its default, NULL or empty."""

    def __init__(self, model: type[models.Model], columns: Iterable[str], **constants: Any) -> None:
        self.pg = connection.vendor == "postgresql"
        self.table = model._meta.db_table
        self.columns = list(columns)
        tail = []
        for f in model._meta.concrete_fields:
            if f.column in self.columns or f.primary_key:
                continue
            if f.column in constants:
                v = constants[f.column]
            elif f.has_default():
                v = f.get_default()
            else:
                v = None if f.null else ""
            tail.append(const(f, v, pg=self.pg))
            self.columns.append(f.column)
        self.tail = "\t" + "\t".join(tail) if tail else ""
        self.lines: list[str] = []
        self.count = 0

    def add(self, *values: str) -> None:
        self.lines.append("\t".join(values) + self.tail)

    def flush(self) -> None:
        if not self.lines:
            return
        t0 = time.perf_counter()
        with connection.cursor() as c:
            if self.pg:
                with c.cursor.copy(f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN") as copy:
                    for i in range(0, len(self.lines), 5000):
                        copy.write("\n".join(self.lines[i : i + 5000]) + "\n")
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                c.executemany(
                    f"INSERT INTO {self.table} ({', '.join(self.columns)}) VALUES ({marks})",
                    [_sqlite_row(line) for line in self.lines],
                )
        self.count += len(self.lines)
        self.lines.clear()
        TIMINGS["copy"] = TIMINGS.get("copy", 0.0) + time.perf_counter() - t0


def _sqlite_row(line: str) -> list[str | None]:
    return [None if v == "\\N" else v.replace("\\t", "\t").replace("\\n", "\n") for v in line.split("\t")]


def reserve_ids(model: type[models.Model], n: int) -> int:
    """The first of n ids nobody else will take."""
    table = model._meta.db_table
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) FROM {table}) + %s)",
                [n],
            )
            return int(c.fetchone()[0]) - n + 1
        c.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        return int(c.fetchone()[0]) + 1


class Unindexed:
    """PostgreSQL: the tables' secondary indexes, unique and foreign-key constraints dropped while
    rows are copied in, made again (and every key checked) on leaving: one sort per index instead
    of millions of insertions. The indexes are built side by side (one connection per thread),
    then the foreign keys are added unchecked and checked table by table, side by side too.
    Does nothing on SQLite."""

    def __init__(self, tables: list[str], *, threads: int = 3) -> None:
        self.tables = tables
        self.threads = threads
        self.unique: list[tuple[str, str, str]] = []  # table, constraint, its index's definition
        self.foreign: list[tuple[str, str, str]] = []  # table, constraint, definition
        self.indexes: list[str] = []

    def __enter__(self) -> "Unindexed":
        if connection.vendor != "postgresql":
            return self
        with connection.cursor() as c:
            for table in self.tables:
                c.execute(
                    "SELECT conname, contype, pg_get_constraintdef(oid), pg_get_indexdef(conindid) "
                    "FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('f', 'u')",
                    [table],
                )
                for name, kind, definition, index in c.fetchall():
                    if kind == "u":
                        self.unique.append((table, name, index))
                    else:
                        self.foreign.append((table, name, definition))
            for table, name, _ in self.foreign + self.unique:
                c.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for table in self.tables:
                c.execute(
                    "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                    "WHERE indrelid = %s::regclass AND NOT indisprimary",
                    [table],
                )
                for name, definition in c.fetchall():
                    self.indexes.append(definition)
                    c.execute(f"DROP INDEX {name}")
        return self

    def _run(self, statements: list[str]) -> None:
        """Statements in order, on this thread's own connection."""
        try:
            with connection.cursor() as c:
                c.execute("SET maintenance_work_mem = '256MB'")
                for sql in statements:
                    c.execute(sql)
        finally:
            connection.close()

    def _side_by_side(self, groups: list[list[str]]) -> None:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(self.threads) as pool:
            for future in [pool.submit(self._run, g) for g in groups if g]:
                future.result()

    def __exit__(self, *exc: object) -> None:
        if connection.vendor != "postgresql" or exc[0] is not None:
            return
        t0 = time.perf_counter()
        # biggest first: the longest builds start at once
        builds = [[d] for d in self.indexes] + [[index] for _, _, index in self.unique]
        self._side_by_side(sorted(builds, key=lambda g: "processlog" not in g[0]))
        with connection.cursor() as c:
            for table, name, index in self.unique:
                index_name = index.split(" INDEX ", 1)[1].split(" ON ", 1)[0]
                c.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" UNIQUE USING INDEX {index_name}')
            for table, name, definition in self.foreign:
                c.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition} NOT VALID')
        TIMINGS["indexes"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        by_table: dict[str, list[str]] = {}
        for table, name, _ in self.foreign:
            by_table.setdefault(table, []).append(f'ALTER TABLE {table} VALIDATE CONSTRAINT "{name}"')
        self._side_by_side(sorted(by_table.values(), key=lambda g: "processlog" not in g[0]))
        TIMINGS["foreign keys checked"] = time.perf_counter() - t1


class Chain:
    """The keyed hash chain of the process log (perizinan/workflow/log.py, docs/adr/0014) for
    template entries whose only varying fields are the application, seq, time, link and seconds
    since the previous entry. The log's own `canonical()` makes each template entry's JSON once,
    with marker values in those fields; `hash` fills them in and keys the result."""

    APP, SEQ, SECONDS = 987_654_321_987, 876_543_219_876, 765_432_198_765
    AT = datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)
    PREV = "@@prev@@"

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        from perizinan.workflow.log import GENESIS, _key, canonical, current_key_id
        from perizinan.workflow.models import ProcessLogEntry

        self.genesis = GENESIS
        self.key_id = current_key_id()
        # HMAC by its definition (RFC 2104) on hashlib objects: per entry two copies of a
        # prepared state, no Python-level HMAC object (a third of the seed's time otherwise).
        key = _key(self.key_id)
        key = key if len(key) <= 64 else hashlib.sha256(key).digest()
        self.inner = hashlib.sha256(bytes(b ^ 0x36 for b in key.ljust(64, b"\0")))
        self.outer = hashlib.sha256(bytes(b ^ 0x5C for b in key.ljust(64, b"\0")))
        check = self.outer.copy()
        inner = self.inner.copy()
        inner.update(b"check")
        check.update(inner.digest())
        assert check.hexdigest() == hmac.new(key, b"check", hashlib.sha256).hexdigest()
        self.formats: list[str] = []
        for e in entries:
            marked = ProcessLogEntry(
                application_id=self.APP,
                seq=self.SEQ,
                at=self.AT,
                seconds_taken=self.SECONDS,
                prev_hash=self.PREV,
                note="",
                initial="",
                data={},
                due_on=None,
                late=False,
                key_id=self.key_id,
                **e,
            )
            text = canonical(marked).replace("{", "{{").replace("}", "}}")
            for marker, slot in (
                (str(self.APP), "{0}"),
                (str(self.SEQ), "{1}"),
                (self.AT.isoformat(timespec="microseconds"), "{2}"),
                (self.PREV, "{3}"),
                (str(self.SECONDS), "{4}"),
            ):
                assert text.count(marker) == 1, marker
                text = text.replace(marker, slot)
            self.formats.append(f"{self.key_id}:{text}")

    def hash(self, i: int, app: int, seq: int, at_text: str, prev: str, seconds: str) -> str:
        """The MAC of template entry i; `at_text` in isoformat with microseconds, `seconds` as
        JSON ("null" for the first entry)."""
        inner = self.inner.copy()
        inner.update(self.formats[i].format(app, seq, at_text, prev, seconds).encode())
        outer = self.outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()
