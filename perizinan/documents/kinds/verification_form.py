"""5. The verification form (step 7): valid or not, with the earlier rounds after a fix loop."""

from typing import Any

from perizinan.applications.models import Application
from perizinan.workflow.models import RecordKind, StepRecord

from .parts import DocumentSpec, applicant, common, cover_letter, current_documents, officer, record, records


def _round(r: StepRecord) -> dict[str, Any]:
    return {
        "valid": r.data.get("result") == "valid",
        "note": r.data.get("note") or r.data.get("reason") or "",
        "officer": officer(r.log_entry),
    }


def build(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    rec = record(app, RecordKind.VERIFICATION_FORM, extra)
    cover = cover_letter(app)
    history = records(app, RecordKind.VERIFICATION_FORM)
    this = _round(rec)
    ctx.update(
        {
            "record": rec,
            "valid": this["valid"],
            "note": this["note"],
            "verifier": this["officer"],
            "applicant": applicant(app),
            "documents": current_documents(app),
            "recommendation_kind": cover["recommendation_kind"],
            "cover_letter_number": cover["number"],
            "history": [_round(r) for r in history] if len(history) > 1 else [],
        }
    )
    return ctx


SPEC = DocumentSpec(
    "verification_form",
    "Form Verifikasi",
    "documents/verification_form.html",
    7,
    False,
    build,
)
