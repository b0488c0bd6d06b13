"""The effects of issuing the licence, steps 11-17 (`steps_issuing.py`): the draft, the
initials, the signature and meetings, the licence number, the hand-over to a person entitled
to the licence, and the applicant's confirmation."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from perizinan.applications.models import Application
from perizinan.applications.validation import clean_nik
from perizinan.licences.models import Licence
from perizinan.licences.payments import require_paid
from perizinan.licences.services import issue_licence

from .effects import Ctx, Outputs, Record, returned
from .records import RecordKind


# Step 11: the draft licence, from the standard format and the recommendation.
def draft(ctx: Ctx) -> Outputs:
    app = ctx.app
    rec = app.records.filter(kind=RecordKind.RECOMMENDATION).order_by("-id").first()
    version = app.records.filter(kind=RecordKind.DRAFT_LICENCE).count() + 1
    draft = {
        "version": version,
        "permit_type": app.permit_type.code,
        "kind": app.kind,
        "holder": str(app.company),
        "address": app.company.address,
        "nib": app.company.nib,
        "npwp": app.company.npwp,
        "director": app.director_name,
        "technical_lead": app.tech_lead_name,
        "device_categories": app.device_categories,
        "recommendation_number": rec.number if rec else "",
    }
    return Outputs(
        data={"version": version},
        records=[Record(RecordKind.DRAFT_LICENCE, number=f"v{version}", data=draft)],
    )


# Steps 12 and 13: initials of the heads of section and division.
def initial(ctx: Ctx) -> Outputs:
    data = {"initial": ctx.by.paraf, "role": ctx.role}
    return Outputs(data=data, records=[Record(RecordKind.INITIAL, data=data)])


def propose_meeting(ctx: Ctx) -> Outputs:
    data = {"meeting_date": ctx.data["meeting_date"].isoformat(), "agenda": ctx.data["agenda"]}
    return Outputs(data=data, records=[Record(RecordKind.MEETING, data=data)])


# Step 14: signature of the head of the office; the "not yet eligible" loop.
def sign(ctx: Ctx) -> Outputs:
    data = {
        "signed_by": ctx.by.get_full_name() or ctx.by.username,
        "signed_at": ctx.now.isoformat(),
        # The code printed in the licence's QR, chosen when the licence was signed (before
        # the transaction); a new one only where nothing was signed beforehand.
        "verification_code": ctx.prepared.get("verification_code") or Licence.new_verification_code(),
    }
    return Outputs(data=data, records=[Record(RecordKind.SIGNATURE, data=data)])


def call_meeting(ctx: Ctx) -> Outputs:
    returned(ctx)
    when = ctx.data.get("meeting_date")
    data = {"meeting_date": when.isoformat() if when else None, "reason": ctx.data["reason"]}
    return Outputs(data=data, records=[Record(RecordKind.MEETING, data=data)])


def meeting_held(ctx: Ctx) -> Outputs:
    data = {"result": ctx.data["result"]}
    ctx.app.last_reason = ""
    return Outputs(data=data, records=[Record(RecordKind.MEETING, data=data)])


# Step 15: the gap-free licence number and the licence record.
def number(ctx: Ctx) -> Outputs:
    signature = ctx.app.records.filter(kind=RecordKind.SIGNATURE).order_by("-id").first()
    if signature is None:
        raise ValidationError({"licence": _("Surat izin belum ditandatangani Kepala Dinas.")})
    licence = issue_licence(
        application=ctx.app,
        by=ctx.by,
        on=ctx.today,
        signed_by=signature.data.get("signed_by", ""),
        verification_code=signature.data.get("verification_code", ""),
    )
    data = {
        "licence_number": licence.number,
        "issued_on": licence.issued_on.isoformat(),
        # 15c: the registry checked the licence against the final checklist before numbering.
        "final_checklist_checked": bool(ctx.data.get("final_checklist_checked")),
    }
    return Outputs(data=data, records=[Record(RecordKind.NUMBERING, number=licence.number, data=data)])


# Step 16: handover to the right person (the director, the technical lead, or the agent whose
# power of attorney is on file), checked by a valid NIK; the survey code.
def hand_over(ctx: Ctx) -> Outputs:
    require_paid(ctx.app)  # a permit type with a fee: only once it is paid (optional_steps.py)
    d = ctx.data
    nik, as_agent = recipient_nik(ctx.app, d["recipient_id_number"], agent=bool(d.get("recipient_is_agent")))
    data = {
        "recipient_name": d["recipient_name"],
        "recipient_id_number": nik,
        "recipient_is_agent": as_agent,
        "survey_code": ctx.app.new_status_code(),
    }
    return Outputs(
        data=data, records=[Record(RecordKind.HANDOVER_RECEIPT, number=data["survey_code"], data=data)]
    )


def recipient_nik(app: Application, raw: str, *, agent: bool) -> tuple[str, bool]:
    """The recipient's NIK if it is valid and names a person entitled to the licence, and
    whether that person is the agent; else ValidationError naming `recipient_id_number`."""
    field = "recipient_id_number"
    try:
        nik = clean_nik(raw.replace(" ", "").replace(".", ""))
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    people = {app.director_nik: False, app.tech_lead_nik: False}
    if app.has_agent and app.agent_nik:
        people[app.agent_nik] = True
    if nik not in people:
        raise ValidationError(
            {
                field: _(
                    "NIK penerima tidak sesuai dengan direktur, penanggung jawab teknis, atau kuasa "
                    "yang surat kuasanya ada dalam berkas: izin hanya diserahkan kepada mereka."
                )
            }
        )
    if agent and not people[nik]:
        raise ValidationError(
            {"recipient_is_agent": _("Tidak ada surat kuasa dalam berkas untuk penerima dengan NIK ini.")}
        )
    return nik, people[nik]


# Step 17: the applicant confirms.
def confirm(ctx: Ctx) -> Outputs:
    ctx.app.completed_at = ctx.now
    data = {"confirmed_at": ctx.now.isoformat()}
    return Outputs(data=data, records=[Record(RecordKind.CONFIRMATION, data=data)])
