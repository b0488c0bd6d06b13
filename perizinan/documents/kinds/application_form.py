"""1. The application form (Lampiran 1): printed filled in, or blank to fill in by hand."""

from typing import Any

from perizinan.applications.models import Application, BuildingStatus, Education

from ..render import format_date
from .parts import DocumentSpec, applicant, common, kind_choices

PROFILE_QUESTIONS = [
    ("foreign_investment", "Perusahaan Penanaman Modal Asing (PMA)"),
    ("electromedical", "Menyalurkan alat kesehatan elektromedik"),
    ("radiation", "Menyalurkan alat kesehatan elektromedik yang memancarkan radiasi"),
    ("technicians", "Mempekerjakan teknisi"),
]


def build(app: Application | None, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    ctx["form"] = applicant(app) if app else None
    ctx["kinds"] = kind_choices(ctx["permit_type"], app.kind if app else None)
    ctx["building_choices"] = [
        {"label": str(label), "checked": bool(app and app.building_status == code)}
        for code, label in BuildingStatus.choices
    ]
    ctx["profile"] = [
        {"label": label, "value": None if app is None else getattr(app, name)}
        for name, label in PROFILE_QUESTIONS
    ]
    ctx["educations"] = [str(label) for _, label in Education.choices]
    ctx["category_lines"] = range(0 if app else 2)
    ctx["submitted_on"] = format_date(app.submitted_at) if app else ""
    return ctx


SPEC = DocumentSpec(
    "application_form",
    "Formulir Permohonan Izin",
    "documents/application_form.html",
    None,
    True,
    build,
    permit_title="Formulir Permohonan {name}",
)
