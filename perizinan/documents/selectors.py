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
from .producers import NUMBERED_LICENCE


def step_documents(app: Application) -> QuerySet[GeneratedDocument]:
    return GeneratedDocument.objects.filter(application=app).order_by("id")


# What the office works on before the licence is final: officers only (the applicant reads the
# final documents: receipts, letters, the numbered licence).
DRAFT_KINDS = frozenset({"draft_licence", "licence_signed", "verification_form", "checklist_form"})


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
