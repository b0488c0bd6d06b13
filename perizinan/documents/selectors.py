"""Reads of the documents the steps produced and of the jobs still making them (for the
API and the pages alike; the caller has loaded the application through its permission check)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from perizinan.accounts.models import User
from perizinan.accounts.permissions import is_officer
from perizinan.applications.models import Application
from perizinan.errors import NotFound

from .models import DocumentJob, GeneratedDocument, JobState
from .registry import NUMBERED_LICENCE, SIGNED_LICENCE


def step_documents(app: Application) -> QuerySet[GeneratedDocument]:
    return GeneratedDocument.objects.filter(application=app).order_by("id")


# What the office works on before the licence is final: officers only (the applicant reads the
# final documents: receipts, letters, the numbered licence).
DRAFT_KINDS = frozenset({"draft_licence", SIGNED_LICENCE, "verification_form", "checklist_form"})


# The documents the holder of a step reads before acting, shown beside the step's buttons:
# the draft while the heads check and sign it (12-14), the head's signed licence before
# numbering (15), the numbered licence at the pickup counter (16).
REVIEWED_AT: dict[str, frozenset[int]] = {
    "draft_licence": frozenset({12, 13, 14}),
    SIGNED_LICENCE: frozenset({15}),
    NUMBERED_LICENCE: frozenset({16}),
}


def document_to_review(docs: list[GeneratedDocument], step: int) -> GeneratedDocument | None:
    """Of `docs` (oldest first), the latest one the holder of `step` reads before acting."""
    return next((d for d in reversed(docs) if step in REVIEWED_AT.get(d.kind, ())), None)


def visible_step_documents(user: User, app: Application) -> QuerySet[GeneratedDocument]:
    """The documents of `app` that `user` may read (the caller checked `user` may see `app`)."""
    docs = step_documents(app)
    return docs if is_officer(user) else docs.exclude(kind__in=DRAFT_KINDS)


def licence_document(app: Application) -> GeneratedDocument | None:
    """The signed, numbered licence, once the worker has made it."""
    return step_documents(app).filter(kind=NUMBERED_LICENCE).order_by("-id").first()


def jobs_of(app: Application) -> list[DocumentJob]:
    return list(DocumentJob.objects.filter(application=app).select_related("log_entry").order_by("id"))


def unfinished_jobs(app: Application) -> list[DocumentJob]:
    return [j for j in jobs_of(app) if j.state != JobState.DONE]


def licence_in_preparation(app: Application) -> bool:
    """The worker has still to seal the licence (a failed job is not "in preparation")."""
    return any(
        NUMBERED_LICENCE in j.kinds and j.state in {JobState.PENDING, JobState.RUNNING} for j in jobs_of(app)
    )


def job_for_retry(user: User, app: Application, job_id: int) -> DocumentJob:
    """A job of `app` an officer may restart: NotFound for another application's job,
    PermissionDenied for anyone but an officer."""
    job = DocumentJob.objects.filter(application=app, pk=job_id).first()
    if job is None:
        raise NotFound
    if not is_officer(user):
        raise PermissionDenied(_("Hanya petugas yang dapat membuat ulang dokumen."))
    return job
