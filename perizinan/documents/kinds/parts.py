"""What the document builders share: the spec, the office, the company and applicant data,
the step records and the officers who wrote them. Builders read; they never write."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from stdnum.id import npwp as stdnum_npwp

from perizinan.accounts.models import DEFAULT_SERVICE_HOURS, User
from perizinan.accounts.roles import ROLE_LABELS, Role
from perizinan.accounts.selectors import office_record
from perizinan.applications.models import Application
from perizinan.catalog.models import ApplicationKind, PermitType, Stage
from perizinan.workflow.models import ProcessLogEntry, RecordKind, StepRecord

from ..render import format_date, format_datetime, format_service_hours, format_time


@dataclass(frozen=True)
class DocumentSpec:
    kind: str
    title: str  # Indonesian title, e.g. "Bukti Tanda Terima Berkas"
    template: str  # "documents/<kind>.html"
    step: int | None  # SOP step that produces it (None for forms)
    blank_allowed: bool  # can be rendered without an application (blank form)
    build: Callable[..., dict[str, Any]]  # build(application | None, **extra) -> template context
    # The title printed on the document when it names the permit: "{name}" is the permit
    # type's name, "{product}" its licence title, e.g. "Formulir Permohonan {name}".
    permit_title: str = ""
    one_page: bool = False  # must stay on one A4 page, clear of its fixed areas

    def printed_title(self, permit_type: PermitType | None) -> str:
        if not self.permit_title or permit_type is None:
            return self.title
        return self.permit_title.format(name=permit_type.name, product=licence_title(permit_type))


def licence_title(permit_type: PermitType) -> str:
    return permit_type.product or f"Surat {permit_type.name}"


def npwp(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    return stdnum_npwp.format(digits) if len(digits) == 15 else value


def permit_type_of(app: Application | None, extra: dict[str, Any]) -> PermitType | None:
    """The application's permit type; for a blank form the one given as `permit_type=` (object
    or code), else the first active one."""
    if app is not None:
        return app.permit_type
    given = extra.get("permit_type")
    if isinstance(given, PermitType):
        return given
    qs = PermitType.objects.filter(active=True).order_by("pk")
    return (qs.filter(code=given) if given else qs).first()


def office_context() -> dict[str, str]:
    """The office's letterhead, place and officials' positions (the office record)."""
    office = office_record()
    return {
        "name": office.name,
        "short_name": office.short_name,
        "full_name": office.full_name,
        "government": office.government,
        "letterhead_name": office.letterhead_name,
        "address": office.address,
        "place": office.place,
        "head_position": office.head_position,
        "head_short": office.head_short,
        "registry_short": office.registry_short,
        "division_head_position": office.division_head_position,
        "section_head_position": office.section_head_position,
    }


def common(spec: DocumentSpec, app: Application | None, extra: dict[str, Any]) -> dict[str, Any]:
    permit_type = permit_type_of(app, extra)
    return {
        "kind": spec.kind,
        "doc_title": spec.printed_title(permit_type),
        "blank": app is None,
        "app": app,
        "office": office_context(),
        "registration_number": (app.registration_number or "") if app else "",
        "permit_type": permit_type,
        "permit_name": permit_type.name if permit_type else "",
        "company": company(app) if app else None,
    }


def company(app: Application) -> dict[str, str]:
    c = app.company
    return {
        "name": c.name,
        "legal_form": c.legal_form,
        "full_name": str(c),
        "nib": c.nib,
        "npwp": npwp(c.npwp),
        "address": c.address,
        "phone": c.phone,
        "fax": c.fax,
        "email": c.email,
    }


def applicant(app: Application) -> dict[str, Any]:
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


def records(app: Application, kind: str) -> list[StepRecord]:
    return list(
        StepRecord.objects.filter(application=app, kind=kind).select_related("log_entry").order_by("id")
    )


def latest(app: Application, kind: str, as_of: ProcessLogEntry | None = None) -> StepRecord | None:
    """The latest record of `kind`; with `as_of`, the latest written up to that log entry (the
    worker renders a step's document as the step left it, however late it runs)."""
    qs: QuerySet[StepRecord] = StepRecord.objects.filter(application=app, kind=kind)
    if as_of is not None:
        qs = qs.filter(log_entry__seq__lte=as_of.seq)
    return qs.select_related("log_entry").order_by("-id").first()


def record(app: Application, kind: str, extra: dict[str, Any]) -> StepRecord:
    """The record a document prints: `record=` if the caller gives one, else the latest of its kind."""
    found = extra.get("record")
    if found is None:
        found = latest(app, kind, as_of=extra.get("as_of"))
    if found is None or found.kind != kind or found.application_id != app.pk:
        raise ValueError(
            f"Permohonan {app} belum memiliki catatan '{RecordKind(kind).label}' untuk dokumen ini."
        )
    return found


def officer(entry: ProcessLogEntry | None) -> dict[str, str]:
    if entry is None:
        return {"name": "", "initial": "", "at": "", "date": "", "time": "", "role": ""}
    return {
        "name": entry.actor_name,
        "initial": entry.initial,
        "at": format_datetime(entry.at),
        "date": format_date(entry.at),
        "time": format_time(entry.at),
        "role": role_label(entry.role),
    }


def role_label(role: str) -> str:
    try:
        return str(ROLE_LABELS.get(Role(role), role))
    except ValueError:
        return role


def agency(app: Application | None, permit_type: PermitType | None) -> dict[str, str]:
    found = (app.referred_agency if app else None) or (permit_type.technical_agency if permit_type else None)
    if found is None:
        return {"name": "", "address": ""}
    return {"name": found.name, "address": found.address}


def agency_letterhead(agency_data: dict[str, str], office: dict[str, str]) -> dict[str, str] | None:
    name = agency_data["name"]
    if not name:
        return None
    # "Dinas Kesehatan Provinsi Kalimantan Timur" → "DINAS KESEHATAN" under the government line.
    short = name.split(" Provinsi ")[0]
    return {"government": office["government"], "name": short.upper(), "address": agency_data["address"]}


def kind_choices(permit_type: PermitType | None, selected: str | None) -> list[dict[str, Any]]:
    codes = list(permit_type.kinds) if permit_type and permit_type.kinds else list(ApplicationKind.values)
    return [
        {"code": code, "label": str(ApplicationKind(code).label), "checked": code == selected}
        for code in codes
        if code in ApplicationKind.values
    ]


def current_documents(app: Application, *, submission_only: bool = True) -> list[dict[str, Any]]:
    qs = app.documents.filter(is_current=True).select_related("requirement").order_by("requirement__number")
    if submission_only:
        qs = qs.filter(requirement__stage=Stage.SUBMISSION)
    return [
        {"number": d.requirement.number, "title": d.requirement.title, "original_name": d.original_name}
        for d in qs
    ]


def recommendation(app: Application) -> dict[str, str]:
    rec = latest(app, RecordKind.RECOMMENDATION)
    if rec is None:
        return {"number": "", "date": "", "received_on": "", "inspection_date": ""}
    return {
        "number": rec.number or rec.data.get("recommendation_number", ""),
        "date": format_date(rec.data.get("recommendation_date")),
        "received_on": format_date(rec.data.get("received_on")),
        "inspection_date": format_date(rec.data.get("inspection_date")),
    }


def cover_letter(app: Application) -> dict[str, str]:
    cover = latest(app, RecordKind.COVER_LETTER)
    return {
        "number": cover.number if cover else "",
        "date": format_date(cover.log_entry.at) if cover else "",
        "recommendation_kind": cover.data.get("recommendation_kind", "") if cover else "",
    }


def division_head_name() -> str:
    user = User.objects.filter(groups__name=Role.DIVISION_HEAD, is_active=True).order_by("pk").first()
    return (user.get_full_name() or user.username) if user else ""


def service_hours() -> str:
    return format_service_hours(office_record().service_hours or DEFAULT_SERVICE_HOURS)
