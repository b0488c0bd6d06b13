"""Bulk seeding for the API benchmark: N applications spread like a real office's history.

Created over the years since 2019 (more each year); older ones are mostly finished
(completed 85%, withdrawn, declined, rejected, abandoned drafts), the last 60 days spread over
every state of the workflow; four permit types (PAK and three copies of its catalogue row);
1,000 applicant accounts; 20 applications per company; each application carries the process
log entries of the steps it went through (copied from a real application's log: a completed one
has the whole forward path). PostgreSQL loads with COPY, SQLite with executemany; ids are
reserved from the sequences first, so the real application made through the services keeps its
own.
"""

import io
import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection, models

FINAL_MIX = [("completed", 85), ("withdrawn", 6), ("declined", 5), ("rejected", 2), ("draft", 2)]
BATCH = 20_000


def _text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _sqlite(value: Any) -> Any:
    if isinstance(value, datetime):
        return str(value.astimezone(UTC).replace(tzinfo=None))
    if isinstance(value, date):
        return value.isoformat()
    return value


def _defaults(model: type[models.Model]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.has_default():
            v = f.get_default()
            row[f.column] = json.dumps(v) if isinstance(f, models.JSONField) else v
        elif f.null:
            row[f.column] = None
        else:
            row[f.column] = ""
    return row


def _reserve_ids(model: type[models.Model], n: int) -> int:
    """The first of n ids nobody else will take; returns it."""
    table = model._meta.db_table
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) FROM {table}) + %s)",
                [n],
            )
            return c.fetchone()[0] - n + 1
        c.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        return c.fetchone()[0] + 1


def _load(model: type[models.Model], rows: Iterator[dict[str, Any]]) -> int:
    """Write rows (dicts by column, id included) in batches; returns how many."""
    defaults = _defaults(model)
    columns = ["id", *defaults]
    table = model._meta.db_table
    n = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        with connection.cursor() as c:
            if connection.vendor == "postgresql":
                buf = io.StringIO()
                for r in batch:
                    buf.write("\t".join(_text(r.get(col, defaults.get(col))) for col in columns))
                    buf.write("\n")
                with c.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    copy.write(buf.getvalue())
            else:
                marks = ", ".join(["%s"] * len(columns))
                c.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                    [[_sqlite(r.get(col, defaults.get(col))) for col in columns] for r in batch],
                )
        batch.clear()

    for row in rows:
        batch.append(row)
        n += 1
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return n


TEMPLATE_COLUMNS = (
    "step",
    "action",
    "direction",
    "from_state",
    "to_state",
    "actor_id",
    "actor_name",
    "role",
    "standard",
)


def _log_entries(template: list[dict[str, Any]], first_app: int, n: int) -> int:
    """Each application's first `log_seq` entries of the template, written by the database itself
    (INSERT ... SELECT over a join with the template: no row passes through Python)."""
    from perizinan.workflow.models import ProcessLogEntry

    log = ProcessLogEntry._meta.db_table
    cols = ", ".join(TEMPLATE_COLUMNS)
    pg = connection.vendor == "postgresql"
    with connection.cursor() as c:
        c.execute(
            f"CREATE TEMPORARY TABLE bench_template (seq integer, {', '.join(f'{k} text' for k in TEMPLATE_COLUMNS)})"
        )
        c.executemany(
            f"INSERT INTO bench_template (seq, {cols}) VALUES (%s, {', '.join(['%s'] * len(TEMPLATE_COLUMNS))})",
            [[i, *(e[k] for k in TEMPLATE_COLUMNS)] for i, e in enumerate(template, start=1)],
        )
        if pg:
            at = "a.created_at + t.seq * interval '6 hours'"
            digest = "lpad(to_hex(a.id), 32, '0') || lpad(to_hex(t.seq), 32, '0')"
            casts = {"step": "::smallint", "actor_id": "::bigint"}
        else:
            at = "strftime('%%Y-%%m-%%d %%H:%%M:%%f', a.created_at, '+' || (t.seq * 6) || ' hours')"
            digest = "printf('%%032x%%032x', a.id, t.seq)"
            casts = {}
        select = ", ".join(f"t.{k}{casts.get(k, '')}" for k in TEMPLATE_COLUMNS)
        c.execute(
            f"INSERT INTO {log} (application_id, seq, {cols}, at, note, initial, data, seconds_taken, "
            f"due_on, late, prev_hash, hash) "
            f"SELECT a.id, t.seq, {select}, {at}, '', '', '{{}}', 21600, NULL, %s, %s, {digest} "
            f"FROM applications_application a JOIN bench_template t ON t.seq <= a.log_seq "
            f"WHERE a.id BETWEEN %s AND %s",
            [False, "0" * 64, first_app, first_app + n - 1],
        )
        count = c.rowcount
        c.execute("DROP TABLE bench_template")
    return count


