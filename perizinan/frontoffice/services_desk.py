"""Writes of the information desk (SOP step 2) and the help desk (step 5).

The help desk's answer on an application is also the workflow's `helpdesk_consult` note
(taken through `take_action`, so it lands in the process log) whenever the application is at
a step where that note is offered; the consultation row links the log entry.
"""

from datetime import datetime, timedelta
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role
from perizinan.applications.models import Application
from perizinan.catalog.models import ApplicationKind, PermitType
from perizinan.errors import Conflict
from perizinan.workflow.actions import get_action
from perizinan.workflow.models import ProcessLogEntry
from perizinan.workflow.services import take_action

from .models import Consultation, FormMailing, QueueTicket
from .permissions import DESK_ROLES, HELPDESK_REQUEST_ROLES, HELPDESK_ROLES
from .tasks import send_form_mailing

HELPDESK_NOTE = "helpdesk_consult"
MAX_MINUTES = 480


def _minutes(value: int | None, field: str = "duration_minutes") -> int | None:
    if value is None:
        return None
    if not 1 <= value <= MAX_MINUTES:
        raise ValidationError({field: [_("Durasi harus antara 1 dan %(max)s menit.") % {"max": MAX_MINUTES}]})
    return value


def log_consultation(
    *,
    by: User,
    visitor_name: str,
    channel: str,
    topic: str,
    visitor_contact: str = "",
    permit_type: PermitType | None = None,
    duration_minutes: int | None = None,
    explanation: str = "",
    outcome: str = "",
    feedback: int | None = None,
    feedback_note: str = "",
    ticket: QueueTicket | None = None,
    application: Application | None = None,
    now: datetime | None = None,
) -> Consultation:
    """An information-desk consultation, in person or by phone, e-mail or WhatsApp (step 2, 2f feedback)."""
    if not has_role(by, DESK_ROLES):
        raise PermissionDenied(_("Hanya petugas informasi, CS dan help desk yang mencatat konsultasi."))
    if not visitor_name.strip():
        raise ValidationError({"visitor_name": [_("Isi nama pengunjung.")]})
    if not topic.strip():
        raise ValidationError({"topic": [_("Isi topik atau pertanyaan.")]})
    now = now or timezone.now()
    minutes = _minutes(duration_minutes)
    with transaction.atomic():
        return Consultation.objects.create(
            desk=Consultation.Desk.INFO,
            visitor_name=visitor_name.strip(),
            visitor_contact=visitor_contact.strip(),
            channel=channel,
            topic=topic.strip(),
            permit_type=permit_type,
            application=application,
            ticket=ticket,
            officer=by,
            started_at=now - timedelta(minutes=minutes) if minutes else now,
            ended_at=now,
            duration_minutes=minutes,
            explanation=explanation,
            outcome=outcome,
            feedback=feedback,
            feedback_note=feedback_note,
        )


def request_helpdesk(
    *,
    by: User,
    topic: str,
    visitor_name: str = "",
    application: Application | None = None,
    ticket: QueueTicket | None = None,
    now: datetime | None = None,
) -> Consultation:
    """Customer service asks the help desk to consult the applicant of an application or a ticket (step 4→5)."""
    if not has_role(by, HELPDESK_REQUEST_ROLES):
        raise PermissionDenied(_("Konsultasi help desk diminta oleh customer service."))
    if application is None and ticket is None:
        raise ValidationError({"application": [_("Pilih permohonan atau tiket antrian.")]})
    if not topic.strip():
        raise ValidationError({"topic": [_("Isi kendala yang perlu dijelaskan.")]})
    name = (
        visitor_name.strip()
        or (application.company.name if application else "")
        or (ticket.number if ticket else "")
    )
    with transaction.atomic():
        return Consultation.objects.create(
            desk=Consultation.Desk.HELPDESK,
            visitor_name=name,
            channel="counter",
            topic=topic.strip(),
            permit_type=application.permit_type if application else None,
            application=application,
            ticket=ticket
            or (application.queue_tickets.order_by("-issued_at").first() if application else None),
            requested_by=by,
            requested_at=now or timezone.now(),
        )


def complete_helpdesk(
    *,
    consultation: Consultation,
    by: User,
    explanation: str,
    duration_minutes: int,
    outcome: str = "",
    now: datetime | None = None,
) -> Consultation:
    """The help desk records what it explained and how long it took (standard: 10–30 minutes)."""
    if not has_role(by, HELPDESK_ROLES):
        raise PermissionDenied(_("Hanya help desk yang mencatat hasil konsultasi."))
    if not explanation.strip():
        raise ValidationError({"explanation": [_("Isi penjelasan yang diberikan.")]})
    minutes = _minutes(duration_minutes)
    now = now or timezone.now()
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if c.desk != Consultation.Desk.HELPDESK or c.ended_at is not None:
            raise Conflict(_("Konsultasi ini sudah dicatat."))
        c.officer = by
        c.explanation = explanation.strip()
        c.duration_minutes = minutes
        c.started_at = now - timedelta(minutes=minutes or 0)
        c.ended_at = now
        c.outcome = outcome
        app = c.application
        note = get_action(HELPDESK_NOTE)
        if app is not None and note is not None and app.state in note.sources:
            take_action(
                application=app,
                name=HELPDESK_NOTE,
                by=by,
                data={"question": c.topic, "answer": c.explanation},
            )
            c.log_entry = ProcessLogEntry.objects.filter(application=app, action=HELPDESK_NOTE).latest("seq")
        c.save()
        return c


def mail_forms(
    *,
    by: User,
    email: str,
    permit_type: PermitType,
    kind: str,
    forms: list[str],
    consultation: Consultation | None = None,
) -> FormMailing:
    """Queue the requirements checklist and blank forms for someone not present; sent after commit."""
    if not has_role(by, DESK_ROLES):
        raise PermissionDenied(_("Hanya petugas informasi, CS dan help desk yang mengirim formulir."))
    if kind not in ApplicationKind.values:
        raise ValidationError({"kind": [_("Jenis permohonan tidak dikenal.")]})
    with transaction.atomic():
        mailing = FormMailing.objects.create(
            email=email,
            permit_type=permit_type,
            kind=kind,
            forms=list(forms),
            language=(get_language() or "id")[:2],
            consultation=consultation,
            by=by,
        )
        transaction.on_commit(partial(send_form_mailing.enqueue, mailing.pk))
    return mailing
