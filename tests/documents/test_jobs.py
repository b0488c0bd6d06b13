"""Documents are made by the task worker after the step commits: visible while pending,
stored once however often a job runs, retried with growing delays, failed jobs restarted by
an officer, nothing left behind by a step that does not commit."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from perizinan.applications.models import Application
from perizinan.documents import jobs, producers
from perizinan.documents.models import DocumentJob, GeneratedDocument, JobState
from perizinan.errors import Conflict
from perizinan.workflow.models import ProcessLogEntry
from perizinan.workflow.services import take_action
from tests.helpers import act, create_complete, run_until
from tests.worker import drain

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(api, application_data):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    return app_id


def test_the_step_commits_before_its_documents_exist(api, submitted, client, users):
    entry = ProcessLogEntry.objects.get(application_id=submitted, action="submit")
    job = DocumentJob.objects.get(log_entry=entry)
    assert job.state == JobState.PENDING and job.kinds == ["application_form"]
    assert not GeneratedDocument.objects.filter(log_entry=entry).exists()
    listed = api("applicant").get(f"/applications/{submitted}/document-jobs").json()
    assert [(j["action"], j["state"], j["state_label"]) for j in listed] == [
        ("submit", "pending", "Sedang disiapkan")
    ]
    client.force_login(users["applicant"])
    page = client.get(f"/permohonan/{submitted}/").content.decode()
    assert "Sedang disiapkan" in page and 'hx-trigger="every 3s"' in page

    assert drain() == 1
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 1
    doc = GeneratedDocument.objects.get(log_entry=entry)
    assert doc.kind == "application_form" and doc.step == 3 and doc.file.read().startswith(b"%PDF")
    page = client.get(f"/permohonan/{submitted}/").content.decode()
    assert "Sedang disiapkan" not in page and "every 3s" not in page


def test_a_job_run_twice_stores_each_document_once(submitted):
    job = DocumentJob.objects.get(application_id=submitted)
    jobs.run(job.pk)
    DocumentJob.objects.filter(pk=job.pk).update(state=JobState.PENDING)  # as if the task ran again
    jobs.run(job.pk)
    assert GeneratedDocument.objects.filter(log_entry=job.log_entry).count() == 1


def test_a_failing_job_is_retried_later_then_fails_and_an_officer_restarts_it(api, submitted, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(producers, "render", broken)
    job = DocumentJob.objects.get(application_id=submitted)
    before = timezone.now()
    drain()
    job.refresh_from_db()
    assert job.state == JobState.PENDING and job.attempts == 1
    assert "printer on fire" in job.last_error
    assert job.next_attempt_at >= before + timedelta(seconds=jobs.BACKOFF_SECONDS[0])
    # The retry is a deferred task: not due yet, so nothing runs now.
    waiting = DBTaskResult.objects.filter(status="READY")
    assert waiting.count() == 1 and waiting.get().run_after >= job.next_attempt_at - timedelta(seconds=1)
    assert drain() == 0
    for _ in range(jobs.MAX_ATTEMPTS - 1):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())  # time passes
        drain()
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.attempts == jobs.MAX_ATTEMPTS
    assert api("applicant").get(f"/applications/{submitted}/document-jobs").json()[0]["state"] == "failed"

    url = f"/applications/{submitted}/document-jobs/{job.pk}/retry"
    assert api("applicant").post(url).status_code == 403
    assert api("applicant2").post(url).status_code == 404
    assert api().post(url).status_code == 401
    monkeypatch.undo()
    r = api("cs").post(url)
    assert r.status_code == 200 and r.json()["state"] == "pending" and r.json()["attempts"] == 0
    assert api("cs").post(url).status_code == 409  # only a failed job can be restarted
    drain()
    job.refresh_from_db()
    assert job.state == JobState.DONE
    assert GeneratedDocument.objects.filter(log_entry=job.log_entry).count() == 1


def test_officer_restarts_a_failed_job_from_the_page(submitted, client, users):
    job = DocumentJob.objects.get(application_id=submitted)
    DocumentJob.objects.filter(pk=job.pk).update(state=JobState.FAILED, last_error="x")
    client.force_login(users["applicant"])
    page = client.get(f"/permohonan/{submitted}/").content.decode()
    assert "Gagal dibuat" in page and "Buat ulang" not in page
    url = f"/permohonan/{submitted}/dokumen/tugas/{job.pk}/ulang/"
    assert client.post(url).status_code == 403
    client.force_login(users["cs"])
    assert "Buat ulang" in client.get(f"/permohonan/{submitted}/").content.decode()
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    drain()
    job.refresh_from_db()
    assert job.state == JobState.DONE


def test_the_licence_pdf_answers_409_while_the_registry_seal_is_pending(api, application_data):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="hand_over")
    r = api("applicant").get(f"/applications/{app_id}/licence.pdf")
    assert r.status_code == 409 and r["Retry-After"] and "disiapkan" in r.json()["detail"]
    drain()
    r = api("applicant").get(f"/applications/{app_id}/licence.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"


def test_a_signature_that_does_not_commit_leaves_no_file(api, application_data, users, settings):
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="sign")
    stale = Application.objects.get(pk=app_id)  # the head of the office reads the file...
    act(api, app_id, "office_head", "office_send_back_division", {"reason": "Periksa lagi"})
    act(api, app_id, "division_head", "division_approve")  # ...which left and came back meanwhile
    generated = Path(settings.MEDIA_ROOT) / "generated" / str(app_id)
    files_before = _files(generated)
    with pytest.raises(Conflict):
        take_action(application=stale, name="sign", by=users["office_head"], data={})
    assert not GeneratedDocument.objects.filter(application_id=app_id, kind="licence_signed").exists()
    assert _files(generated) == files_before


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
