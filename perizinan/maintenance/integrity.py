"""Does the data hold together? What a restore, a crash or a killed process must never break:

- every application's state is the state its last process-log entry moved it to, and its
  hash chain verifies, up to and through the latest signed anchor (docs/adr/0016) when there
  is one: a history cut short or rewritten since the anchor, or an anchored application gone;
- every uploaded and generated file has its record and every record its file, with the bytes
  its SHA-256 names;
- licence numbers run 1..n per permit type and year, with no gap, and match the counter;
- every licence's signed PDF verifies against the office's trust roots;
- every document job is done.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.files.storage import default_storage

from perizinan.applications.models import Application
from perizinan.documents.models import DocumentJob, JobState
from perizinan.documents.verification import check_licence
from perizinan.licences.models import Licence, LicenceCounter, LicenceNumber
from perizinan.workflow.log import verify_chain
from perizinan.workflow.models import ProcessLogEntry

from . import stored
from .anchors import AnchoredHead, AnchorStoreError, missing_from_database, read_latest


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(*, orphan_grace: timedelta = timedelta(0), signatures: bool = True) -> Report:
    report = Report()
    _applications(report)
    _files(report, orphan_grace)
    _numbers(report)
    _licences(report, signatures)
    pending = DocumentJob.objects.exclude(state=JobState.DONE).count()
    report.counts["document_jobs_not_done"] = pending
    if pending:
        report.problems.append(f"{pending} document job(s) not done")
    return report


def _anchored(report: Report) -> dict[int, AnchoredHead]:
    """The latest anchor's heads by application; its failures and the anchored applications
    gone from the database are problems (no anchor at all is none: it is made daily)."""
    report.counts["anchored_chains"] = 0
    try:
        reading = read_latest()
    except AnchorStoreError as e:
        report.problems.append(str(e))
        return {}
    if reading.anchor is not None and not reading.anchor.ok:
        report.problems.append(
            f"anchor {reading.anchor.name} fails verification: {reading.anchor.check.reason}"
        )
    for head in reading.missing:
        report.problems.append(f"application {missing_from_database(head)}")
    report.counts["anchored_chains"] = len(reading.heads)
    return reading.heads


def _applications(report: Report) -> None:
    anchored = _anchored(report)
    last: dict[int, str] = {}
    for app_id, to_state in ProcessLogEntry.objects.order_by("application_id", "seq").values_list(
        "application_id", "to_state"
    ):
        last[app_id] = to_state
    apps = list(Application.objects.values_list("pk", "state"))
    report.counts["applications"] = len(apps)
    for pk, state in apps:
        if pk in last and last[pk] != state:
            report.problems.append(f"application {pk}: state {state}, last log entry says {last[pk]}")
        at = anchored.get(pk)
        chain = verify_chain(pk, anchored_seq=at.seq if at else 0, anchored_head=at.head if at else "")
        if not chain.ok:
            report.problems.append(
                f"application {pk}: process log broken at #{chain.broken_seq}: {chain.reason}"
            )


def _files(report: Report, orphan_grace: timedelta) -> None:
    known = stored.recorded()
    report.counts["files"] = len(known)
    for name, sha in sorted(known.items()):
        if not default_storage.exists(name):
            report.problems.append(f"record without file: {name}")
        elif stored.sha256_of(name) != sha:
            report.problems.append(f"file differs from its record's SHA-256: {name}")
    for name in stored.orphans(older_than=orphan_grace):
        report.problems.append(f"file without record: {name}")


def _numbers(report: Report) -> None:
    drawn: dict[tuple[int, int], list[int]] = {}
    for pt, year, seq in LicenceNumber.objects.values_list("permit_type_id", "year", "seq"):
        drawn.setdefault((pt, year), []).append(seq)
    counters = {(c.permit_type_id, c.year): c.last for c in LicenceCounter.objects.all()}
    for key in sorted(set(drawn) | set(counters)):
        seqs = sorted(drawn.get(key, []))
        if seqs != list(range(1, len(seqs) + 1)) or counters.get(key, 0) != len(seqs):
            report.problems.append(
                f"licence numbers of permit type {key[0]} / {key[1]}: drawn {seqs}, counter {counters.get(key)}"
            )
    report.counts["licence_numbers"] = sum(len(v) for v in drawn.values())


def _licences(report: Report, signatures: bool) -> None:
    codes = list(Licence.objects.values_list("number", "verification_code"))
    report.counts["licences"] = len(codes)
    if not signatures:
        return
    for number, code in codes:
        result = check_licence(code)
        if result is None or result.document is None or not result.document_ok:
            report.problems.append(f"licence {number}: signed PDF missing or does not verify")


def fingerprint() -> dict[str, Any]:
    """What a restored copy must reproduce exactly (compared by the backup test)."""
    return {
        "applications": {
            str(pk): [state, seq, head]
            for pk, state, seq, head in Application.objects.order_by("pk").values_list(
                "pk", "state", "log_seq", "log_head"
            )
        },
        "log_entries": ProcessLogEntry.objects.count(),
        "licences": sorted(Licence.objects.values_list("number", "verification_code", "status")),
        "files": hashlib.sha256(repr(sorted(stored.recorded().items())).encode()).hexdigest(),
    }
