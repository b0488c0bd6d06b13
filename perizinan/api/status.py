import hmac
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from perizinan.applications.models import Application

from . import presenters
from .schemas import Error, PublicStatusOut

router = Router(tags=["status"])
# The columns the public status shows (and the code it is checked against): one indexed row.
PUBLIC_STATUS_COLUMNS = (
    "registration_number",
    "status_code",
    "state",
    "due_date",
    "step_due_date",
    "last_reason",
    "state_since",
    "created_at",
    "licence__number",
)


@router.get("/{registration_number}", response={200: PublicStatusOut, 404: Error, 422: Error}, auth=None)
def public_status(request: HttpRequest, registration_number: str, code: str) -> Any:
    """Public status check with the registration number and the secret code printed on the receipt."""
    app = (
        Application.objects.select_related("licence")
        .only(*PUBLIC_STATUS_COLUMNS)
        .filter(registration_number=registration_number)
        .first()
    )
    if app is None or not app.status_code or not hmac.compare_digest(app.status_code, code.strip().upper()):
        return Status(404, {"detail": _("Nomor registrasi atau kode tidak cocok.")})
    return presenters.public_status(app)
