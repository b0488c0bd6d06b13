"""What applicants are told when an action is taken (perizinan.workflow.signals.action_taken).

Runs inside take_action's transaction: it only writes outbox rows; the worker sends them after
the commit. The key is the process-log entry, so one action never notifies twice.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from perizinan.accounts.models import Office
from perizinan.applications.models import Application
from perizinan.licences.models import Licence

from . import services
from .models import Event

# The workflow's actions that an applicant hears about (names from perizinan/workflow/transitions.py).
ACTION_EVENTS: dict[str, str] = {
    "submit": Event.SUBMITTED,
    "resubmit_to_cs": Event.SUBMITTED,
    "cs_return": Event.RETURNED,
    "cs_request_fix": Event.RETURNED,
    "agency_return": Event.RETURNED,
    "register": Event.REGISTERED,
    "recommend": Event.RECOMMENDATION,
    "receive_recommendation": Event.RECOMMENDATION,
    "number_licence": Event.READY,
    "hand_over": Event.ISSUED,
    "confirm_receipt": Event.SURVEY,
    "cs_reject_fix": Event.DECLINED,
    "agency_decline": Event.DECLINED,
    "office_reject": Event.DECLINED,
}


def application_context(app: Application, data: dict[str, Any] | None = None) -> dict[str, Any]:
    base = settings.PERIZINAN_PUBLIC_URL
    licence = Licence.objects.filter(application=app).first()
    with translation.override("id"):
        due = formats.date_format(app.due_date, "j F Y") if app.due_date else "-"
    return {
        "app": app,
        "reg": app.registration_number or f"#{app.pk}",
        "company": app.company.name,
        "permit": app.permit_type.name,
        "reason": (data or {}).get("reason") or app.last_reason,
        "status_code": app.status_code,
        "due_date": due,
        "licence_number": licence.number if licence is not None else "",
        "status_url": base + reverse("web:status"),
        "survey_url": getattr(settings, "PERIZINAN_SURVEY_URL", base + "/survei/"),
        "office": Office.current().name,
    }


def on_action_taken(
    sender: Any, *, application: Application, entry: Any, action: Any, by: Any, data: Any, **kw: Any
) -> None:
    event = ACTION_EVENTS.get(action.name)
    if event is None:
        return
    services.queue(
        event=event,
        key=f"log:{entry.pk}",
        recipients=services.applicant_recipients(application),
        context=application_context(application, data),
        application=application,
    )
