"""Bulk seeding for the API benchmark: N applications spread like a real office's history.

Created over the years since 2019 (more each year); older ones are mostly finished
(completed 85%, withdrawn, declined, rejected, abandoned drafts), the last 60 days spread over
the open states of the forward path; four permit types (PAK 70% and three copies of its
catalogue row); 1,000 applicant accounts; 20 applications per company. Each application
carries the process-log entries of the steps it went through (the forward path of a real
application made through the services, then the withdrawal, refusal or rejection that ended it),
keyed and chained as the services key them (docs/adr/0014): `verify_chain` passes on every
seeded application. Completed applications have their licence and licence number; open ones
their current submission documents (rows only, naming the real application's files).

PostgreSQL: batches of applications are made and copied in (COPY) by worker processes, each
with its own connection, with the tables' secondary indexes and constraints dropped meanwhile
(bench/copyload.py); then the indexes and keys are made again, and VACUUM ANALYZE runs on all
but the process log (ANALYZE only: its pages are read through index scans that visit the heap
anyway; its autovacuum is switched off, so that it does not start in the middle of a
measurement). SQLite: the same rows in one process, by executemany.
"""

import multiprocessing
import os
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from copyload import TIMINGS, Chain, Table, Unindexed, escape, reserve_ids, timestamp
from django.db import connection

FINAL_MIX = [("completed", 85), ("withdrawn", 6), ("declined", 5), ("rejected", 2), ("draft", 2)]
BATCH = 5_000  # applications per batch (one COPY per table)
HOURS = timedelta(hours=6)  # between two log entries of a seeded application
# How each kind of end is logged: (action, step, role, the states it is taken from).
ENDS = {
    "withdrawn": ("withdraw", 3, "applicant", ("submitted", "accepted")),
    "declined": ("decline", 10, "technical_team", ("at_agency",)),
    "rejected": ("reject", 14, "office_head", ("division_approved",)),
}
LOG_COLUMNS = ("step", "action", "direction", "from_state", "to_state", "actor_id", "actor_name", "role")
LOG_COLUMNS += ("standard",)


@dataclass
class Plan:
    """Everything a batch needs (read by worker processes forked after it is made)."""

    n: int
    seed_value: int
    pg: bool
    first_app: int
    first_company: int
    n_companies: int
    first_number: int
    first_licence_seq: int
    types: list[int]
    applicants: list[int]
    forward: list[dict[str, Any]]  # the real application's forward entries
    ends: dict[str, tuple[int, list[int]]]  # state: (its first template entry, prefixes it follows)
    open_prefixes: list[int]
    chain: Chain
    escaped: list[str]  # the template entries' constant columns as COPY text
    documents: list[dict[str, Any]]
    head_id: int
    now: datetime
    start: datetime


PLAN: Plan | None = None


def _template(forward: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, tuple[int, list[int]]]]:
    """The forward path, then one entry per kind of end and per state it is taken from."""
    actors = {e["role"]: (e["actor_id"], e["actor_name"]) for e in forward}
    template = [dict(e) for e in forward]
    ends: dict[str, tuple[int, list[int]]] = {}
    for state, (action, step, role, sources) in ENDS.items():
        prefixes = [k for k, e in enumerate(forward, start=1) if e["to_state"] in sources]
        actor_id, actor_name = actors[role]
        ends[state] = (len(template), prefixes)
        for k in prefixes:
            template.append(
                {
                    "step": step,
                    "action": action,
                    "direction": "reject",
                    "from_state": forward[k - 1]["to_state"],
                    "to_state": state,
                    "actor_id": actor_id,
                    "actor_name": actor_name,
                    "role": role,
                    "standard": "",
                }
            )
    return template, ends


def _tables() -> dict[str, Table]:
    from perizinan.applications.models import Application, Document
    from perizinan.licences.models import Licence, LicenceNumber
    from perizinan.workflow.models import ProcessLogEntry

    app_columns = ["id", "permit_type_id", "kind", "company_id", "created_by_id", "created_at", "updated_at"]
    app_columns += ["state", "walk_in", "registration_number", "status_code", "submitted_at", "registered_at"]
    app_columns += ["completed_at", "clock_started_on", "due_date", "step_due_date", "state_since"]
    app_columns += ["log_seq", "log_head", "log_at"]
    return {
        "apps": Table(
            Application,
            app_columns,
            director_name="Direktur",
            director_nik="6471011501900001",
            tech_lead_name="PJT",
            tech_lead_nik="6471015501900002",
            tech_lead_education="D3",
            building_status="owned",
        ),
        "log": Table(
            ProcessLogEntry,
            ["application_id", "seq", *LOG_COLUMNS, "at", "seconds_taken", "prev_hash", "hash", "key_id"],
            note="",
            initial="",
            data={},
            late=False,
        ),
        "numbers": Table(
            LicenceNumber,
            ["id", "permit_type_id", "year", "seq", "number", "application_id", "drawn_by_id", "drawn_at"],
        ),
        "licences": Table(
            Licence,
            [
                "number",
                "licence_number_id",
                "permit_type_id",
                "application_id",
                "company_id",
                "holder_name",
                "issued_on",
                "verification_code",
            ],
            technical_lead_name="PJT",
            director_name="Direktur",
            address="Samarinda",
            signed_by="Kepala Dinas",
            status="active",
        ),
        "documents": Table(
            Document,
            [
                "application_id",
                "requirement_id",
                "file",
                "original_name",
                "sha256",
                "size",
                "content_type",
                "uploaded_by_id",
                "uploaded_at",
            ],
            is_current=True,
        ),
    }


