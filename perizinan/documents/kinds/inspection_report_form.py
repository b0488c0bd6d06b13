"""8. The inspection report (step 10) on the technical agency's letterhead; its points are the
permit type's `inspection_points` (data, editable in the admin)."""

from typing import Any

from perizinan.applications.models import Application
from perizinan.catalog.models import PermitType

from .parts import DocumentSpec, agency, agency_letterhead, applicant, common, cover_letter, recommendation


def numbered_points(permit_type: PermitType | None) -> list[dict[str, Any]]:
    """The permit type's inspection points in groups, numbered on through the groups."""
    points, n = [], 0
    for group in (permit_type.inspection_points if permit_type else None) or []:
        rows = []
        for item in group.get("items", []):
            n += 1
            rows.append({"number": n, "text": item})
        points.append({"group": group.get("group", ""), "rows": rows})
    return points


def build(app: Application | None, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    agency_data = agency(app, ctx["permit_type"])
    ctx.update(
        {
            "agency": agency_data,
            "letterhead": agency_letterhead(agency_data, ctx["office"]),
            "points": numbered_points(ctx["permit_type"]),
            "applicant": applicant(app) if app else None,
            "cover_letter_number": cover_letter(app)["number"] if app else "",
            "inspection_date": recommendation(app)["inspection_date"] if app else "",
        }
    )
    return ctx


SPEC = DocumentSpec(
    "inspection_report_form",
    "Berita Acara Pemeriksaan",
    "documents/inspection_report_form.html",
    10,
    True,
    build,
)
