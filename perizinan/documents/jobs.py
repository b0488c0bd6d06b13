"""Document jobs: the documents a step produces, made by the task worker after the step
committed (docs/adr/0007-steps-commit-fast.md).

`request` runs inside the step's transaction and writes two rows: the job (its state is what
the application page and the API show) and the task the worker picks up once the commit is
visible. `run` renders and signs with no transaction open, stores each document in a short
transaction of its own, once per (log entry, kind): a job run twice never stores twice.
A failure is retried with growing delays; after the last attempt the job is marked failed
and an officer can start it again (`retry`).
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from perizinan.accounts.models import User
from perizinan.applications.models import Application
from perizinan.workflow.models import ProcessLogEntry

from . import services
from .models import DocumentJob, GeneratedDocument, JobState
from .producers import produce

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_SECONDS = (10, 60, 300, 1800)  # before the 2nd, 3rd, 4th and 5th attempt
# A job still `running` this long after its last change lost its worker (killed, restarted):
# an officer may restart it like a failed one.
STALE_AFTER = timedelta(minutes=15)


@task()
def produce_documents(job_id: int) -> None:
    """The worker's entry point (django.tasks, database backend)."""
    run(job_id)


def request(*, application: Application, entry: ProcessLogEntry, kinds: list[str]) -> DocumentJob:
    """Inside the step's transaction: the job and its task commit (or vanish) with the step."""
    try:
        with transaction.atomic():
            job = DocumentJob.objects.create(application=application, log_entry=entry, kinds=kinds)
    except IntegrityError:  # one job per step, however often it is asked for
        return DocumentJob.objects.get(log_entry=entry)
    produce_documents.enqueue(job.pk)
    return job


def run(job_id: int) -> DocumentJob | None:
    """Make the job's missing documents. Idempotent: what is stored already is skipped."""
    job = DocumentJob.objects.select_related("log_entry", "log_entry__actor").filter(pk=job_id).first()
    if job is None or job.state == JobState.DONE:
        return job
    DocumentJob.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    job.attempts += 1
    entry = job.log_entry
    try:
        app = Application.objects.select_related("permit_type", "company", "referred_agency").get(
            pk=job.application_id
        )
        have = set(GeneratedDocument.objects.filter(log_entry=entry).values_list("kind", flat=True))
        for kind in job.kinds:
            if kind in have:
                continue
            content, signed = produce(kind, app, entry)  # slow: no transaction is open here
            _store_once(app=app, kind=kind, content=content, entry=entry, signed=signed)
    except Exception as exc:
        _failed(job, exc)
        raise
    now = timezone.now()
    DocumentJob.objects.filter(pk=job.pk).update(
        state=JobState.DONE, done_at=now, last_error="", next_attempt_at=None, updated_at=now
    )
    job.state, job.done_at = JobState.DONE, now
    return job


def _store_once(*, app: Application, kind: str, content: bytes, entry: ProcessLogEntry, signed: bool) -> None:
    try:
        with transaction.atomic():
            services.store(
                application=app,
                kind=kind,
                content=content,
                by=entry.actor,
                step=entry.step,
                log_entry=entry,
                signed=signed,
            )
    except IntegrityError:
        if not GeneratedDocument.objects.filter(log_entry=entry, kind=kind).exists():
            raise
        # Another run stored it meanwhile: theirs stands; `store` removed our file.
        logger.info("document %s of entry %s was stored by another run", kind, entry.pk)


def _failed(job: DocumentJob, exc: Exception) -> None:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if job.attempts >= MAX_ATTEMPTS:
        DocumentJob.objects.filter(pk=job.pk).update(
            state=JobState.FAILED, last_error=error, next_attempt_at=None, updated_at=timezone.now()
        )
        logger.error("document job %s failed for good after %d attempts: %s", job.pk, job.attempts, error)
        return
    delay = BACKOFF_SECONDS[min(job.attempts, len(BACKOFF_SECONDS)) - 1]
    when = timezone.now() + timedelta(seconds=delay)
    DocumentJob.objects.filter(pk=job.pk).update(
        state=JobState.PENDING, last_error=error, next_attempt_at=when
    )
    produce_documents.using(run_after=when).enqueue(job.pk)
    logger.warning(
        "document job %s failed (attempt %d), retried in %d s: %s", job.pk, job.attempts, delay, error
    )


def can_retry(job: DocumentJob) -> bool:
    """Failed for good, or `running` so long that its worker must have died."""
    return job.state == JobState.FAILED or (
        job.state == JobState.RUNNING and job.updated_at < timezone.now() - STALE_AFTER
    )


def retry(*, job: DocumentJob, by: User) -> DocumentJob:
    """An officer starts a failed (or stalled) job again: a new round of attempts."""
    with transaction.atomic():
        restartable = Q(state=JobState.FAILED) | Q(
            state=JobState.RUNNING, updated_at__lt=timezone.now() - STALE_AFTER
        )
        updated = DocumentJob.objects.filter(restartable, pk=job.pk).update(
            state=JobState.PENDING, attempts=0, next_attempt_at=None, updated_at=timezone.now()
        )
        if updated:
            produce_documents.enqueue(job.pk)
            logger.info("document job %s restarted by %s", job.pk, by.username)
    job.refresh_from_db()
    return job


def requeue_stalled(*, older_than: timedelta = STALE_AFTER) -> int:
    """Hand the worker again the jobs it lost: `running` with no change for `older_than` (its
    worker was killed or lost the database mid-job) or `pending` and due that long with no
    sign of a run (its task row was lost with a failed worker). Safe to repeat and safe beside a
    live worker: a job run twice stores each document once (`_store_once`). Run it every few
    minutes (`manage.py requeue_document_jobs`)."""
    now = timezone.now()
    cutoff = now - older_than
    stalled = DocumentJob.objects.filter(updated_at__lte=cutoff).filter(
        Q(state=JobState.RUNNING)
        | Q(state=JobState.PENDING, next_attempt_at__isnull=True)
        | Q(state=JobState.PENDING, next_attempt_at__lte=cutoff)
    )
    ids = list(stalled.values_list("pk", flat=True)[:1000])
    for pk in ids:
        with transaction.atomic():
            if (
                DocumentJob.objects.filter(pk=pk, updated_at__lte=cutoff)
                .exclude(state=JobState.DONE)
                .update(state=JobState.PENDING, next_attempt_at=None, updated_at=now)
            ):
                produce_documents.enqueue(pk)
    if ids:
        logger.warning("%d stalled document job(s) enqueued again", len(ids))
    return len(ids)
