"""The PDF documents of the SOP (section U and the records of Lampiran 1): what each one is and its data.

`render(kind, application, **extra)` builds the context of one document and renders it
with `render.render_pdf`. Builders read the application, its step records and its process
log; they never write. Forms marked `blank_allowed` can also be printed empty, to be
filled in by hand.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation

from perizinan.accounts.models import DEFAULT_SERVICE_HOURS, Office, User
from perizinan.accounts.roles import ROLE_LABELS, Role
from perizinan.applications.models import Application, BuildingStatus, ChecklistItem, Education
from perizinan.applications.selectors import checklist
from perizinan.catalog.models import ApplicationKind, ClockStart, PermitType, Stage
from perizinan.workflow.actions import get_action
from perizinan.workflow.log import verify_chain
from perizinan.workflow.models import ProcessLogEntry, RecordKind, StepRecord
from perizinan.workflow.states import STEPS

from .render import (
    format_date,
    format_datetime,
    format_duration,
    format_rupiah,
    format_service_hours,
    format_time,
    number_words,
    render_one_page,
    render_pdf,
)

OFFICE_NAME = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Kalimantan Timur"
OFFICE_HEAD_POSITION = f"Kepala {OFFICE_NAME}"
OFFICE_PLACE = "Samarinda"
DIVISION_HEAD_POSITION = "Kepala Bidang Layanan Perizinan"
DEFAULT_PERMIT_TYPE = "PAK"
# Documents that must stay on one A4 page, clear of their fixed areas (see render_one_page).
ONE_PAGE = frozenset({"licence", "draft_licence"})

# What the holder of a licence must do; printed on the licence and its draft.
LICENCE_OBLIGATIONS: dict[str, list[str]] = {
    "PAK": [
        "Menyalurkan alat kesehatan sesuai dengan Cara Distribusi Alat Kesehatan yang Baik (CDAKB) "
        "dan ketentuan peraturan perundang-undangan.",
        "Mempekerjakan Penanggung Jawab Teknis yang bekerja penuh waktu.",
        "Melaporkan setiap perubahan Penanggung Jawab Teknis, direktur/pimpinan, atau alamat kantor/gudang "
        "kepada DPMPTSP Provinsi Kalimantan Timur untuk perubahan izin.",
        "Menyampaikan laporan kegiatan penyaluran alat kesehatan secara berkala sesuai ketentuan, dengan "
        "tembusan kepada Dinas Kesehatan Provinsi Kalimantan Timur.",
        "Bersedia dibina dan diawasi oleh Dinas Kesehatan Provinsi Kalimantan Timur serta instansi berwenang.",
        "Memasang surat izin ini di tempat yang mudah dilihat. Izin dapat dicabut apabila pemegang izin "
        "melanggar ketentuan yang berlaku.",
    ],
}
DEFAULT_OBLIGATIONS = [
    "Mematuhi ketentuan peraturan perundang-undangan yang berlaku.",
    "Melaporkan setiap perubahan data perusahaan kepada DPMPTSP Provinsi Kalimantan Timur.",
    "Bersedia dibina dan diawasi oleh instansi teknis yang berwenang.",
]

# Points the technical team checks on site (step 10).
INSPECTION_POINTS: list[tuple[str, list[str]]] = [
    (
        "Gudang",
        [
            "Lokasi dan alamat gudang sesuai dengan permohonan",
            "Luas, kebersihan, penerangan dan ventilasi gudang memadai",
            "Suhu dan kelembapan terkendali dan tercatat",
            "Rak/palet tersedia; alat kesehatan tidak diletakkan langsung di lantai",
            "Keamanan gudang (kunci, alat pemadam api ringan)",
        ],
    ),
    (
        "Peralatan",
        [
            "Peralatan gudang sesuai daftar yang diajukan",
            "Peralatan bengkel/kalibrasi (bagi penyalur alkes elektromedik)",
        ],
    ),
    (
        "Penanggung Jawab Teknis (PJT)",
        [
            "PJT hadir pada saat pemeriksaan",
            "Ijazah asli PJT sesuai (minimal D3) dan identitas sesuai",
            "PJT bekerja penuh waktu di perusahaan",
        ],
    ),
    (
        "Administrasi",
        [
            "Kartu stok alat kesehatan",
            "Dokumen pengadaan dan penyaluran (PO, faktur, surat jalan)",
            "Buku kepustakaan dan peraturan tentang alat kesehatan",
            "Struktur organisasi dan uraian tugas pegawai",
            "Prosedur tetap penyaluran, penanganan keluhan dan penarikan produk",
        ],
    ),
]

# Process-log actions written by the services (not transitions): their Indonesian labels.
SERVICE_ACTION_LABELS = {
    "create": "Membuat permohonan",
    "edit": "Mengubah data permohonan",
    "upload_document": "Mengunggah dokumen",
    "tick_checklist": "Mencentang checklist",
}

ROLE_DIRECTOR = "Direktur"


@dataclass(frozen=True)
class DocumentSpec:
    kind: str
    title: str  # Indonesian title, e.g. "Bukti Tanda Terima Berkas"
    template: str  # "documents/<kind>.html"
    step: int | None  # SOP step that produces it (None for forms)
    blank_allowed: bool  # can be rendered without an application (blank form)
    build: Callable[..., dict]  # build(application | None, **extra) -> template context


# --- helpers ---------------------------------------------------------------------------------


def _npwp(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) == 15:
        from stdnum.id import npwp

        return npwp.format(digits)
    return value


def _permit_type(app: Application | None, extra: dict[str, Any]) -> PermitType | None:
    if app is not None:
        return app.permit_type
    given = extra.get("permit_type")
    if isinstance(given, PermitType):
        return given
    return PermitType.objects.filter(code=given or DEFAULT_PERMIT_TYPE).first()


def _common(kind: str, app: Application | None, extra: dict[str, Any]) -> dict[str, Any]:
    spec = DOCUMENTS[kind]
    permit_type = _permit_type(app, extra)
    return {
        "kind": kind,
        "doc_title": spec.title,
        "blank": app is None,
        "app": app,
        "registration_number": (app.registration_number or "") if app else "",
        "permit_type": permit_type,
        "permit_name": permit_type.name if permit_type else "",
        "company": _company(app) if app else None,
    }


def _company(app: Application) -> dict[str, str]:
    c = app.company
    return {
        "name": c.name,
        "legal_form": c.legal_form,
        "full_name": str(c),
        "nib": c.nib,
        "npwp": _npwp(c.npwp),
        "address": c.address,
        "phone": c.phone,
        "fax": c.fax,
        "email": c.email,
    }


def _applicant(app: Application) -> dict[str, Any]:
    previous = app.previous_licence_number or (app.previous_licence.number if app.previous_licence else "")
    return {
        "director_name": app.director_name,
        "director_nik": app.director_nik,
        "tech_lead_name": app.tech_lead_name,
        "tech_lead_nik": app.tech_lead_nik,
        "tech_lead_education": app.get_tech_lead_education_display(),
        "building_status": app.building_status,
        "building_status_label": app.get_building_status_display(),
        "lease_until": format_date(app.lease_until),
        "foreign_investment": app.foreign_investment,
        "electromedical": app.electromedical,
        "radiation": app.radiation,
        "technicians": app.technicians,
        "device_categories": list(app.device_categories or []),
        "device_list": app.device_list,
        "kind": app.kind,
        "kind_label": app.get_kind_display(),
        "previous_licence_number": previous,
        "agent_name": app.agent_name,
        "agent_nik": app.agent_nik,
        "signer_name": app.signer_name if app.delegated_signing else "",
    }


def _records(app: Application, kind: str) -> list[StepRecord]:
    return list(
        StepRecord.objects.filter(application=app, kind=kind).select_related("log_entry").order_by("id")
    )


def _latest(app: Application, kind: str, as_of: ProcessLogEntry | None = None) -> StepRecord | None:
    """The latest record of `kind`; with `as_of`, the latest written up to that log entry (the
    worker renders a step's document as the step left it, however late it runs)."""
    qs = StepRecord.objects.filter(application=app, kind=kind)
    if as_of is not None:
        qs = qs.filter(log_entry__seq__lte=as_of.seq)
    return qs.select_related("log_entry").order_by("-id").first()


def _record(app: Application, kind: str, extra: dict[str, Any]) -> StepRecord:
    """The record a document prints: `record=` if the caller gives one, else the latest of its kind."""
    record = extra.get("record")
    if record is None:
        record = _latest(app, kind, as_of=extra.get("as_of"))
    if record is None or record.kind != kind or record.application_id != app.pk:
        raise ValueError(
            f"Permohonan {app} belum memiliki catatan '{RecordKind(kind).label}' untuk dokumen ini."
        )
    return record


def _officer(entry: ProcessLogEntry | None) -> dict[str, str]:
    if entry is None:
        return {"name": "", "initial": "", "at": "", "date": "", "time": "", "role": ""}
    return {
        "name": entry.actor_name,
        "initial": entry.initial,
        "at": format_datetime(entry.at),
        "date": format_date(entry.at),
        "time": format_time(entry.at),
        "role": _role_label(entry.role),
    }


def _role_label(role: str) -> str:

    try:
        return str(ROLE_LABELS.get(Role(role), role))
    except ValueError:
        return role


def _agency(app: Application | None, permit_type: PermitType | None) -> dict[str, str]:
    agency = (app.referred_agency if app else None) or (permit_type.technical_agency if permit_type else None)
    if agency is None:
        return {"name": "", "address": ""}
    return {"name": agency.name, "address": agency.address}


def _agency_letterhead(agency: dict[str, str]) -> dict[str, str] | None:
    name = agency["name"]
    if not name:
        return None
    # "Dinas Kesehatan Provinsi Kalimantan Timur" → "DINAS KESEHATAN" under the government line.
    short = name.split(" Provinsi ")[0]
    return {
        "government": "PEMERINTAH PROVINSI KALIMANTAN TIMUR",
        "name": short.upper(),
        "address": agency["address"],
    }


def _kind_choices(permit_type: PermitType | None, selected: str | None) -> list[dict[str, Any]]:
    codes = list(permit_type.kinds) if permit_type and permit_type.kinds else list(ApplicationKind.values)
    return [
        {"code": code, "label": str(ApplicationKind(code).label), "checked": code == selected}
        for code in codes
        if code in ApplicationKind.values
    ]


def _current_documents(app: Application, *, submission_only: bool = True) -> list[dict[str, Any]]:
    qs = app.documents.filter(is_current=True).select_related("requirement").order_by("requirement__number")
    if submission_only:
        qs = qs.filter(requirement__stage=Stage.SUBMISSION)
    return [
        {"number": d.requirement.number, "title": d.requirement.title, "original_name": d.original_name}
        for d in qs
    ]


def _recommendation(app: Application) -> dict[str, str]:
    rec = _latest(app, RecordKind.RECOMMENDATION)
    if rec is None:
        return {"number": "", "date": "", "received_on": "", "inspection_date": ""}
    return {
        "number": rec.number or rec.data.get("recommendation_number", ""),
        "date": format_date(rec.data.get("recommendation_date")),
        "received_on": format_date(rec.data.get("received_on")),
        "inspection_date": format_date(rec.data.get("inspection_date")),
    }


def _division_head_name() -> str:

    user = User.objects.filter(groups__name=Role.DIVISION_HEAD, is_active=True).order_by("pk").first()
    return (user.get_full_name() or user.username) if user else ""


def _service_hours() -> str:

    office = Office.objects.order_by("pk").first()
    return format_service_hours((office.service_hours if office else None) or DEFAULT_SERVICE_HOURS)


# --- 1. application form ---------------------------------------------------------------------


def build_application_form(app: Application | None, **extra: Any) -> dict[str, Any]:
    ctx = _common("application_form", app, extra)
    ctx["form"] = _applicant(app) if app else None
    ctx["kinds"] = _kind_choices(ctx["permit_type"], app.kind if app else None)
    ctx["building_choices"] = [
        {"label": str(label), "checked": bool(app and app.building_status == code)}
        for code, label in BuildingStatus.choices
    ]
    ctx["profile"] = [
        {"label": label, "value": None if app is None else getattr(app, name)}
        for name, label in [
            ("foreign_investment", "Perusahaan Penanaman Modal Asing (PMA)"),
            ("electromedical", "Menyalurkan alat kesehatan elektromedik"),
            ("radiation", "Menyalurkan alat kesehatan elektromedik yang memancarkan radiasi"),
            ("technicians", "Mempekerjakan teknisi"),
        ]
    ]
    ctx["educations"] = [str(label) for _, label in Education.choices]
    ctx["category_lines"] = range(0 if app else 2)
    ctx["submitted_on"] = format_date(app.submitted_at) if app else ""
    return ctx


# --- 2. requirements checklist ---------------------------------------------------------------


def build_checklist_form(app: Application | None, **extra: Any) -> dict[str, Any]:

    ctx = _common("checklist_form", app, extra)
    if app is None:
        permit_type = ctx["permit_type"]
        requirements = list(permit_type.requirements.order_by("number")) if permit_type else []
        ctx["rows"] = [
            {
                "number": r.number,
                "title": r.title,
                "condition": _condition_text(r),
                "stage_label": "Langkah 10" if r.stage == Stage.TECHNICAL_REVIEW else "Pemohon",
            }
            for r in requirements
        ]
        ctx["cs"] = {"name": "", "at": "", "date": ""}
        return ctx
    rows = checklist(app)
    for row in rows:
        row["stage_label"] = "Langkah 10" if row["stage"] == Stage.TECHNICAL_REVIEW else "Pemohon"
    ctx["rows"] = rows
    ctx["applicant"] = _applicant(app)
    ctx["cs"] = _checklist_officer(app)
    ctx["count_present"] = sum(1 for r in rows if r["present"])
    ctx["count_ticked"] = sum(1 for r in rows if r["ticked"])
    return ctx


def _condition_text(r: Any) -> str:
    """When a requirement applies: its condition, narrowed to the application kinds it names."""
    text = str(r.get_condition_display())
    kinds = ", ".join(str(ApplicationKind(k).label) for k in r.kinds if k in ApplicationKind.values)
    if kinds:
        text = f"Permohonan {kinds}" if r.condition == "always" else f"{text}; permohonan {kinds}"
    if r.stage == Stage.TECHNICAL_REVIEW:
        text += "; dihasilkan pada langkah 10"
    return text


def _checklist_officer(app: Application) -> dict[str, str]:
    """Who signed the checklist: the CS officer of the latest `cs_accept` (with the initial in
    the process log), else whoever last ticked an item by hand."""
    entry = ProcessLogEntry.objects.filter(application=app, action="cs_accept").order_by("-seq").first()
    if entry is not None:
        return _officer(entry)
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
    return _officer(None)


# --- 3. powers of attorney -------------------------------------------------------------------


def _power_of_attorney(kind: str, app: Application | None, extra: dict[str, Any]) -> dict[str, Any]:
    ctx = _common(kind, app, extra)
    ctx["grantor"] = (
        {"name": app.director_name, "nik": app.director_nik, "position": ROLE_DIRECTOR} if app else None
    )
    if kind == "power_of_attorney_handle":
        grantee = {"name": app.agent_name, "nik": app.agent_nik} if app and app.agent_name else None
    else:
        grantee = {"name": app.signer_name, "nik": ""} if app and app.delegated_signing else None
    ctx["grantee"] = grantee
    return ctx


def build_power_of_attorney_sign(app: Application | None, **extra: Any) -> dict[str, Any]:
    return _power_of_attorney("power_of_attorney_sign", app, extra)


def build_power_of_attorney_handle(app: Application | None, **extra: Any) -> dict[str, Any]:
    return _power_of_attorney("power_of_attorney_handle", app, extra)


# --- 4. registration receipt (step 6) --------------------------------------------------------


def build_registration_receipt(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = _common("registration_receipt", app, extra)
    record = _record(app, RecordKind.REGISTRATION_RECEIPT, extra)
    received = record.data.get("received_at") or app.registered_at
    permit_type = app.permit_type
    agency = _agency(app, permit_type)
    ctx.update(
        {
            "record": record,
            "registration_number": record.number or app.registration_number or "",
            "received_date": format_date(received),
            "received_time": format_time(received),
            "officer": _officer(record.log_entry),
            "applicant": _applicant(app),
            "documents": _current_documents(app),
            "status_code": app.status_code,
            "sla_days": number_words(permit_type.sla_working_days),
            "clock_from_receipt": permit_type.clock_start == ClockStart.RECEIPT,
            "agency": agency,
            "fee_free": not permit_type.fee,
            "fee": format_rupiah(permit_type.fee),
            "service_hours": _service_hours(),
        }
    )
    return ctx


# --- 5. verification form (step 7) -----------------------------------------------------------


def build_verification_form(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = _common("verification_form", app, extra)
    record = _record(app, RecordKind.VERIFICATION_FORM, extra)
    cover = _latest(app, RecordKind.COVER_LETTER)
    history = _records(app, RecordKind.VERIFICATION_FORM)
    ctx.update(
        {
            "record": record,
            "valid": record.data.get("result") == "valid",
            "note": record.data.get("note") or record.data.get("reason") or "",
            "verifier": _officer(record.log_entry),
            "applicant": _applicant(app),
            "documents": _current_documents(app),
            "recommendation_kind": cover.data.get("recommendation_kind", "") if cover else "",
            "cover_letter_number": cover.number if cover else "",
            "history": [
                {
                    "valid": r.data.get("result") == "valid",
                    "note": r.data.get("note") or r.data.get("reason") or "",
                    "officer": _officer(r.log_entry),
                }
                for r in history
            ]
            if len(history) > 1
            else [],
        }
    )
    return ctx


# --- 6. cover letter (step 7) ----------------------------------------------------------------


def build_cover_letter(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = _common("cover_letter", app, extra)
    record = _record(app, RecordKind.COVER_LETTER, extra)
    documents = _current_documents(app)
    ctx.update(
        {
            "record": record,
            "number": record.number,
            "date": format_date(record.log_entry.at),
            "agency": _agency(app, app.permit_type),
            "recommendation_kind": record.data.get("recommendation_kind", ""),
            "documents": documents,
            "enclosure_count": number_words(len(documents)),
            "verifier": _officer(record.log_entry),
            "signer_name": extra.get("signer_name") or _division_head_name(),
            "signer_position": extra.get("signer_position") or DIVISION_HEAD_POSITION,
            "applicant": _applicant(app),
        }
    )
    return ctx


# --- 7. liaison receipt (step 9) -------------------------------------------------------------


def build_liaison_receipt(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = _common("liaison_receipt", app, extra)
    record = _record(app, RecordKind.LIAISON_RECEIPT, extra)
    cover = _latest(app, RecordKind.COVER_LETTER)
    agency = _agency(app, app.permit_type)
    ctx.update(
        {
            "record": record,
            "agency": {**agency, "name": record.data.get("agency") or agency["name"]},
            "received_by": record.data.get("received_by", ""),
            "liaison": _officer(record.log_entry),
            "cover_letter_number": cover.number if cover else "",
            "cover_letter_date": format_date(cover.log_entry.at) if cover else "",
            "documents": _current_documents(app),
        }
    )
    return ctx


# --- 8. inspection report form (step 10) -----------------------------------------------------


def build_inspection_report_form(app: Application | None, **extra: Any) -> dict[str, Any]:
    ctx = _common("inspection_report_form", app, extra)
    agency = _agency(app, ctx["permit_type"])
    points, n = [], 0
    for group, items in INSPECTION_POINTS:
        rows = []
        for item in items:
            n += 1
            rows.append({"number": n, "text": item})
        points.append({"group": group, "rows": rows})
    ctx.update(
        {
            "agency": agency,
            "letterhead": _agency_letterhead(agency),
            "points": points,
            "applicant": _applicant(app) if app else None,
            "cover_letter_number": "",
            "inspection_date": "",
        }
    )
    if app is not None:
        cover = _latest(app, RecordKind.COVER_LETTER)
        ctx["cover_letter_number"] = cover.number if cover else ""
        ctx["inspection_date"] = _recommendation(app)["inspection_date"]
    return ctx


# --- 9. recommendation letter (step 10) ------------------------------------------------------


def build_recommendation_letter(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = _common("recommendation_letter", app, extra)
    record = _record(app, RecordKind.RECOMMENDATION, extra)
    agency = _agency(app, app.permit_type)
    cover = _latest(app, RecordKind.COVER_LETTER)
    ctx.update(
        {
            "record": record,
            "number": record.number or record.data.get("recommendation_number", ""),
            "date": format_date(record.data.get("recommendation_date")),
            "inspection_date": format_date(record.data.get("inspection_date")),
            "received_on": format_date(record.data.get("received_on")),
            "agency": agency,
            "letterhead": _agency_letterhead(agency),
            "cover_letter_number": cover.number if cover else "",
            "cover_letter_date": format_date(cover.log_entry.at) if cover else "",
            "applicant": _applicant(app),
            "recorded_by": _officer(record.log_entry),
            "signer_position": f"Kepala {agency['name']}" if agency["name"] else "",
        }
    )
    return ctx


# --- 10. draft licence (step 11) and 12. licence (steps 14/15) -------------------------------


def _licence_base(app: Application, extra: dict[str, Any]) -> dict[str, Any]:
    permit_type = app.permit_type
    rec = _recommendation(app)
    agency = _agency(app, permit_type)
    return {
        "licence_title": permit_type.product or f"Surat {permit_type.name}",
        "legal_bases": list(permit_type.legal_bases or []),
        "validity": permit_type.validity,
        "obligations": LICENCE_OBLIGATIONS.get(permit_type.code, DEFAULT_OBLIGATIONS),
        "recommendation": rec,
        "agency": agency,
        "kind": app.kind,
        "kind_label": app.get_kind_display(),
        "previous_licence_number": _applicant(app)["previous_licence_number"],
        "submitted_on": format_date(app.submitted_at or app.registered_at),
        "place": OFFICE_PLACE,
        "signer_position": extra.get("signer_position") or OFFICE_HEAD_POSITION,
    }


def build_licence(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = _common("licence", app, extra)
    ctx.update(_licence_base(app, extra))
    c = app.company
    signature = _latest(app, RecordKind.SIGNATURE)
    ctx.update(
        {
            "holder": {
                "name": str(c),
                "address": c.address,
                "npwp": _npwp(c.npwp),
                "nib": c.nib,
                "director": app.director_name,
                "technical_lead": app.tech_lead_name,
                "technical_lead_education": app.get_tech_lead_education_display(),
                "warehouse_address": c.address,
                "device_categories": list(app.device_categories or []),
            },
            "number": extra.get("number") or "",
            "issued_on": format_date(extra.get("issued_on")),
            "verification_url": extra.get("verification_url") or "",
            "qr_svg": extra.get("qr_svg") or "",
            "copy_label": extra.get("copy_label") or "",
            "signer_name": extra.get("signer_name")
            or (signature.data.get("signed_by", "") if signature else ""),
            # The process log's head when the licence was made (docs/adr/0011): signed with it.
            "log_head": f"{app.log_seq}:{app.log_head}" if app.log_head else "",
        }
    )
    return ctx


def build_draft_licence(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = _common("draft_licence", app, extra)
    ctx.update(_licence_base(app, extra))
    record = _record(app, RecordKind.DRAFT_LICENCE, extra)
    d = record.data
    if d.get("recommendation_number"):
        ctx["recommendation"] = {**ctx["recommendation"], "number": d["recommendation_number"]}
    ctx.update(
        {
            "record": record,
            "version": d.get("version", ""),
            "drafted_by": _officer(record.log_entry),
            "holder": {
                "name": d.get("holder", ""),
                "address": d.get("address", ""),
                "npwp": _npwp(d.get("npwp", "")),
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
            "initials": _draft_initials(app, record, as_of=extra.get("as_of")),
        }
    )
    return ctx


def _draft_initials(
    app: Application, draft: StepRecord, as_of: ProcessLogEntry | None = None
) -> list[dict[str, str]]:
    """The initials of the heads of section and division given on this draft version (up to
    log entry `as_of` when given)."""
    qs = StepRecord.objects.filter(application=app, kind=RecordKind.INITIAL, id__gt=draft.id)
    if as_of is not None:
        qs = qs.filter(log_entry__seq__lte=as_of.seq)
    given = {r.data.get("role"): r for r in qs.select_related("log_entry").order_by("id")}
    rows = []
    for role, position in [
        ("section_head", "Kepala Seksi Layanan"),
        ("division_head", DIVISION_HEAD_POSITION),
    ]:
        r = given.get(role)
        officer = _officer(r.log_entry if r else None)
        rows.append(
            {
                "role": role,
                "position": position,
                "name": officer["name"],
                "initial": (r.data.get("initial") or officer["initial"]) if r else "",
                "at": officer["at"],
            }
        )
    return rows


# --- 11. handover receipt (step 16) ----------------------------------------------------------


def build_handover_receipt(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = _common("handover_receipt", app, extra)
    record = _record(app, RecordKind.HANDOVER_RECEIPT, extra)
    d = record.data
    licence = getattr(app, "licence", None)
    numbering = _latest(app, RecordKind.NUMBERING)
    ctx.update(
        {
            "record": record,
            "licence_number": licence.number if licence else (numbering.number if numbering else ""),
            "licence_issued_on": format_date(licence.issued_on) if licence else "",
            "recipient_name": d.get("recipient_name", ""),
            "recipient_id_number": d.get("recipient_id_number", ""),
            "recipient_is_agent": bool(d.get("recipient_is_agent")),
            "survey_code": d.get("survey_code") or record.number,
            "survey_url": f"{settings.PERIZINAN_PUBLIC_URL}/survei/kode/{d.get('survey_code') or record.number}/",
            "officer": _officer(record.log_entry),
            "applicant": _applicant(app),
            "agency": _agency(app, app.permit_type),
        }
    )
    return ctx


# --- 13. process control sheet ---------------------------------------------------------------


def _action_label(name: str) -> str:

    action = get_action(name)
    if action is not None:
        return str(action.label)
    return SERVICE_ACTION_LABELS.get(name, name)


def build_process_control_sheet(app: Application, **extra: Any) -> dict[str, Any]:
    from django.utils import timezone

    ctx = _common("process_control_sheet", app, extra)
    entries = list(ProcessLogEntry.objects.filter(application=app).order_by("seq"))
    rows = []
    for e in entries:
        note = e.note
        if not note and e.action == "upload_document" and e.data.get("requirement"):
            note = f"Persyaratan no. {e.data['requirement']}"
        step = STEPS.get(e.step) if e.step else None
        rows.append(
            {
                "seq": e.seq,
                "step": e.step or "",
                "step_title": str(step.title) if step else "",
                "action": _action_label(e.action),
                "actor": e.actor_name,
                "role": _role_label(e.role),
                "at": format_datetime(e.at),
                "date": format_date(e.at),
                "time": format_time(e.at),
                "duration": format_duration(e.seconds_taken),
                "standard": e.standard,
                "late": "Ya" if e.late else "",
                "initial": e.initial,
                "note": note,
            }
        )
    chain = verify_chain(app.pk)
    ctx.update(
        {
            "rows": rows,
            "entry_count": len(rows),
            "state_label": app.get_state_display(),
            "clock_started_on": format_date(app.clock_started_on),
            "due_date": format_date(app.due_date),
            "applicant": _applicant(app),
            "chain_ok": chain.ok,
            "chain_broken_seq": chain.broken_seq,
            "head_hash": entries[-1].hash if entries else "",
            "printed_at": format_datetime(timezone.now()),
        }
    )
    return ctx


DOCUMENTS: dict[str, DocumentSpec] = {
    spec.kind: spec
    for spec in [
        DocumentSpec(
            "application_form",
            "Formulir Permohonan Izin Penyalur Alat Kesehatan",
            "documents/application_form.html",
            None,
            True,
            build_application_form,
        ),
        DocumentSpec(
            "checklist_form",
            "Formulir Checklist Persyaratan",
            "documents/checklist_form.html",
            None,
            True,
            build_checklist_form,
        ),
        DocumentSpec(
            "power_of_attorney_sign",
            "Surat Kuasa Penandatanganan",
            "documents/power_of_attorney_sign.html",
            None,
            True,
            build_power_of_attorney_sign,
        ),
        DocumentSpec(
            "power_of_attorney_handle",
            "Surat Kuasa Pengurusan",
            "documents/power_of_attorney_handle.html",
            None,
            True,
            build_power_of_attorney_handle,
        ),
        DocumentSpec(
            "registration_receipt",
            "Bukti Tanda Terima Berkas",
            "documents/registration_receipt.html",
            6,
            False,
            build_registration_receipt,
        ),
        DocumentSpec(
            "verification_form",
            "Form Verifikasi",
            "documents/verification_form.html",
            7,
            False,
            build_verification_form,
        ),
        DocumentSpec(
            "cover_letter",
            "Surat Pengantar",
            "documents/cover_letter.html",
            7,
            False,
            build_cover_letter,
        ),
        DocumentSpec(
            "liaison_receipt",
            "Bukti Tanda Terima Berkas di OPD",
            "documents/liaison_receipt.html",
            9,
            False,
            build_liaison_receipt,
        ),
        DocumentSpec(
            "inspection_report_form",
            "Berita Acara Pemeriksaan",
            "documents/inspection_report_form.html",
            10,
            True,
            build_inspection_report_form,
        ),
        DocumentSpec(
            "recommendation_letter",
            "Rekomendasi Teknis",
            "documents/recommendation_letter.html",
            10,
            False,
            build_recommendation_letter,
        ),
        DocumentSpec(
            "draft_licence",
            "Draf Surat Izin Penyalur Alat Kesehatan",
            "documents/draft_licence.html",
            11,
            False,
            build_draft_licence,
        ),
        DocumentSpec(
            "handover_receipt",
            "Bukti Serah Terima Izin",
            "documents/handover_receipt.html",
            16,
            False,
            build_handover_receipt,
        ),
        DocumentSpec(
            "licence",
            "Surat Izin Penyalur Alat Kesehatan",
            "documents/licence.html",
            15,
            False,
            build_licence,
        ),
        DocumentSpec(
            "process_control_sheet",
            "Lembar Pengendali Proses",
            "documents/process_control_sheet.html",
            None,
            False,
            build_process_control_sheet,
        ),
    ]
}


def build_context(kind: str, application: Application | None = None, **extra: Any) -> dict[str, Any]:
    """The template context of one document (for tests and previews); same checks as `render`."""
    spec = DOCUMENTS[kind]
    if application is None and not spec.blank_allowed:
        raise ValueError(f"Dokumen '{kind}' memerlukan permohonan.")
    with translation.override("id"):
        return spec.build(application, **extra)


def render(kind: str, application: Application | None = None, **extra: Any) -> bytes:
    """The PDF of document `kind` for `application` (or blank). KeyError for an unknown kind;
    ValueError without an application for a document that cannot be blank, or when the
    application has not yet reached the step that produces it."""
    spec = DOCUMENTS[kind]
    context = build_context(kind, application, **extra)
    if kind in ONE_PAGE:
        with translation.override("id"):
            return render_one_page(spec.template, context)
    return render_pdf(spec.template, context)
