"""6. The cover letter to the technical agency (step 7), signed for the head by the division head."""

from typing import Any

from perizinan.applications.models import Application
from perizinan.workflow.models import RecordKind

from ..render import format_date, number_words
from .parts import (
    DocumentSpec,
    agency,
    applicant,
    common,
    current_documents,
    division_head_name,
    officer,
    record,
)


def build(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    rec = record(app, RecordKind.COVER_LETTER, extra)
    documents = current_documents(app)
    ctx.update(
        {
            "record": rec,
            "number": rec.number,
            "date": format_date(rec.log_entry.at),
            "agency": agency(app, app.permit_type),
            "recommendation_kind": rec.data.get("recommendation_kind", ""),
            "documents": documents,
            "enclosure_count": number_words(len(documents)),
            "verifier": officer(rec.log_entry),
            "signer_name": extra.get("signer_name") or division_head_name(),
            "signer_position": extra.get("signer_position") or ctx["office"]["division_head_position"],
            "applicant": applicant(app),
        }
    )
    return ctx


SPEC = DocumentSpec(
    "cover_letter",
    "Surat Pengantar",
    "documents/cover_letter.html",
    7,
    False,
    build,
)
