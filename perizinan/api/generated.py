"""The documents the steps produced (PDFs made by the task worker after each step), the jobs
still making them, the licence PDF and the process-control sheet."""

import io
from typing import Any

from django.http import FileResponse, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from perizinan.accounts.permissions import is_officer
from perizinan.applications.selectors import get_application_for_user
from perizinan.documents import jobs
from perizinan.documents.registry import render
from perizinan.documents.selectors import (
    job_for_retry,
    jobs_of,
    licence_document,
    licence_in_preparation,
    visible_step_documents,
)
from perizinan.documents.services import render_licence
from perizinan.errors import NotFound

from .auth import AUTH, current_user
from .schemas import PROTECTED, DocumentJobOut, Error, GeneratedOut

router = Router(tags=["documents"], auth=AUTH)
RETRY_AFTER_SECONDS = 5


def _load(request: HttpRequest, pk: int):
    return get_application_for_user(current_user(request), pk)


def pdf_response(content: Any, filename: str) -> FileResponse:
    response = FileResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.get("/{int:pk}/licence.pdf", response={200: None, 409: Error, **PROTECTED})
def licence_pdf(request: HttpRequest, pk: int, print_copy: str = "") -> Any:
    """The signed licence (holder and officers). `print_copy=verification|archive`: an unsigned
    print copy. 409 with `Retry-After` while the worker is still sealing it (step 15)."""
    app = _load(request, pk)
    doc = licence_document(app)
    if doc is None:
        if licence_in_preparation(app):
            response = JsonResponse(
                {"detail": _("Surat izin sedang disiapkan; coba lagi sebentar lagi.")}, status=409
            )
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        raise NotFound
    if print_copy:
        labels = {"verification": _("SALINAN UNTUK VERIFIKASI"), "archive": _("SALINAN UNTUK ARSIP")}
        if print_copy not in labels:
            msg = _("Pilih verification atau archive.")
            return Status(422, {"detail": f"print_copy: {msg}", "errors": {"print_copy": [msg]}})
        licence = app.licence
        content = render_licence(
            app,
            code=licence.verification_code,
            number=licence.number,
            issued_on=licence.issued_on,
            expires_on=licence.expires_on,
            signer_name=licence.signed_by,
            copy_label=str(labels[print_copy]),
        )
        return pdf_response(io.BytesIO(content), f"izin-{print_copy}.pdf")
    return pdf_response(doc.file.open("rb"), "izin.pdf")


@router.get("/{int:pk}/generated", response={200: list[GeneratedOut], **PROTECTED})
def generated(request: HttpRequest, pk: int) -> Any:
    """The documents the steps produced (receipt, cover letter, licence...), each with its SHA-256."""
    return list(visible_step_documents(current_user(request), _load(request, pk)))


@router.get("/{int:pk}/generated/{int:doc_id}", response={200: None, **PROTECTED})
def generated_file(request: HttpRequest, pk: int, doc_id: int) -> Any:
    doc = visible_step_documents(current_user(request), _load(request, pk)).filter(pk=doc_id).first()
    if doc is None:
        raise NotFound
    return pdf_response(doc.file.open("rb"), f"{doc.kind}.pdf")


@router.get("/{int:pk}/document-jobs", response={200: list[DocumentJobOut], **PROTECTED})
def document_jobs(request: HttpRequest, pk: int) -> Any:
    """The documents each step still has to produce: `pending` (sedang disiapkan), `running`,
    `done` or `failed` (an officer may retry)."""
    officer = is_officer(current_user(request))
    return [DocumentJobOut.of(j, officer=officer) for j in jobs_of(_load(request, pk))]


@router.post(
    "/{int:pk}/document-jobs/{int:job_id}/retry", response={200: DocumentJobOut, 409: Error, **PROTECTED}
)
def retry_document_job(request: HttpRequest, pk: int, job_id: int) -> Any:
    """Officers: start a failed document job again. 409 unless it failed."""
    user = current_user(request)
    job = job_for_retry(user, _load(request, pk), job_id)
    if not jobs.can_retry(job):
        return Status(409, {"detail": _("Hanya pembuatan dokumen yang gagal yang dapat diulang.")})
    return DocumentJobOut.of(jobs.retry(job=job, by=user), officer=True)


@router.get("/{int:pk}/process-sheet.pdf", response={200: None, **PROTECTED})
def process_sheet(request: HttpRequest, pk: int) -> Any:
    """The process control sheet (lembar pengendali proses) as it stands now."""
    return pdf_response(
        io.BytesIO(render("process_control_sheet", _load(request, pk))), "pengendali-proses.pdf"
    )
