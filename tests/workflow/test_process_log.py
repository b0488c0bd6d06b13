"""The process log: append-only, one entry per action, hash chain detects tampering."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from perizinan.workflow.log import verify_chain
from perizinan.workflow.models import ProcessLogEntry
from tests.helpers import create_complete, run_until

pytestmark = pytest.mark.django_db


@pytest.fixture
def app_id(dossier_at_the_agency) -> int:  # type: ignore[no-untyped-def]
    """The module's application at step 9 (tests/dossier.py); each test's changes are rolled back."""
    return dossier_at_the_agency.app_id


def test_chain_is_intact(app_id):
    report = verify_chain(app_id)
    assert report.ok and report.entries == ProcessLogEntry.objects.filter(application_id=app_id).count()


def test_orm_cannot_change_or_delete_entries(app_id):
    entry = ProcessLogEntry.objects.filter(application_id=app_id).first()
    entry.note = "ubah"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        ProcessLogEntry.objects.filter(application_id=app_id).update(note="x")
    with pytest.raises(PermissionError):
        ProcessLogEntry.objects.filter(application_id=app_id).delete()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("note", "'catatan palsu'"),
        ("actor_name", "'Orang Lain'"),
        ("to_state", "'signed'"),
        ("role", "'office_head'"),
        ("data", "'{}'"),
        ("step", "99"),
    ],
)
def test_tampering_any_entry_is_detected(app_id, column, value):
    entries = list(ProcessLogEntry.objects.filter(application_id=app_id).order_by("seq"))
    for victim in (entries[0], entries[len(entries) // 2], entries[-1]):
        table = ProcessLogEntry._meta.db_table
        with connection.cursor() as cur:
            cur.execute(f"SELECT {column} FROM {table} WHERE id = %s", [victim.pk])
            (original,) = cur.fetchone()
            cur.execute(f"UPDATE {table} SET {column} = {value} WHERE id = %s", [victim.pk])
        report = verify_chain(app_id)
        if str(original) == value.strip("'"):
            continue
        assert not report.ok and report.broken_seq == victim.seq, (column, victim.seq)
        with connection.cursor() as cur:
            cur.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [original, victim.pk])
        assert verify_chain(app_id).ok


def test_deleted_entry_is_detected(app_id):
    entries = list(ProcessLogEntry.objects.filter(application_id=app_id).order_by("seq"))
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {ProcessLogEntry._meta.db_table} WHERE id = %s", [entries[3].pk])
    report = verify_chain(app_id)
    assert not report.ok and report.broken_seq == entries[4].seq


def test_command_names_first_broken_entry(app_id, capsys):
    call_command("verify_process_log")
    assert "0 broken" in capsys.readouterr().out
    victim = ProcessLogEntry.objects.filter(application_id=app_id).order_by("seq")[5]
    with connection.cursor() as cur:
        cur.execute(f"UPDATE {ProcessLogEntry._meta.db_table} SET note = 'x' WHERE id = %s", [victim.pk])
    with pytest.raises(CommandError):
        call_command("verify_process_log")
    assert f"entry #{victim.seq}" in capsys.readouterr().out


def test_every_action_writes_one_entry(api, application_data):
    app_id = create_complete(api, application_data)
    before = ProcessLogEntry.objects.filter(application_id=app_id).count()
    run_until(api, app_id)
    assert ProcessLogEntry.objects.filter(application_id=app_id).count() == before + 13
