"""2. The requirements checklist (Lampiran 1): the applicable requirements, what was handed
in and what the CS officer ticked; blank, every requirement of the permit type."""

from typing import Any

from perizinan.applications.models import Application, ChecklistItem
from perizinan.applications.selectors import checklist
from perizinan.catalog.models import ApplicationKind, Requirement, Stage
from perizinan.workflow.models import ProcessLogEntry

from ..render import format_date, format_datetime, format_time
from .parts import DocumentSpec, applicant, common, officer


def _stage_label(stage: str) -> str:
    return "Langkah 10" if stage == Stage.TECHNICAL_REVIEW else "Pemohon"


def build(app: Application | None, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    if app is None:
        permit_type = ctx["permit_type"]
        requirements = list(permit_type.requirements.order_by("number")) if permit_type else []
        ctx["rows"] = [
            {
                "number": r.number,
                "title": r.title,
                "condition": condition_text(r),
                "stage_label": _stage_label(r.stage),
            }
            for r in requirements
        ]
        ctx["cs"] = {"name": "", "at": "", "date": ""}
        return ctx
    rows = checklist(app)
    for row in rows:
        row["stage_label"] = _stage_label(row["stage"])
    ctx["rows"] = rows
    ctx["applicant"] = applicant(app)
    ctx["cs"] = checklist_officer(app)
    ctx["count_present"] = sum(1 for r in rows if r["present"])
    ctx["count_ticked"] = sum(1 for r in rows if r["ticked"])
    return ctx


def condition_text(r: Requirement) -> str:
    """When a requirement applies: its condition, narrowed to the application kinds it names."""
    text = str(r.get_condition_display())
    kinds = ", ".join(str(ApplicationKind(k).label) for k in r.kinds if k in ApplicationKind.values)
    if kinds:
        text = f"Permohonan {kinds}" if r.condition == "always" else f"{text}; permohonan {kinds}"
    if r.stage == Stage.TECHNICAL_REVIEW:
        text += "; dihasilkan pada langkah 10"
    return text


def checklist_officer(app: Application) -> dict[str, str]:
    """Who signed the checklist: the CS officer of the latest `cs_accept` (with the initial in
    the process log), else whoever last ticked an item by hand."""
    entry = ProcessLogEntry.objects.filter(application=app, action="cs_accept").order_by("-seq").first()
    if entry is not None:
        return officer(entry)
    item = (
        ChecklistItem.objects.filter(application=app, ticked=True, ticked_by__isnull=False)
        .select_related("ticked_by")
        .order_by("-ticked_at")
        .first()
    )
    if item is not None and item.ticked_by is not None:
        user = item.ticked_by
        return {
            "name": user.get_full_name() or user.username,
            "initial": user.paraf,
            "at": format_datetime(item.ticked_at),
            "date": format_date(item.ticked_at),
            "time": format_time(item.ticked_at),
            "role": "Petugas Customer Service",
        }
    return officer(None)


SPEC = DocumentSpec(
    "checklist_form",
    "Formulir Checklist Persyaratan",
    "documents/checklist_form.html",
    None,
    True,
    build,
)
