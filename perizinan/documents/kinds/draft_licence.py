"""10. The draft licence (step 11) with the initials of the heads of section and division."""

from typing import Any

from perizinan.applications.models import Application
from perizinan.workflow.models import ProcessLogEntry, RecordKind, StepRecord

from .licence import licence_base
from .parts import DocumentSpec, common, npwp, officer, record


def build(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    ctx.update(licence_base(app, ctx, extra))
    rec = record(app, RecordKind.DRAFT_LICENCE, extra)
    d = rec.data
    if d.get("recommendation_number"):
        ctx["recommendation"] = {**ctx["recommendation"], "number": d["recommendation_number"]}
    ctx.update(
        {
            "record": rec,
            "version": d.get("version", ""),
            "drafted_by": officer(rec.log_entry),
            "holder": {
                "name": d.get("holder", ""),
                "address": d.get("address", ""),
                "npwp": npwp(d.get("npwp", "")),
                "nib": d.get("nib", ""),
                "director": d.get("director", ""),
                "technical_lead": d.get("technical_lead", ""),
                "technical_lead_education": "",
                "warehouse_address": d.get("address", ""),
                "device_categories": list(d.get("device_categories") or []),
            },
            "number": "",
            "issued_on": "",
            "signer_name": "",
            "initials": initials(app, rec, ctx["office"], as_of=extra.get("as_of")),
        }
    )
    return ctx


def initials(
    app: Application, draft: StepRecord, office: dict[str, str], as_of: ProcessLogEntry | None = None
) -> list[dict[str, str]]:
    """The initials of the heads of section and division given on this draft version (up to
    log entry `as_of` when given)."""
    qs = StepRecord.objects.filter(application=app, kind=RecordKind.INITIAL, id__gt=draft.id)
    if as_of is not None:
        qs = qs.filter(log_entry__seq__lte=as_of.seq)
    given = {r.data.get("role"): r for r in qs.select_related("log_entry").order_by("id")}
    rows = []
    for role, position in [
        ("section_head", office["section_head_position"]),
        ("division_head", office["division_head_position"]),
    ]:
        r = given.get(role)
        by = officer(r.log_entry if r else None)
        rows.append(
            {
                "role": role,
                "position": position,
                "name": by["name"],
                "initial": (r.data.get("initial") or by["initial"]) if r else "",
                "at": by["at"],
            }
        )
    return rows


SPEC = DocumentSpec(
    "draft_licence",
    "Draf Surat Izin",
    "documents/draft_licence.html",
    11,
    False,
    build,
    permit_title="Draf {product}",
    one_page=True,
)
