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

The parts: `seed_plan.py` (the mix, the template of log entries, the plan), `seed_batch.py`
(the rows of one batch), `copyload.py` (COPY, dropped indexes, keyed chains); here the
set-up, the batches and the checks.
"""

import multiprocessing
import os
import random
import time
from datetime import UTC, datetime
from typing import Any

import seed_batch
from copyload import TIMINGS, Chain, Table, Unindexed, escape, reserve_ids
from django.db import connection
from seed_batch import BATCH, copy_tables, load_batch
from seed_plan import LOG_COLUMNS, Plan, template_entries

__all__ = ["TIMINGS", "check_chains", "seed"]


def seed(n: int, *, template_app_id: int, seed_value: int = 7, workers: int | None = None) -> dict[str, int]:
    """Load n applications with their log entries, licences and documents; returns row counts.
    `workers`: processes making and copying batches on PostgreSQL (default: cores + 1)."""
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
    template, ends = template_entries(forward)
    last_seq = max(LicenceNumber.objects.values_list("seq", flat=True), default=0)
    n_companies = max(1, n // 20)
    plan = seed_batch.PLAN = Plan(
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
            str(plan.first_company + i),
            f"Medika {i}",
            "PT" if i % 5 else "CV",
            str(9000000000000 + i),
            f"c{i}@example.id",
        )
    tables = [companies.table, *(t.table for t in copy_tables().values())]
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