def seed(n: int, *, template_app_id: int, seed_value: int = 7) -> dict[str, int]:
    """Load n applications with their log entries; returns row counts per table."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from perizinan.accounts.models import User
    from perizinan.accounts.roles import Role
    from perizinan.applications.models import Application, Company
    from perizinan.catalog.models import PermitType
    from perizinan.workflow.models import ProcessLogEntry
    from perizinan.workflow.states import FINAL_STATES, STATE_STEP, State

    rnd = random.Random(seed_value)
    pak = PermitType.objects.get(code="PAK")
    types = [pak.pk]
    for code in ("PAK-CAB", "PKRT", "IPAK"):
        clone = PermitType.objects.get(pk=pak.pk)
        clone.pk = None
        clone.code, clone.name = code, f"{pak.name} ({code})"
        clone.save()
        types.append(clone.pk)
    password = make_password(None)
    applicants = User.objects.bulk_create(
        User(username=f"pemohon{i:04d}", password=password) for i in range(1000)
    )
    Group.objects.get(name=Role.APPLICANT.value).user_set.add(*applicants)
    n_companies = max(1, n // 20)
    first_company = _reserve_ids(Company, n_companies)
    _load(
        Company,
        (
            {
                "id": first_company + i,
                "name": f"Medika {i}",
                "legal_form": "PT" if i % 5 else "CV",
                "nib": f"{9000000000000 + i}",
                "npwp": "018550814412000",
                "address": "Samarinda",
                "phone": "0541",
                "email": f"c{i}@example.id",
            }
            for i in range(n_companies)
        ),
    )
    template = list(
        ProcessLogEntry.objects.filter(application_id=template_app_id, direction="forward")
        .order_by("seq")
        .values(
            "step",
            "action",
            "direction",
            "from_state",
            "to_state",
            "actor_id",
            "actor_name",
            "role",
            "standard",
        )
    )
    entries_for = {s.value: sum(1 for e in template if (e["step"] or 0) < STATE_STEP[s.value]) for s in State}
    entries_for["completed"] = len(template)
    open_states = [s.value for s in State if s not in FINAL_STATES]
    now = datetime.now(UTC)
    start = datetime(2019, 1, 1, tzinfo=UTC)
    span = (now - start).total_seconds()
    first_app = _reserve_ids(Application, n)
    plan: list[tuple[int, datetime, int]] = []

    def applications() -> Iterator[dict[str, Any]]:
        for i in range(n):
            # more applications each year: the square root spreads them towards the present
            created = start + timedelta(seconds=span * (rnd.random() ** 0.5))
            if now - created > timedelta(days=60):
                state = rnd.choices([s for s, _ in FINAL_MIX], [w for _, w in FINAL_MIX])[0]
            else:
                state = rnd.choice(open_states)
            pk = first_app + i
            k = 0 if state == "draft" else entries_for[state]
            if state in {"withdrawn", "declined", "rejected"}:
                k = rnd.randint(2, len(template) - 2)
            plan.append((pk, created, k))
            registered = STATE_STEP[state] >= 7 or state == "completed"
            since = created + timedelta(hours=rnd.randint(1, 24 * 20))
            due = (created + timedelta(days=rnd.randint(9, 14))).date()
            open_ = state not in FINAL_STATES
            yield {
                "id": pk,
                "permit_type_id": types[i % 10] if i % 10 < len(types) else pak.pk,  # PAK 70%
                "kind": "new" if i % 7 else "change",
                "company_id": first_company + (i % n_companies),
                "created_by_id": applicants[i % len(applicants)].pk,
                "created_at": created,
                "updated_at": since,
                "state": state,
                "director_name": "Direktur",
                "director_nik": "6471011501900001",
                "tech_lead_name": "PJT",
                "tech_lead_nik": "6471015501900002",
                "tech_lead_education": "D3",
                "building_status": "owned",
                "walk_in": i % 31 == 0,
                "registration_number": f"REG-{created.year}-{i:07d}" if registered else None,
                "status_code": f"{i:08X}"[-8:],
                "submitted_at": created if state != "draft" else None,
                "registered_at": created + timedelta(days=1) if registered else None,
                "completed_at": since if state == "completed" else None,
                "clock_started_on": created.date() if state != "draft" else None,
                "due_date": due if state != "draft" else None,
                "step_due_date": (since + timedelta(days=rnd.randint(1, 3))).date()
                if open_ and state != "draft"
                else None,
                "state_since": since,
                "log_seq": k,
            }

    counts = {"applications": _load(Application, applications())}

    counts["log entries"] = _log_entries(template, first_app, n)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    return counts
