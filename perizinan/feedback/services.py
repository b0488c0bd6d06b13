"""Writes of the feedback app: survey responses and the life of a complaint.

Every function takes keyword-only arguments and an explicit `by=` actor (None for the
public), runs in one transaction and raises ValidationError (422), Conflict (409) or
PermissionDenied (403) for the caller to map.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perizinan.accounts.models import User
from perizinan.applications.models import Application
from perizinan.catalog.models import PermitType
from perizinan.errors import Conflict
from perizinan.workdays.calendar import current_calendar, to_wita
from perizinan.workflow.models import RecordKind, StepRecord

from . import access
from .ikm import ELEMENT_FIELDS
from .models import (
    AgeGroup,
    Complaint,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintEvent,
    ComplaintStatus,
    Education,
    Occupation,
    Sex,
    SurveyChannel,
    SurveyResponse,
)
from .tasks import send_complaint_answer

PROFILE_CHOICES = {
    "sex": Sex,
    "age_group": AgeGroup,
    "education": Education,
    "occupation": Occupation,
}


def normalise_code(code: str | None) -> str:
    return "".join((code or "").split()).upper()


def handover_for_code(code: str) -> StepRecord | None:
    """The handover receipt that printed `code`, if any."""
    if not code:
        return None
    return (
        StepRecord.objects.select_related("application__permit_type")
        .filter(kind=RecordKind.HANDOVER_RECEIPT, number=code)
        .first()
    )


def check_answers(answers: Mapping[str, Any]) -> dict[str, int]:
    """The nine answers as integers 1–4, or a ValidationError naming each missing or wrong one."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, int] = {}
    for f in ELEMENT_FIELDS:
        value = answers.get(f)
        if value is None or value == "":
            errors[f"answers.{f}"] = [_("Jawaban %(code)s wajib diisi.") % {"code": f.upper()}]
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
            errors[f"answers.{f}"] = [_("Jawaban %(code)s harus 1 sampai 4.") % {"code": f.upper()}]
        else:
            clean[f] = value
    unknown = sorted(set(answers) - set(ELEMENT_FIELDS))
    if unknown:
        errors["answers"] = [_("Unsur tidak dikenal: %(names)s.") % {"names": ", ".join(unknown)}]
    if errors:
        raise ValidationError(errors)
    return clean


def _check_profile(profile: Mapping[str, str]) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, str] = {}
    for name, choices in PROFILE_CHOICES.items():
        value = profile.get(name) or ""
        if value and value not in choices.values:
            errors[name] = [_("Pilihan tidak dikenal.")]
        clean[name] = value
    if errors:
        raise ValidationError(errors)
    return clean


def submit_survey(
    *,
    answers: Mapping[str, Any],
    channel: str,
    survey_code: str | None = None,
    permit_type: PermitType | None = None,
    profile: Mapping[str, str] | None = None,
    comment: str = "",
    by: User | None = None,
) -> SurveyResponse:
    """Record one response. With a survey code: it must be a handover receipt's code not yet
    used (one response per code), and the service is that application's permit type."""
    clean = check_answers(answers)
    people = _check_profile(profile or {})
    if channel not in SurveyChannel.values:
        raise ValidationError({"channel": [_("Saluran tidak dikenal.")]})
    if len(comment) > 2000:
        raise ValidationError({"comment": [_("Saran paling banyak 2000 karakter.")]})
    code = normalise_code(survey_code)
    application = None
    if code:
        record = handover_for_code(code)
        if record is None:
            raise ValidationError({"survey_code": [_("Kode survei tidak dikenal.")]})
        application = record.application
        permit_type = application.permit_type
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                survey_code=code or None,
                channel=channel,
                application=application,
                permit_type=permit_type,
                comment=comment.strip(),
                **clean,
                **people,
            )
    except IntegrityError as exc:
        if code and SurveyResponse.objects.filter(survey_code=code).exists():
            raise Conflict(_("Survei dengan kode ini sudah diisi. Terima kasih.")) from exc
        raise


# --- complaints ------------------------------------------------------------------------------


def _event(complaint: Complaint, action: str, by: User | None, note: str = "") -> None:
    ComplaintEvent.objects.create(
        complaint=complaint, action=action, status=complaint.status, by=by, note=note
    )


# What a complaint says, whoever takes it in (the web form, an officer, the API).
COMPLAINT_FIELDS = (
    "category",
    "description",
    "name",
    "email",
    "phone",
    "registration_number",
    "survey_reference",
)


