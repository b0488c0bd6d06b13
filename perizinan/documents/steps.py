"""Which documents each step produces (Lampiran 1's outputs), stored with the step's log entry."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from perizinan.workflow.models import RecordKind

from . import services
from .models import GeneratedDocument
from .signing.base import SigningError

PRODUCES: dict[str, list[str]] = {
    "submit": ["application_form"],
    "cs_accept": ["checklist_form"],
    "register": ["registration_receipt"],
    "verify": ["verification_form", "cover_letter"],
    "verify_return": ["verification_form"],
    "deliver_to_agency": ["liaison_receipt"],
    "draft_licence": ["draft_licence"],
    "section_approve": ["draft_licence"],
    "division_approve": ["draft_licence"],
    "hand_over": ["handover_receipt"],
}


def produce(*, action: str, app: Any, by: Any, entry: Any, data: dict[str, Any], stored: list[Any]) -> None:
    """Render, sign and store the documents of `action`; append each to `stored` (for discard)."""
    from .catalog import render

    def keep(kind: str, content: bytes, signed: bool = False) -> GeneratedDocument:
        doc = services.store(
            application=app,
            kind=kind,
            content=content,
            by=by,
            step=entry.step,
            log_entry=entry,
            signed=signed,
        )
        stored.append(doc)
        return doc

    kinds = list(PRODUCES.get(action, []))
    if action == "submit":
        kinds += [
            k
            for k, wanted in [
                ("power_of_attorney_handle", app.has_agent),
                ("power_of_attorney_sign", app.delegated_signing),
            ]
            if wanted
        ]
    for kind in kinds:
        keep(kind, render(kind, app))
    if action == "sign":
        code = (
            app.records.filter(kind=RecordKind.SIGNATURE)
            .order_by("-id")
            .values_list("data", flat=True)[0]["verification_code"]
        )
        try:
            pdf = services.sign_licence(app, code=code, by=by, passphrase=data.get("passphrase") or "")
        except SigningError as exc:
            raise ValidationError({"passphrase": str(exc)}) from None
        keep("licence_signed", pdf, signed=True)
    elif action == "number_licence":
        signed = (
            GeneratedDocument.objects.filter(application=app, kind="licence_signed").order_by("-id").first()
        )
        if signed is None:
            raise ValidationError({"licence": _("Surat izin belum ditandatangani Kepala Dinas.")})
        licence = app.licence
        pdf = services.stamp_number(signed.file.read(), number=licence.number, issued_on=licence.issued_on)
        keep("licence", pdf, signed=True)
