from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from perizinan import throttle
from perizinan.applications import presenters
from perizinan.applications.selectors import status_lookup

from .limits import LIMITED, too_many
from .schemas import Error, PublicStatusOut

router = Router(tags=["status"])


@router.get(
    "/{registration_number}",
    response={200: PublicStatusOut, 404: Error, 422: Error, **LIMITED},
    auth=None,
)
def public_status(request: HttpRequest, registration_number: str, code: str) -> Any:
    """Public status check with the registration number (any letter case) and the secret code
    printed on the receipt. Too many misses from one address or for one number -> 429."""
    found = status_lookup(
        registration_number=registration_number, code=code, address=throttle.address(request)
    )
    if not found.verdict.allowed:
        return too_many(found.verdict)
    if found.application is None:
        return Status(404, {"detail": _("Nomor registrasi atau kode tidak cocok.")})
    return presenters.public_status(found.application)
