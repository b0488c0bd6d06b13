"""The integrity check finds each kind of damage it claims to; the two recovery jobs
(`sweep_orphan_files`, `requeue_document_jobs`) touch only what is stale."""

import io
import shutil
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from perizinan.applications.models import Application, Document
from perizinan.documents.jobs import requeue_stalled
from perizinan.documents.models import DocumentJob, GeneratedDocument, JobState
from perizinan.licences.models import LicenceCounter
from perizinan.maintenance.anchors import write_anchor
from perizinan.maintenance.integrity import check
from perizinan.workflow.log import verify_chain
from perizinan.workflow.models import ProcessLogEntry, StepRecord
from tests.helpers import act, create_complete
from tests.worker import drain

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(completed_dossier, settings, tmp_path) -> int:  # type: ignore[no-untyped-def]
    """The module's completed application (tests/dossier.py); each test damages its own copy of
    the files (the rows go back with the test's rollback, the files would not)."""
    copy = tmp_path / "media"
    shutil.copytree(completed_dossier.media_root, copy)
    settings.MEDIA_ROOT = copy
    return completed_dossier.app_id


def test_a_sound_database_has_no_problem(issued):
    report = check()
    assert report.ok, report.problems
    assert report.counts["licences"] == 1 and report.counts["files"] > 0
    call_command("check_integrity", stdout=io.StringIO())


def test_state_that_is_not_the_last_log_entrys_is_found(issued):
    Application.objects.filter(pk=issued).update(state="submitted")
    assert any(f"application {issued}: state submitted" in p for p in check().problems)
    with pytest.raises(CommandError):
        call_command("check_integrity", stdout=io.StringIO())


def test_a_history_cut_short_since_the_anchor_is_found(issued):
    """Entries deleted from the end and the row moved back with them: every hash still links,
    only the signed anchor (docs/adr/0016) knows the chain was longer."""
    write_anchor()
    assert check().counts["anchored_chains"] == 1
    last = ProcessLogEntry.objects.filter(application_id=issued).order_by("-seq")[:2]
    gone, kept = list(last)
    with connection.cursor() as cur:  # behind the model's back: the log is append-only
        cur.execute(f"DELETE FROM {StepRecord._meta.db_table} WHERE log_entry_id = %s", [gone.pk])
        cur.execute(f"DELETE FROM {ProcessLogEntry._meta.db_table} WHERE id = %s", [gone.pk])
    Application.objects.filter(pk=issued).update(log_seq=kept.seq, log_head=kept.hash, state=kept.to_state)
    assert verify_chain(issued).ok  # without the anchor, nothing to see

    problems = check().problems
    assert any(
        f"application {issued}: process log broken" in p and f"anchored at {gone.seq}" in p for p in problems
    ), problems


def test_missing_changed_and_unrecorded_files_are_found(issued):
    upload = Document.objects.filter(application_id=issued).first()
    generated = GeneratedDocument.objects.filter(application_id=issued).first()
    assert upload and generated
    default_storage.delete(upload.file.name)
    default_storage.delete(generated.file.name)
    default_storage.save(generated.file.name, ContentFile(b"%PDF-1.7 not the original"))
    stray = default_storage.save("applications/999/ab/stray", ContentFile(b"no record"))
    problems = check().problems
    assert f"record without file: {upload.file.name}" in problems
    assert f"file differs from its record's SHA-256: {generated.file.name}" in problems
    assert f"file without record: {stray}" in problems
    # A file younger than the grace period may still be waiting for its commit.
    assert f"file without record: {stray}" not in check(orphan_grace=timedelta(hours=1)).problems


def test_a_gap_in_licence_numbers_is_found(issued):
    LicenceCounter.objects.update(last=2)
    assert any("licence numbers" in p for p in check().problems)


def test_a_licence_whose_pdf_does_not_verify_is_found(issued):
    pdf = GeneratedDocument.objects.get(application_id=issued, kind="licence")
    data = bytearray(default_storage.open(pdf.file.name).read())
    data[len(data) // 3] ^= 0x01
    default_storage.delete(pdf.file.name)
    default_storage.save(pdf.file.name, ContentFile(bytes(data)))
    assert any(p.startswith("licence ") and "does not verify" in p for p in check().problems)


def test_sweep_removes_only_old_unrecorded_files(issued):
    stray = default_storage.save("generated/999/ab/stray.pdf", ContentFile(b"left by a killed request"))
    out = io.StringIO()
    call_command("sweep_orphan_files", stdout=out)  # default: older than an hour
    assert default_storage.exists(stray) and "0 orphaned" in out.getvalue()
    call_command("sweep_orphan_files", "--older-than", "0", stdout=io.StringIO())
    assert not default_storage.exists(stray)
    assert check().ok  # every recorded file is still there


def test_requeue_hands_a_stalled_job_to_the_worker(api, application_data):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    job = DocumentJob.objects.get(application_id=app_id)
    # A worker claimed the job's task, marked the job running, and was killed.
    task = DBTaskResult.objects.ready().get(task_path__endswith="produce_documents")
    task.claim("killed-worker")
    DocumentJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING, updated_at=timezone.now())
    drain()  # the other tasks; nobody runs the claimed one
    assert DocumentJob.objects.get(pk=job.pk).state == JobState.RUNNING

    assert requeue_stalled(older_than=timedelta(minutes=15)) == 0  # fresh: a live worker may have it
    DocumentJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=16))
    assert requeue_stalled(older_than=timedelta(minutes=15)) == 1
    assert drain() == 1
    job.refresh_from_db()
    assert job.state == JobState.DONE
    stored = GeneratedDocument.objects.filter(log_entry=job.log_entry).values_list("kind", flat=True)
    assert sorted(stored) == sorted(job.kinds)
    # Asked again, a done job is left alone.
    DocumentJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert requeue_stalled(older_than=timedelta(minutes=15)) == 0