def load_batch(b: int) -> dict[str, float]:
    """Make and copy in applications b*BATCH .. (b+1)*BATCH-1 with their entries, licences and
    documents; returns row counts and seconds."""
    from perizinan.workflow.states import FINAL_STATES, STATE_STEP

    p = PLAN
    assert p is not None
    t0, cpu0 = time.perf_counter(), time.process_time()
    copy_before = TIMINGS.get("copy", 0.0)
    rnd = random.Random(p.seed_value * 1_000_003 + b)
    t = _tables()
    apps, log, numbers, licences, documents = (
        t[k] for k in ("apps", "log", "numbers", "licences", "documents")
    )
    pg, chain, escaped, forward = p.pg, p.chain, p.escaped, p.forward
    key_id, tail = chain.key_id, log.tail
    span = (p.now - p.start).total_seconds()
    yes, no, null = ("t", "f", "\\N") if pg else ("1", "0", "\\N")

    def ts(value: datetime) -> str:
        return timestamp(value, pg=pg)

    for i in range(b * BATCH, min(p.n, (b + 1) * BATCH)):
        pk = p.first_app + i
        created = p.start + timedelta(seconds=span * (rnd.random() ** 0.5))
        if p.now - created > timedelta(days=60):
            state = rnd.choices([s for s, _ in FINAL_MIX], [w for _, w in FINAL_MIX])[0]
        else:
            state = "draft" if rnd.random() < 0.05 else ""
        if state == "completed":
            path = list(range(len(forward)))
        elif state in p.ends:
            first_end, prefixes = p.ends[state]
            j = rnd.randrange(len(prefixes))
            path = [*range(prefixes[j]), first_end + j]
        elif state == "draft":
            path = []
        else:
            k = rnd.choice(p.open_prefixes)
            path = list(range(k))
            state = forward[k - 1]["to_state"]
        prev, at, seconds = chain.genesis, created, "null"
        lines = log.lines
        for seq, entry in enumerate(path, start=1):
            at = created + seq * HOURS
            at_text = at.isoformat(timespec="microseconds")
            digest = chain.hash(entry, pk, seq, at_text, prev, seconds)
            stored = at_text if pg else at_text[:26].replace("T", " ")
            lines.append(
                f"{pk}\t{seq}\t{escaped[entry]}\t{stored}\t{null if seq == 1 else seconds}\t{prev}\t{digest}\t{key_id}{tail}"
            )
            prev, seconds = digest, "21600"
        since = at
        registered = STATE_STEP[state] >= 7 or state == "completed"
        open_ = state not in FINAL_STATES
        draft = state == "draft"
        permit = p.types[i % 10] if i % 10 < len(p.types) else p.types[0]  # PAK 70%
        company = p.first_company + (i % p.n_companies)
        applicant = str(p.applicants[i % len(p.applicants)])
        apps.add(
            str(pk),
            str(permit),
            "new" if i % 7 else "change",
            str(company),
            applicant,
            ts(created),
            ts(since),
            state,
            yes if i % 31 == 0 else no,
            f"REG-{created.year}-{i:07d}" if registered else null,
            f"{i:08X}"[-8:],
            null if draft else ts(created),
            ts(created + timedelta(days=1)) if registered else null,
            ts(since) if state == "completed" else null,
            null if draft else created.date().isoformat(),
            null if draft else (created + timedelta(days=rnd.randint(9, 14))).date().isoformat(),
            (since + timedelta(days=rnd.randint(1, 3))).date().isoformat() if open_ and not draft else null,
            ts(since),
            str(len(path)),
            prev if path else "",
            ts(since) if path else null,
        )
        if state == "completed":
            seq_no, year = p.first_licence_seq + i, since.year
            number = f"503/{seq_no:07d}/IZIN-{permit}/{year}"
            numbers.add(
                str(p.first_number + i),
                str(permit),
                str(year),
                str(seq_no),
                number,
                str(pk),
                str(p.head_id),
                ts(since),
            )
            licences.add(
                number,
                str(p.first_number + i),
                str(permit),
                str(pk),
                str(company),
                f"Medika {company - p.first_company}",
                since.date().isoformat(),
                f"{pk:032x}",
            )
        elif open_ and not draft:
            for d in p.documents:
                documents.add(
                    str(pk),
                    str(d["requirement_id"]),
                    escape(d["file"]),
                    "berkas.pdf",
                    d["sha256"],
                    str(d["size"]),
                    d["content_type"],
                    applicant,
                    ts(created),
                )
    made, cpu = time.perf_counter(), time.process_time() - cpu0
    for table in t.values():
        table.flush()
    if p.pg:
        connection.close()  # a worker's own connection
    return {
        **{k: float(v.count) for k, v in t.items()},
        "rows": made - t0,
        "rows cpu": cpu,
        "copy": TIMINGS.get("copy", 0.0) - copy_before,
    }


