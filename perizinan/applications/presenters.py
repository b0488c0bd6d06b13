"""Shapes an application for the API and the pages (no writes, no permission decisions): its
summary, its detail, a list row, and the public status that anyone holding the receipt may read."""

from datetime import date
from typing import Any

from perizinan.licences.payments import payment_summary
from perizinan.workdays.calendar import to_wita, today_wita
from perizinan.workflow.actions import visible_note
from perizinan.workflow.clock import is_overdue, overdue
from perizinan.workflow.states import STATE_STEP, WAITING_ON_APPLICANT, State

from .models import Application
from .selectors import checklist, current_documents


def licence_number(app: Application) -> str | None:
    try:
        return app.licence.number
    except Application.licence.RelatedObjectDoesNotExist:
        return None


def licence_expires_on(app: Application) -> date | None:
    try:
        return app.licence.expires_on
    except Application.licence.RelatedObjectDoesNotExist:
        return None


def summary(app: Application) -> dict[str, Any]:
    return {
        "id": app.pk,
        "permit_type": app.permit_type.code,
        "kind": app.kind,
        "state": app.state,
        "state_label": str(State(app.state).label),
        "step": STATE_STEP[app.state],
        "company": str(app.company),
        "registration_number": app.registration_number,
        "licence_number": licence_number(app),
        "clock_started_at": app.clock_started_on,
        "due_date": app.due_date,
        "step_due_date": app.step_due_date,
        "overdue": is_overdue(app, today=today_wita()),
        "paused": app.paused_since is not None,
        "waiting_on_applicant": app.state in WAITING_ON_APPLICANT,
        "last_reason": app.last_reason,
        "created_at": app.created_at,
    }


# A timeline row: these columns of the process log ("actor_name" shown as "by").
TIMELINE_COLUMNS = (
    "seq",
    "step",
    "action",
    "direction",
    "from_state",
    "to_state",
    "actor_name",
    "role",
    "at",
    "note",
    "initial",
    "seconds_taken",
    "standard",
    "due_on",
    "late",
)


def _timeline_row(entry: dict[str, Any], *, officer: bool) -> dict[str, Any]:
    entry["by"] = entry.pop("actor_name")
    entry["at"] = to_wita(entry["at"])
    entry["note"] = visible_note(entry["action"], entry["note"], officer=officer)
    return entry


class RowShaper:
    """Shapes rows of `applications.selectors.SUMMARY_COLUMNS` like `summary` shapes a model;
    what depends only on the state (label in the active language, step) is worked out once."""

    def __init__(self, *, today: date) -> None:
        self.today = today
        self.by_state: dict[str, tuple[str, int, bool]] = {}

    def __call__(self, row: dict[str, Any]) -> dict[str, Any]:
        state = row["state"]
        known = self.by_state.get(state)
        if known is None:
            known = self.by_state[state] = (
                str(State(state).label),
                STATE_STEP[state],
                state in WAITING_ON_APPLICANT,
            )
        label, step, waiting = known
        return {
            "id": row["id"],
            "permit_type": row["permit_type__code"],
            "kind": row["kind"],
            "state": state,
            "state_label": label,
            "step": step,
            "company": f"{row['company__legal_form']} {row['company__name']}".strip(),
            "registration_number": row["registration_number"],
            "licence_number": row["licence__number"],
            "clock_started_at": row["clock_started_on"],
            "due_date": row["due_date"],
            "step_due_date": row["step_due_date"],
            "overdue": overdue(
                state=state,
                paused_since=row["paused_since"],
                due_date=row["due_date"],
                step_due_date=row["step_due_date"],
                today=self.today,
            ),
            "paused": row["paused_since"] is not None,
            "waiting_on_applicant": waiting,
            "last_reason": row["last_reason"],
            "created_at": row["created_at"],
        }


def detail(app: Application, *, officer: bool = True) -> dict[str, Any]:
    """Everything about the application; the applicant does not read officers' internal notes."""
    c = app.company
    data = summary(app)
    documents = current_documents(app)
    data.update(
        company_data={
            "name": c.name,
            "legal_form": c.legal_form,
            "nib": c.nib,
            "npwp": c.npwp,
            "address": c.address,
            "phone": c.phone,
            "fax": c.fax,
            "email": c.email,
        },
        director={"name": app.director_name, "nik": app.director_nik},
        technical_lead={
            "name": app.tech_lead_name,
            "nik": app.tech_lead_nik,
            "education": app.tech_lead_education,
        },
        building={"status": app.building_status, "lease_until": app.lease_until},
        profile={
            "foreign_investment": app.foreign_investment,
            "electromedical": app.electromedical,
            "radiation": app.radiation,
            "technicians": app.technicians,
        },
        agent={"name": app.agent_name, "nik": app.agent_nik} if app.agent_name else None,
        signer_name=app.signer_name,
        status_code=app.status_code,
        device_categories=app.device_categories,
        device_list=app.device_list,
        previous_licence_number=app.previous_licence_number,
        checklist=checklist(app, documents=documents),
        documents=[
            {
                "id": d["id"],
                "requirement": d["requirement__number"],
                "sha256": d["sha256"],
                "size": d["size"],
                "content_type": d["content_type"],
                "original_name": d["original_name"],
                "uploaded_at": d["uploaded_at"],
            }
            for d in documents
        ],
        timeline=[
            _timeline_row(e, officer=officer) for e in app.log.order_by("seq").values(*TIMELINE_COLUMNS)
        ],
        payment=payment_summary(app),
        licence_expires_on=licence_expires_on(app),
        pauses=[
            {
                "started_at": to_wita(p.started_at),
                "ended_at": to_wita(p.ended_at) if p.ended_at else None,
                "state": p.state,
                "working_days": p.working_days,
            }
            for p in app.pauses.all()
        ],
    )
    return data


def public_status(app: Application) -> dict[str, Any]:
    """What anyone holding the receipt may know: the step, the due date, what the applicant must do."""
    return {
        "registration_number": app.registration_number,
        "state": app.state,
        "state_label": str(State(app.state).label),
        "step": STATE_STEP[app.state],
        "due_date": app.due_date,
        "step_due_date": app.step_due_date,
        "waiting_on_applicant": app.state in WAITING_ON_APPLICANT,
        "applicant_must": app.last_reason if app.state in WAITING_ON_APPLICANT else "",
        "licence_number": licence_number(app),
        "updated_at": to_wita(app.state_since or app.created_at),
    }
