"""9. The technical recommendation (step 10), as the agency's letter."""

from typing import Any

from perizinan.applications.models import Application
from perizinan.workflow.models import RecordKind

from ..render import format_date
from .parts import DocumentSpec, agency, agency_letterhead, applicant, common, cover_letter, officer, record


def build(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    rec = record(app, RecordKind.RECOMMENDATION, extra)
    agency_data = agency(app, app.permit_type)
    cover = cover_letter(app)
    ctx.update(
        {
            "record": rec,
            "number": rec.number or rec.data.get("recommendation_number", ""),
            "date": format_date(rec.data.get("recommendation_date")),
            "inspection_date": format_date(rec.data.get("inspection_date")),
            "received_on": format_date(rec.data.get("received_on")),
            "agency": agency_data,
            "letterhead": agency_letterhead(agency_data, ctx["office"]),
            "cover_letter_number": cover["number"],
            "cover_letter_date": cover["date"],
            "applicant": applicant(app),
            "recorded_by": officer(rec.log_entry),
            "licence_activity": app.permit_type.licence_activity or app.permit_type.name,
            "signer_position": f"Kepala {agency_data['name']}" if agency_data["name"] else "",
        }
    )
    return ctx


SPEC = DocumentSpec(
    "recommendation_letter",
    "Rekomendasi Teknis",
    "documents/recommendation_letter.html",
    10,
    False,
    build,
)
