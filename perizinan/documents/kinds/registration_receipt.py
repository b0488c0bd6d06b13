"""4. The registration receipt (step 6): what was handed in, the status code, the service
period and the fee."""

from typing import Any

from perizinan.applications.models import Application
from perizinan.catalog.models import ClockStart
from perizinan.workflow.models import RecordKind

from ..render import format_date, format_rupiah, format_time, number_words
from .parts import DocumentSpec, agency, applicant, common, current_documents, officer, record, service_hours


def build(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    rec = record(app, RecordKind.REGISTRATION_RECEIPT, extra)
    received = rec.data.get("received_at") or app.registered_at
    permit_type = app.permit_type
    ctx.update(
        {
            "record": rec,
            "registration_number": rec.number or app.registration_number or "",
            "received_date": format_date(received),
            "received_time": format_time(received),
            "officer": officer(rec.log_entry),
            "applicant": applicant(app),
            "documents": current_documents(app),
            "status_code": app.status_code,
            "sla_days": number_words(permit_type.sla_working_days),
            "clock_from_receipt": permit_type.clock_start == ClockStart.RECEIPT,
            "agency": agency(app, permit_type),
            "fee_free": not permit_type.fee,
            "fee": format_rupiah(permit_type.fee),
            "service_hours": service_hours(),
        }
    )
    return ctx


SPEC = DocumentSpec(
    "registration_receipt",
    "Bukti Tanda Terima Berkas",
    "documents/registration_receipt.html",
    6,
    False,
    build,
)
