"""7. The receipt of the file at the technical agency (step 9)."""

from typing import Any

from perizinan.applications.models import Application
from perizinan.workflow.models import RecordKind

from .parts import DocumentSpec, agency, common, cover_letter, current_documents, officer, record


def build(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    rec = record(app, RecordKind.LIAISON_RECEIPT, extra)
    cover = cover_letter(app)
    agency_data = agency(app, app.permit_type)
    ctx.update(
        {
            "record": rec,
            "agency": {**agency_data, "name": rec.data.get("agency") or agency_data["name"]},
            "received_by": rec.data.get("received_by", ""),
            "liaison": officer(rec.log_entry),
            "cover_letter_number": cover["number"],
            "cover_letter_date": cover["date"],
            "documents": current_documents(app),
        }
    )
    return ctx


SPEC = DocumentSpec(
    "liaison_receipt",
    "Bukti Tanda Terima Berkas di OPD",
    "documents/liaison_receipt.html",
    9,
    False,
    build,
)
