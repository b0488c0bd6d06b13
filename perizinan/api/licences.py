from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from perizinan import throttle
from perizinan.documents.verification import check_licence, identify_pdf

from .limits import LIMITED, too_many
from .schemas import Error, LicenceVerifyOut

router = Router(tags=["licences"])


@router.get("/verify/{code}", response={200: LicenceVerifyOut, 404: Error, 422: Error}, auth=None)
def verify(request: HttpRequest, code: str) -> Any:
    """Public check of a licence by the code printed in its QR code, with the check of its signed PDF."""
    result = check_licence(code)
    if result is None:
        return Status(404, {"detail": _("Izin dengan kode ini tidak ditemukan.")})
    licence = result.licence
    return {
        "valid": result.valid,
        "licence_number": licence.number,
        "company": licence.holder_name,
        "permit_type": licence.permit_type.code,
        "issued_at": licence.issued_on,
        "status": licence.status,
        "status_reason": licence.status_reason,
        "signed_by": licence.signed_by,
        "expires_on": licence.expires_on,
        "expired": result.expired,
        "document": None
        if result.document is None
        else {
            "sha256": result.document.sha256,
            "intact_and_trusted": result.document_ok,
            "signatures": [s.summary() for s in (result.pdf.signatures if result.pdf else [])],
        },
    }


class PdfCheckOut(Schema):
    genuine: bool
    unaltered: bool
    licence_number: str | None
    status: str | None
    expired: bool
    company: str | None
    verification_code: str | None
    signatures: list[dict[str, Any]]
    reasons: list[str]


@router.post("/verify-pdf", response={200: PdfCheckOut, 413: Error, 422: Error, **LIMITED}, auth=None)
def verify_pdf(request: HttpRequest, file: File[UploadedFile]) -> Any:
    """Upload a PDF you were given: is it a genuine, unaltered licence of this office, and which one?"""
    verdict = throttle.hit("pdf_check", address=throttle.address(request))
    if not verdict.allowed:
        return too_many(verdict)
    data = file.read(20 * 1024 * 1024 + 1)
    if len(data) > 20 * 1024 * 1024:
        return Status(
            422,
            {"detail": _("file: berkas terlalu besar."), "errors": {"file": [_("Berkas terlalu besar.")]}},
        )
    return identify_pdf(data).as_dict()
