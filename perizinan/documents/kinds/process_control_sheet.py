"""13. The process control sheet: every entry of the process log, with the chain check."""

from typing import Any

from django.utils import timezone

from perizinan.applications.models import Application
from perizinan.workflow.actions import get_action
from perizinan.workflow.log import verify_chain
from perizinan.workflow.models import ProcessLogEntry
from perizinan.workflow.states import STEPS

from ..render import format_date, format_datetime, format_duration, format_time
from .parts import DocumentSpec, applicant, common, role_label

# Process-log actions written by the services (not transitions): their Indonesian labels.
SERVICE_ACTION_LABELS = {
    "create": "Membuat permohonan",
    "edit": "Mengubah data permohonan",
    "upload_document": "Mengunggah dokumen",
    "tick_checklist": "Mencentang checklist",
}


def action_label(name: str) -> str:
    action = get_action(name)
    if action is not None:
        return str(action.label)
    return SERVICE_ACTION_LABELS.get(name, name)


def _row(e: ProcessLogEntry) -> dict[str, Any]:
    note = e.note
    if not note and e.action == "upload_document" and e.data.get("requirement"):
        note = f"Persyaratan no. {e.data['requirement']}"
    step = STEPS.get(e.step) if e.step else None
    return {
        "seq": e.seq,
        "step": e.step or "",
        "step_title": str(step.title) if step else "",
        "action": action_label(e.action),
        "actor": e.actor_name,
        "role": role_label(e.role),
        "at": format_datetime(e.at),
        "date": format_date(e.at),
        "time": format_time(e.at),
        "duration": format_duration(e.seconds_taken),
        "standard": e.standard,
        "late": "Ya" if e.late else "",
        "initial": e.initial,
        "note": note,
    }


def build(app: Application, **extra: Any) -> dict[str, Any]:
    ctx = common(SPEC, app, extra)
    entries = list(ProcessLogEntry.objects.filter(application=app).order_by("seq"))
    chain = verify_chain(app.pk)
    ctx.update(
        {
            "rows": [_row(e) for e in entries],
            "entry_count": len(entries),
            "state_label": app.get_state_display(),
            "clock_started_on": format_date(app.clock_started_on),
            "due_date": format_date(app.due_date),
            "applicant": applicant(app),
            "chain_ok": chain.ok,
            "chain_broken_seq": chain.broken_seq,
            "head_hash": entries[-1].hash if entries else "",
            "printed_at": format_datetime(timezone.now()),
        }
    )
    return ctx


SPEC = DocumentSpec(
    "process_control_sheet",
    "Lembar Pengendali Proses",
    "documents/process_control_sheet.html",
    None,
    False,
    build,
)
