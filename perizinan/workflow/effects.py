"""What each step does besides moving the state: its records (receipt, cover letter,
initials...) and field updates. Each transition in `transitions.py` names its effect.

`services.take_action` calls the effect inside the transaction, after the transition and
before the single save and the process-log entry. An effect returns the data to log and the
records to keep; it never renders, signs or sends anything (documents are made after commit
by the task worker, or, for a signature, before the transaction opens).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from perizinan.accounts.models import User
from perizinan.applications import stored_files
from perizinan.applications.models import Application, ChecklistItem
from perizinan.applications.numbers import next_registration_number
from perizinan.applications.selectors import profile_of
from perizinan.applications.validation import clean_nik
from perizinan.catalog.models import ClockStart, Stage
from perizinan.catalog.selectors import requirements_for
from perizinan.licences.models import Licence
from perizinan.licences.payments import require_paid
from perizinan.licences.services import issue_licence
from perizinan.workdays.calendar import Calendar

from . import clock
from .records import RecordKind
from .states import WAITING_ON_APPLICANT


@dataclass
class Ctx:
    app: Application
    by: User
    role: str
    data: dict[str, Any]
    now: datetime
    today: date
    cal: Calendar
    # What was made before the transaction opened: the action's uploads, checked and in
    # storage (`stored_files.StagedUpload` by field name), and the data of a signature.
    uploads: dict[str, Any] = field(default_factory=dict)
    prepared: dict[str, Any] = field(default_factory=dict)


@dataclass
class Record:
    kind: str
    number: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    document: Any = None


@dataclass
class Outputs:
    data: dict[str, Any] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)


Effect = Callable[[Ctx], Outputs]


def nothing(ctx: Ctx) -> Outputs:
    return Outputs()


def _current_documents(app: Application) -> dict[int, tuple[int, str]]:
    """requirement id -> (number, sha256) of every current upload: one query."""
    return {
        rid: (number, sha)
        for rid, number, sha in app.documents.filter(is_current=True).values_list(
            "requirement_id", "requirement__number", "sha256"
        )
    }


def _complete_dossier(app: Application) -> dict[int, tuple[int, str]]:
    """The current uploads, after checking every submission requirement has one."""
    current = _current_documents(app)
    missing = [
        r.number
        for r in requirements_for(app.permit_type, profile_of(app))
        if r.stage == Stage.SUBMISSION and r.pk not in current
    ]
    if missing:
        raise ValidationError(
            {"documents": _("Dokumen persyaratan belum lengkap: nomor %s.") % ", ".join(map(str, missing))}
        )
    return current


def _hashes(current: dict[int, tuple[int, str]]) -> dict[str, str]:
    return {str(number): sha for number, sha in current.values()}


# Steps 3, 4 and 8: the applicant hands in or hands back a complete dossier.
def hand_in(ctx: Ctx) -> Outputs:
    current = _complete_dossier(ctx.app)
    if ctx.app.submitted_at is None:
        ctx.app.submitted_at = ctx.now
    if ctx.app.state == "fix_received":
        ctx.app.fix_received_at = ctx.now
    return Outputs(data={"documents": _hashes(current)})


# Every return, decline or rejection. A return to the applicant, a decline or a rejection
# carries the reason the applicant reads; a return between officers carries an internal note
# (kept in the process log only), and leaves the applicant no reason to read.
def returned(ctx: Ctx) -> Outputs:
    to_applicant = ctx.app.state in WAITING_ON_APPLICANT or ctx.app.state in {
        "declined",
        "rejected",
        "withdrawn",
    }
    ctx.app.last_reason = ctx.data["reason"] if to_applicant else ""
    out = Outputs()
    if ctx.app.state in {"declined", "rejected", "withdrawn"}:
        ctx.app.completed_at = ctx.now
    return out


# Step 4: "complete and correct" needs every requirement present ticked: by customer service
# one by one (each tick logged with who and when), or all at once with `confirm_all`.
def cs_accept(ctx: Ctx) -> Outputs:
    current = _complete_dossier(ctx.app)
    ctx.app.last_reason = ""
    applicable = {r.pk for r in requirements_for(ctx.app.permit_type, profile_of(ctx.app))}
    present = {rid: number for rid, (number, _sha) in current.items() if rid in applicable}
    existing = {c.requirement_id: c for c in ChecklistItem.objects.filter(application=ctx.app)}
    unticked = sorted(n for rid, n in present.items() if not (rid in existing and existing[rid].ticked))
    if unticked and not ctx.data.get("confirm_all"):
        raise ValidationError(
            {
                "confirm_all": _(
                    "Persyaratan nomor %s belum dicentang: centang satu per satu, atau centang "
                    "“Saya telah memeriksa semua persyaratan” untuk mencentang semuanya."
                )
                % ", ".join(map(str, unticked))
            }
        )
    to_update = [i for rid, i in existing.items() if rid in present and not i.ticked]
    for item in to_update:
        item.ticked, item.ticked_by, item.ticked_at = True, ctx.by, ctx.now
    if to_update:
        ChecklistItem.objects.bulk_update(to_update, ["ticked", "ticked_by", "ticked_at"])
    new = [
        ChecklistItem(
            application=ctx.app, requirement_id=rid, ticked=True, ticked_by=ctx.by, ticked_at=ctx.now
        )
        for rid in present
        if rid not in existing
    ]
    if new:
        ChecklistItem.objects.bulk_create(new)
    data: dict[str, Any] = {"ticked": sorted(present.values())}
    if unticked:
        data["ticked_at_acceptance"] = unticked  # the ones "tick all" ticked, confirmed explicitly
    return Outputs(data=data)


# Step 5: help desk consultation.
def consult(ctx: Ctx) -> Outputs:
    data = {"question": ctx.data["question"], "answer": ctx.data["answer"]}
    return Outputs(data=data, records=[Record(RecordKind.CONSULTATION, data=data)])


# Step 6: registration number, receipt, the applicant's status code.
def register(ctx: Ctx) -> Outputs:
    app = ctx.app
    app.registration_number = next_registration_number(permit_type=app.permit_type, year=ctx.today.year)
    app.registered_at = ctx.now
    app.status_code = ctx.app.new_status_code()
    app.referred_agency_id = app.permit_type.technical_agency_id
    app.last_reason = ""
    if app.permit_type.clock_start == ClockStart.RECEIPT:
        clock.start(app, on=ctx.today, cal=ctx.cal)
    receipt = {"registration_number": app.registration_number, "received_at": ctx.now.isoformat()}
    return Outputs(
        data={"registration_number": app.registration_number},
        records=[Record(RecordKind.REGISTRATION_RECEIPT, number=app.registration_number, data=receipt)],
    )


# Step 7: verification form and cover letter to the technical agency.
def verify(ctx: Ctx) -> Outputs:
    app = ctx.app
    agency = app.permit_type.technical_agency
    kind = ctx.data.get("recommendation_kind") or _("Rekomendasi teknis %(permit)s") % {
        "permit": app.permit_type.name
    }
    letter_number = f"{app.registration_number}/SP"
    return Outputs(
        data={"cover_letter": letter_number, "recommendation_kind": kind},
        records=[
            Record(
                RecordKind.VERIFICATION_FORM, data={"result": "valid", "note": ctx.data.get("note") or ""}
            ),
            Record(
                RecordKind.COVER_LETTER,
                number=letter_number,
                data={"to": agency.name if agency else "", "recommendation_kind": kind},
            ),
        ],
    )


def verify_return(ctx: Ctx) -> Outputs:
    returned(ctx)
    return Outputs(
        records=[
            Record(RecordKind.VERIFICATION_FORM, data={"result": "invalid", "reason": ctx.data["reason"]})
        ]
    )


# Step 9: handover receipt at the agency.
def deliver(ctx: Ctx) -> Outputs:
    agency = ctx.app.referred_agency
    data = {"agency": agency.name if agency else "", "received_by": ctx.data["received_by"]}
    return Outputs(data=data, records=[Record(RecordKind.LIAISON_RECEIPT, data=data)])


# Step 10: inspection report and recommendation; the clock starts the day they arrive.
def recommend(ctx: Ctx) -> Outputs:
    app, d = ctx.app, ctx.data
    bap = stored_files.record(ctx.uploads["inspection_report"], application=app, by=ctx.by)
    rec = stored_files.record(ctx.uploads["recommendation"], application=app, by=ctx.by)
    if app.permit_type.clock_start == ClockStart.RECOMMENDATION:
        clock.start(app, on=ctx.today, cal=ctx.cal)
    app.last_reason = ""
    data = {
        "recommendation_number": d["recommendation_number"],
        "recommendation_date": d["recommendation_date"].isoformat(),
        "inspection_date": d["inspection_date"].isoformat() if d.get("inspection_date") else None,
        "received_on": ctx.today.isoformat(),
        "inspection_report_sha256": bap.sha256,
        "recommendation_sha256": rec.sha256,
    }
    return Outputs(
        data=data,
        records=[
            Record(
                RecordKind.INSPECTION_REPORT, data={"inspection_date": data["inspection_date"]}, document=bap
            ),
            Record(RecordKind.RECOMMENDATION, number=d["recommendation_number"], data=data, document=rec),
        ],
    )


def agency_note(ctx: Ctx) -> Outputs:
    d = ctx.data
    return Outputs(
        data={
            "activity": d["activity"],
            "activity_date": d["activity_date"].isoformat() if d.get("activity_date") else None,
        }
    )


def resubmit_to_agency(ctx: Ctx) -> Outputs:
    return Outputs(data={"documents": _hashes(_current_documents(ctx.app))})


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


def remark(ctx: Ctx) -> Outputs:
    return Outputs(data={"remark": ctx.data["remark"]})