def seed(n: int, *, template_app_id: int, seed_value: int = 7, workers: int | None = None) -> dict[str, int]:
    """Load n applications with their log entries, licences and documents; returns row counts.
    `workers`: processes making and copying batches on PostgreSQL (default: cores + 1)."""
    global PLAN
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from perizinan.accounts.models import User
    from perizinan.accounts.roles import Role
    from perizinan.applications.models import Application, Company, Document
    from perizinan.catalog.models import PermitType
    from perizinan.licences.models import LicenceNumber
    from perizinan.workflow.models import ProcessLogEntry
    from perizinan.workflow.states import FINAL_STATES

    TIMINGS.clear()
    t0 = time.perf_counter()
    pg = connection.vendor == "postgresql"
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
    forward = list(
        ProcessLogEntry.objects.filter(application_id=template_app_id, direction="forward")
        .order_by("seq")
        .values(*LOG_COLUMNS)
    )
    template, ends = _template(forward)
    last_seq = max(LicenceNumber.objects.values_list("seq", flat=True), default=0)
    n_companies = max(1, n // 20)
    PLAN = Plan(
        n=n,
        seed_value=seed_value,
        pg=pg,
        first_app=reserve_ids(Application, n),
        first_company=reserve_ids(Company, n_companies),
        n_companies=n_companies,
        first_number=reserve_ids(LicenceNumber, n),
        first_licence_seq=last_seq + 1,
        types=types,
        applicants=[u.pk for u in applicants],
        forward=forward,
        ends=ends,
        open_prefixes=[k for k, e in enumerate(forward, start=1) if e["to_state"] not in FINAL_STATES],
        chain=Chain(template),
        escaped=[
            "\t".join("\\N" if e[c] is None else escape(str(e[c])) for c in LOG_COLUMNS) for e in template
        ],
        documents=list(
            Document.objects.filter(
                application_id=template_app_id, is_current=True, requirement__stage="submission"
            ).values("requirement_id", "file", "sha256", "size", "content_type")
        ),
        head_id=next(e["actor_id"] for e in forward if e["role"] == "office_head"),
        now=datetime.now(UTC),
        start=datetime(2019, 1, 1, tzinfo=UTC),
    )
    companies = Table(
        Company,
        ["id", "name", "legal_form", "nib", "email"],
        npwp="018550814412000",
        address="Samarinda",
        phone="0541",
    )
    for i in range(n_companies):
        companies.add(
            str(PLAN.first_company + i),
            f"Medika {i}",
            "PT" if i % 5 else "CV",
            str(9000000000000 + i),
            f"c{i}@example.id",
        )
    tables = [companies.table, *(t.table for t in _tables().values())]
    batches = range((n + BATCH - 1) // BATCH)
    totals: dict[str, float] = {}
    TIMINGS["set-up"] = time.perf_counter() - t0
    with Unindexed(tables):
        t1 = time.perf_counter()
        companies.flush()
        if pg:
            connection.close()  # each forked worker opens its own
            procs = workers or (os.cpu_count() or 1) + 1
            with multiprocessing.get_context("fork").Pool(procs) as pool:
                results = list(pool.imap_unordered(load_batch, batches))
        else:
            results = [load_batch(b) for b in batches]
        for r in results:
            for k, v in r.items():
                totals[k] = totals.get(k, 0.0) + v
        TIMINGS["load (wall)"] = time.perf_counter() - t1
        TIMINGS["rows (all workers)"] = totals.pop("rows")
        TIMINGS["rows cpu (all workers)"] = totals.pop("rows cpu")
        TIMINGS["copy (all workers)"] = totals.pop("copy")
    if pg:
        t2 = time.perf_counter()
        log_table = ProcessLogEntry._meta.db_table
        with connection.cursor() as c:
            c.execute(f"ALTER TABLE {log_table} SET (autovacuum_enabled = false)")
            for table in tables:
                c.execute(f"ANALYZE {table}" if table == log_table else f"VACUUM ANALYZE {table}")
        TIMINGS["vacuum"] = time.perf_counter() - t2
    TIMINGS.pop("copy", None)
    TIMINGS["total"] = time.perf_counter() - t0
    return {
        "applications": int(totals["apps"]),
        "log entries": int(totals["log"]),
        "licences": int(totals["licences"]),
        "documents": int(totals["documents"]),
    }


def check_chains(sample: int = 50, seed_value: int = 11) -> list[Any]:
    """verify_chain on `sample` applications picked over the whole table: the reports that fail."""
    from perizinan.applications.models import Application
    from perizinan.workflow.log import verify_chain

    ids = list(Application.objects.values_list("id", flat=True).order_by("id"))
    picked = random.Random(seed_value).sample(ids, min(sample, len(ids)))
    return [r for r in (verify_chain(pk) for pk in picked) if not r.ok]
