from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from perizinan.licences.models import Licence

from .schemas import Error, LicenceVerifyOut

router = Router(tags=["licences"])


@router.get("/verify/{code}", response={200: LicenceVerifyOut, 404: Error, 422: Error}, auth=None)
def verify(request: HttpRequest, code: str) -> Any:
    """Public check of a licence by the code printed in its QR code."""
    licence = Licence.objects.select_related("permit_type").filter(verification_code=code).first()
    if licence is None:
        return Status(404, {"detail": _("Izin dengan kode ini tidak ditemukan.")})
    return {
        "valid": licence.status == "active",
        "licence_number": licence.number,
        "company": licence.holder_name,
        "permit_type": licence.permit_type.code,
        "issued_at": licence.issued_on,
        "status": licence.status,
        "status_reason": licence.status_reason,
        "signed_by": licence.signed_by,
    }
