"""The process log proves itself (docs/adr/0014): keyed hashes, the head on the application row,
the state of the application against its last entry; each attack of the probe is found."""

import hashlib
import hmac
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from pypdf import PdfReader

from perizinan.demo import new_application, run_forward
from perizinan.documents.registry import render
from perizinan.workflow import log
from perizinan.workflow.log import verify_chain
from perizinan.workflow.models import ProcessLogEntry

pytestmark = pytest.mark.django_db
TABLE = ProcessLogEntry._meta.db_table


@pytest.fixture
def app_id(dossier_at_the_agency) -> int:  # type: ignore[no-untyped-def]
    """The module's application at step 9 (tests/dossier.py); each test's changes are rolled back."""
    return dossier_at_the_agency.app_id


def sql(statement: str, params: list) -> None:  # type: ignore[type-arg]
    with connection.cursor() as cur:
        cur.execute(statement, params)


def entries(app_id: int) -> list[ProcessLogEntry]:
    return list(ProcessLogEntry.objects.filter(application_id=app_id).order_by("seq"))


def broken(app_id: int) -> str:
    report = verify_chain(app_id)
    assert not report.ok
    with pytest.raises(CommandError):
        call_command("verify_process_log", str(app_id), stdout=io.StringIO())
    return report.reason


def test_entries_are_keyed(app_id, settings):
    chain = entries(app_id)
    assert chain and all(e.key_id == settings.PROCESS_LOG_KEY_ID for e in chain)
    assert verify_chain(app_id).ok


def test_an_edited_middle_entry_is_found(app_id):
    victim = entries(app_id)[len(entries(app_id)) // 2]
    sql(f"UPDATE {TABLE} SET note = %s WHERE id = %s", ["palsu", victim.pk])
    assert "hash" in broken(app_id)


def delete_entries(ids: list[int]) -> None:
    marks = ",".join(["%s"] * len(ids))
    for table in ("workflow_steprecord", "documents_documentjob"):  # what points at them goes too
        sql(f"DELETE FROM {table} WHERE log_entry_id IN ({marks})", ids)
    sql(f"DELETE FROM {TABLE} WHERE id IN ({marks})", ids)


def test_a_deleted_tail_is_found(app_id):
    delete_entries([entries(app_id)[-1].pk])
    assert "chain ends" in broken(app_id)


def test_a_deleted_whole_chain_is_found(app_id):
    delete_entries([e.pk for e in entries(app_id)])
    assert "chain ends at 0" in broken(app_id)


def test_a_state_without_its_log_entry_is_found(app_id):
    sql("UPDATE applications_application SET state = %s WHERE id = %s", ["signed", app_id])
    assert "state signed" in broken(app_id)


def test_a_rewrite_recomputing_every_hash_without_the_key_is_found(app_id):
    """Whoever holds the database but not the key rewrites a note and recomputes the chain
    (plain SHA-256, or an HMAC under a guessed key) and the head on the application row."""
    chain = entries(app_id)
    for guess in ("", "k1-guessed"):
        prev = log.GENESIS
        for e in chain:
            e.note = "ditulis ulang" if e.seq == 2 else e.note
            e.prev_hash = prev
            e.key_id = "" if not guess else e.key_id
            raw = log.canonical(e)
            if guess:
                e.hash = hmac.new(guess.encode(), f"{e.key_id}:{raw}".encode(), hashlib.sha256).hexdigest()
            else:
                e.hash = hashlib.sha256(raw.encode()).hexdigest()  # the unkeyed formula of before
            sql(
                f"UPDATE {TABLE} SET note = %s, prev_hash = %s, hash = %s, key_id = %s WHERE id = %s",
                [e.note, e.prev_hash, e.hash, e.key_id, e.pk],
            )
            prev = e.hash
        sql("UPDATE applications_application SET log_head = %s WHERE id = %s", [prev, app_id])
        assert not verify_chain(app_id).ok


def test_old_entries_verify_under_a_retired_key(app_id, settings):
    old_id = settings.PROCESS_LOG_KEY_ID
    settings.PROCESS_LOG_KEYS = {**settings.PROCESS_LOG_KEYS, "k2": "a-new-key"}
    settings.PROCESS_LOG_KEY_ID = "k2"
    assert verify_chain(app_id).ok
    settings.PROCESS_LOG_KEYS = {k: v for k, v in settings.PROCESS_LOG_KEYS.items() if k != old_id}
    assert "unknown log key" in verify_chain(app_id).reason


def test_a_chain_shorter_than_its_anchor_is_found(app_id):
    n = len(entries(app_id))
    assert verify_chain(app_id, anchored_seq=n).ok
    assert "anchored at" in verify_chain(app_id, anchored_seq=n + 1).reason


def test_the_licence_carries_the_chain_head(users):
    app = run_forward(new_application(users), users)
    app.refresh_from_db()
    pdf = render("licence", app, number=app.licence.number, issued_on=app.licence.issued_on)
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    # pypdf keeps or drops the space after "Log" depending on the glyphs that follow (the hash).
    assert f"Log#{app.log_seq}:{app.log_head[:12]}" in "".join(text.split())
