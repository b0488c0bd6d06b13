"""One batch of seeded applications (bench/bulk_seed.py): their rows (application, process-log
entries chained as the services chain them, licence number and licence, current documents)
made from the plan and copied into the tables (bench/copyload.py).

`PLAN` is set by `bulk_seed.seed` before the worker processes fork; each reads it from here.
"""

import random
import time
from datetime import datetime, timedelta

from copyload import TIMINGS, Table, escape, timestamp
from django.db import connection
from seed_plan import FINAL_MIX, HOURS, LOG_COLUMNS, Plan

BATCH = 5_000  # applications per batch (one COPY per table)
PLAN: Plan | None = None


def copy_tables() -> dict[str, Table]:
    """The tables a batch copies into: the columns it fills, and the constant of each other column."""
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
    t = copy_tables()
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
