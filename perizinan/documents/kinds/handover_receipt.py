"""11. The handover receipt (step 16): who received the licence, with the survey code."""

from typing import Any

from django.conf import settings

from perizinan.applications.models import Application
from perizinan.licences.models import Licence
from perizinan.workflow.models import RecordKind

from ..render import format_date
from .licence import default_obligations
from .parts import DocumentSpec, agency, applicant, common, latest, officer, record


def build(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    rec = record(app, RecordKind.HANDOVER_RECEIPT, extra)
    d = rec.data
    licence = Licence.objects.filter(application=app).first()
    numbering = latest(app, RecordKind.NUMBERING)
    survey_code = d.get("survey_code") or rec.number
    ctx.update(
        {
            "record": rec,
            "licence_number": licence.number if licence else (numbering.number if numbering else ""),
            "licence_issued_on": format_date(licence.issued_on) if licence else "",
            "recipient_name": d.get("recipient_name", ""),
            "recipient_id_number": d.get("recipient_id_number", ""),
            "recipient_is_agent": bool(d.get("recipient_is_agent")),
            "survey_code": survey_code,
            "survey_url": f"{settings.PERIZINAN_PUBLIC_URL}/survei/kode/{survey_code}/",
            "officer": officer(rec.log_entry),
            "applicant": applicant(app),
            "agency": agency(app, app.permit_type),
            "licence_activity": app.permit_type.licence_activity or app.permit_type.name,
            "obligations": list(app.permit_type.obligations or []) or default_obligations(ctx["office"]),
        }
    )
    return ctx


SPEC = DocumentSpec(
    "handover_receipt",
    "Bukti Serah Terima Izin",
    "documents/handover_receipt.html",
    16,
    False,
    build,
)
