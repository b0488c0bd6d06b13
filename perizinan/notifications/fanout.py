"""From an action to its messages, in the task worker after the commit.

`take_action`'s transaction only asks for this (one task after commit: nothing is added to the
step's commit path); here the recipients are resolved, the texts rendered and one outbox row
written per recipient and channel, keyed by the process-log entry so that a repeated run writes
nothing twice. `reconcile` finds entries whose fan-out was lost (a crash between the commit and
the enqueue) and runs it again.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils import formats, timezone, translation

from perizinan.accounts.models import Office
from perizinan.applications.models import Application
from perizinan.licences.models import Licence
from perizinan.workflow.models import ProcessLogEntry

from . import services
from .models import Event, Notification

# The workflow's actions that an applicant hears about (names from perizinan/workflow/steps_*.py).
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


def application_context(app: Application, reason: str = "") -> dict[str, Any]:
    base = settings.PERIZINAN_PUBLIC_URL
    licence = Licence.objects.filter(application=app).first()
    with translation.override("id"):
        due = formats.date_format(app.due_date, "j F Y") if app.due_date else "-"
    return {
        "app": app,
        "reg": app.registration_number or f"#{app.pk}",
        "company": app.company.name,
        "permit": app.permit_type.name,
        "reason": reason or app.last_reason,
        "status_code": app.status_code,
        "due_date": due,
        "licence_number": licence.number if licence is not None else "",
        "status_url": base + reverse("web:status"),
        "survey_url": getattr(settings, "PERIZINAN_SURVEY_URL", base + "/survei/"),
        "office": Office.current().name,
    }


def key_of(entry_id: int) -> str:
    return f"log:{entry_id}"


@task()
def fan_out(*, event: str, entry_id: int, application_id: int, reason: str = "") -> int:
    """Write the applicant's messages for one process-log entry (idempotent) and enqueue their delivery."""
    app = (
        Application.objects.select_related("company", "permit_type", "created_by")
        .filter(pk=application_id)
        .first()
    )
    if app is None:
        return 0
    written = services.queue(
        event=event,
        key=key_of(entry_id),
        recipients=services.applicant_recipients(app),
        context=application_context(app, reason),
        application=app,
    )
    return len(written)


def reconcile(*, since: datetime | None = None) -> int:
    """Run the fan-out again for recent notifying entries that have no message yet."""
    since = since or timezone.now() - timedelta(days=2)
    entries = ProcessLogEntry.objects.filter(action__in=list(ACTION_EVENTS), at__gte=since).values_list(
        "pk", "action", "application_id", "note"
    )
    done = set(
        Notification.objects.filter(key__in=[key_of(pk) for pk, *_ in entries]).values_list("key", flat=True)
    )
    count = 0
    for pk, action, application_id, note in entries:
        if key_of(pk) not in done:
            fan_out.call(event=ACTION_EVENTS[action], entry_id=pk, application_id=application_id, reason=note)
            count += 1
    return count
