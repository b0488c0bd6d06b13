"""Writes on applications besides workflow moves: create, edit, upload, tick the checklist."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role
from perizinan.accounts.roles import Role
from perizinan.catalog.models import PermitType
from perizinan.errors import Conflict
from perizinan.licences.models import Licence, LicenceStatus
from perizinan.workdays.calendar import to_wita
from perizinan.workflow import log
from perizinan.workflow.states import STATE_STEP, State

from . import stored_files
from .models import Application, ChecklistItem, Company
from .selectors import checklist, is_applicant_of, may_create_applications, may_tick_checklist
from .validation import clean_application

CREATE_REFUSED = gettext_lazy("Hanya pemohon atau petugas CS yang dapat membuat permohonan.")

# States in which the applicant may change data and documents.
APPLICANT_EDITABLE = frozenset({State.DRAFT, State.RETURNED_BY_CS, State.AWAITING_FIX, State.AGENCY_RETURNED})


def _log(
    app: Application, *, by: User, role: str, action: str, note: str = "", data: dict | None = None
) -> None:
    log.append(
        application=app,
        by=by,
        role=role,
        action=action,
        direction="note",
        step=STATE_STEP[app.state],
        from_state=app.state,
        to_state=app.state,
        at=timezone.now(),
        note=note,
        data=data,
        initial=by.paraf,
    )


def _company_for(*, by: User, values: dict[str, Any], on_behalf: bool) -> Company:
    """The caller's record of the company with this NIB (created on first use).

    Each applicant account keeps its own company record: another account that types the same
    NIB gets a record of its own and never sees this one's applications. Customer service's
    walk-in applications share one record per NIB with no member accounts.
    """
    if on_behalf:
        company = Company.objects.filter(nib=values["nib"], members__isnull=True).order_by("pk").first()
    else:
        company = Company.objects.filter(nib=values["nib"], members=by).order_by("pk").first()
    if company is None:
        company = Company.objects.create(**values)
        if not on_behalf:
            company.members.add(by)
    else:
        for key, value in values.items():
            setattr(company, key, value)
        company.save()
    return company


def _previous_licence(kind: str, number: str, company: Company, permit_type: PermitType) -> Licence | None:
    if kind == "new" or not number:
        return None
    licence = Licence.objects.filter(number=number).first()
    if licence is None:
        return None  # a paper licence issued before the system; its scan is requirement 30
    if licence.permit_type_id != permit_type.pk:
        raise ValidationError(
            {"previous_licence_number": _("Izin lama ini bukan izin dari jenis yang sama.")}
        )
    if licence.company.nib != company.nib:
        raise ValidationError({"previous_licence_number": _("Izin lama ini bukan milik perusahaan pemohon.")})
    if licence.status != LicenceStatus.ACTIVE:
        raise ValidationError({"previous_licence_number": _("Izin lama ini tidak berlaku lagi.")})
    return licence


def create_application(*, by: User, permit_type: PermitType, data: dict[str, Any]) -> Application:
    """A new draft, by an applicant or by customer service at the counter (walk-in)."""
    if not may_create_applications(by):
        raise PermissionDenied(CREATE_REFUSED)
    on_behalf = has_role(by, Role.CS)
    cleaned = clean_application(data, today=to_wita(timezone.now()).date(), kinds=permit_type.kinds)
    fields = cleaned["fields"]
    with transaction.atomic():
        company = _company_for(
            by=by, values=cleaned["company"], on_behalf=on_behalf and not has_role(by, Role.APPLICANT)
        )
        previous = _previous_licence(fields["kind"], fields["previous_licence_number"], company, permit_type)
        app = Application.objects.create(
            permit_type=permit_type,
            company=company,
            created_by=by,
            previous_licence=previous,
            state_since=timezone.now(),
            walk_in=not has_role(by, Role.APPLICANT),
            **fields,
        )
        role = Role.APPLICANT if has_role(by, Role.APPLICANT) else Role.CS
        _log(app, by=by, role=role, action="create", data={"kind": app.kind, "company": company.nib})
    return app


def editor_role(by: User, app: Application) -> Role:
    if is_applicant_of(by, app) and app.state in APPLICANT_EDITABLE:
        return Role.APPLICANT
    if has_role(by, Role.CS) and app.state in APPLICANT_EDITABLE | {State.SUBMITTED, State.FIX_RECEIVED}:
        return Role.CS  # walk-in: customer service completes the dossier at the counter
    if is_applicant_of(by, app) or has_role(by, Role.CS):
        raise Conflict(_("Data dan dokumen tidak dapat diubah pada tahap ini."))
    raise PermissionDenied(_("Anda tidak dapat mengubah permohonan ini."))


def update_application(*, application: Application, by: User, data: dict[str, Any]) -> Application:
    role = editor_role(by, application)
    cleaned = clean_application(
        data, today=to_wita(timezone.now()).date(), kinds=application.permit_type.kinds
    )
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        if app.state != application.state:
            raise Conflict(_("Permohonan telah berubah sejak dibaca; muat ulang."))
        company = app.company
        if cleaned["company"]["nib"] != company.nib:
            raise ValidationError({"company.nib": _("NIB tidak dapat diubah; buat permohonan baru.")})
        for key, value in cleaned["company"].items():
            setattr(company, key, value)
        company.save()
        for key, value in cleaned["fields"].items():
            setattr(app, key, value)
        app.previous_licence = _previous_licence(
            app.kind, app.previous_licence_number, company, app.permit_type
        )
        app.save()
        _log(app, by=by, role=role, action="edit")
    return app


def upload_document(*, application: Application, by: User, requirement_number: Any, upload: Any) -> Any:
    role = editor_role(by, application)
    # Checked and written before the transaction: no file check or disk write under the lock.
    staged = stored_files.stage(application=application, requirement_number=requirement_number, upload=upload)
    try:
        with transaction.atomic(durable=True):
            app = Application.objects.select_for_update().get(pk=application.pk)
            editor_role(by, app)  # still theirs to change, now that it is locked
            doc = stored_files.record(staged, application=app, by=by)
            _log(
                app,
                by=by,
                role=role,
                action="upload_document",
                data={"requirement": staged.requirement.number, "sha256": doc.sha256, "size": doc.size},
            )
    except BaseException:
        stored_files.discard([staged])
        raise
    return doc


def tick_checklist(
    *, application: Application, by: User, requirement_number: int, ticked: bool, note: str = ""
) -> ChecklistItem:
    """Step 4: customer service ticks one requirement, with a note."""
    if not has_role(by, Role.CS):
        raise PermissionDenied(_("Hanya petugas CS yang mencentang checklist."))
    if not may_tick_checklist(by, application):
        raise Conflict(_("Checklist hanya dapat diisi saat berkas di CS."))
    row = next((r for r in checklist(application) if r["number"] == requirement_number), None)
    if row is None:
        raise ValidationError({"requirement": _("Persyaratan ini tidak berlaku untuk permohonan ini.")})
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        if not may_tick_checklist(by, app):  # moved on meanwhile
            raise Conflict(_("Checklist hanya dapat diisi saat berkas di CS."))
        item, _created = ChecklistItem.objects.update_or_create(
            application=app,
            requirement_id=row["requirement_id"],
            defaults={"ticked": ticked, "note": note[:500], "ticked_by": by, "ticked_at": timezone.now()},
        )
        _log(
            app,
            by=by,
            role=Role.CS,
            action="tick_checklist",
            note=note,
            data={"requirement": requirement_number, "ticked": ticked},
        )
    return item