def file_complaint(
    *,
    channel: str,
    category: ComplaintCategory,
    description: str,
    name: str = "",
    email: str = "",
    phone: str = "",
    registration_number: str = "",
    survey_reference: str = "",
    received_at: datetime | None = None,
    by: User | None = None,
) -> Complaint:
    """Receive and register a complaint: the public (web form, by=None) or an officer typing
    in one from the suggestion box, SMS, phone or a visit. Identity is optional, a contact
    (e-mail or phone) is not. The deadline counts the category's working days in the
    office calendar from the day it was received."""
    errors: dict[str, list[str]] = {}
    if channel not in ComplaintChannel.values:
        errors["channel"] = [_("Saluran tidak dikenal.")]
    elif by is None and channel != ComplaintChannel.WEB:
        errors["channel"] = [_("Pengaduan daring selalu melalui formulir web.")]
    elif by is not None and not access.can_register(by):
        raise PermissionDenied(_("Anda tidak berwenang mencatat pengaduan."))
    if not category.active:
        errors["category"] = [_("Kategori tidak dikenal.")]
    description = description.strip()
    if len(description) < 10:
        errors["description"] = [_("Tuliskan isi pengaduan (paling sedikit 10 karakter).")]
    elif len(description) > 5000:
        errors["description"] = [_("Isi pengaduan paling banyak 5000 karakter.")]
    email, phone = email.strip(), phone.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Alamat e-mail tidak valid.")]
    if phone and (not 8 <= sum(c.isdigit() for c in phone) <= 15 or any(c.isalpha() for c in phone)):
        errors["phone"] = [_("Nomor telepon tidak valid.")]
    if not email and not phone:
        errors["contact"] = [_("Isi e-mail atau nomor telepon agar jawaban dapat kami sampaikan.")]
    application = None
    if registration_number.strip():
        application = Application.objects.filter(registration_number=registration_number.strip()).first()
        if application is None:
            errors["registration_number"] = [_("Nomor registrasi tidak ditemukan.")]
    survey = None
    if survey_reference.strip():
        survey = SurveyResponse.objects.filter(reference=survey_reference.strip().upper()).first()
        if survey is None:
            errors["survey_reference"] = [_("Jawaban survei tidak ditemukan.")]
    if errors:
        raise ValidationError(errors)
    received = received_at or timezone.now()
    due = current_calendar().add_working_days(to_wita(received).date(), category.deadline_working_days)
    with transaction.atomic():
        complaint = Complaint.objects.create(
            channel=channel,
            category=category,
            name=name.strip()[:150],
            email=email,
            phone=phone,
            description=description,
            application=application,
            survey_response=survey,
            registered_by=by,
            received_at=received,
            due_date=due,
        )
        _event(complaint, "received", by)
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _require(cond: bool, message: str) -> None:
    if not cond:
        raise Conflict(message)


def assign_complaint(*, complaint: Complaint, to: User, unit: str = "", by: User) -> Complaint:
    """Classify and forward: give the complaint to an officer (of a unit); it is then in process."""
    if not access.can_assign(by):
        raise PermissionDenied(_("Hanya pimpinan yang menugaskan pengaduan."))
    if not access.can_handle(to):
        raise ValidationError({"assigned_to": [_("Petugas ini tidak menangani pengaduan.")]})
    with transaction.atomic():
        c = _locked(complaint)
        _require(
            c.status in (ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROCESS), _("Pengaduan sudah dijawab.")
        )
        c.assigned_to, c.unit, c.status = to, unit.strip()[:150], ComplaintStatus.IN_PROCESS
        c.save(update_fields=["assigned_to", "unit", "status"])
        _event(c, "assigned", by, to.get_full_name() or to.username)
    return c


def answer_complaint(*, complaint: Complaint, answer: str, by: User) -> Complaint:
    """Write the answer the complainant reads on the tracking page."""
    if not access.can_answer(by, complaint):
        raise PermissionDenied(_("Pengaduan ini tidak ditugaskan kepada Anda."))
    answer = answer.strip()
    if len(answer) < 10:
        raise ValidationError({"answer": [_("Tuliskan jawaban (paling sedikit 10 karakter).")]})
    with transaction.atomic():
        c = _locked(complaint)
        _require(c.status == ComplaintStatus.IN_PROCESS, _("Pengaduan belum diproses atau sudah dijawab."))
        c.answer, c.answered_at, c.status = answer, timezone.now(), ComplaintStatus.ANSWERED
        c.save(update_fields=["answer", "answered_at", "status"])
        _event(c, "answered", by, answer)
        if c.email:  # a task row in this transaction; the worker sends after commit
            send_complaint_answer.enqueue(c.pk)
    return c


def close_complaint(*, complaint: Complaint, note: str = "", by: User) -> Complaint:
    if not access.can_assign(by) and not access.can_answer(by, complaint):
        raise PermissionDenied(_("Anda tidak berwenang menutup pengaduan ini."))
    with transaction.atomic():
        c = _locked(complaint)
        _require(c.status == ComplaintStatus.ANSWERED, _("Hanya pengaduan yang sudah dijawab dapat ditutup."))
        c.status, c.closed_at = ComplaintStatus.CLOSED, timezone.now()
        c.save(update_fields=["status", "closed_at"])
        _event(c, "closed", by, note.strip())
    return c


def reopen_complaint(*, complaint: Complaint, reason: str, by: User) -> Complaint:
    """Back to in process (the answer did not settle it); the answer is kept in the history."""
    if not access.can_assign(by):
        raise PermissionDenied(_("Hanya pimpinan yang membuka kembali pengaduan."))
    if len(reason.strip()) < 5:
        raise ValidationError({"reason": [_("Tuliskan alasan membuka kembali.")]})
    with transaction.atomic():
        c = _locked(complaint)
        _require(
            c.status in (ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED),
            _("Hanya pengaduan yang sudah dijawab atau ditutup dapat dibuka kembali."),
        )
        c.status, c.closed_at = ComplaintStatus.IN_PROCESS, None
        c.save(update_fields=["status", "closed_at"])
        _event(c, "reopened", by, reason.strip())
    return c
