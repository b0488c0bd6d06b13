"""Plain data of the feedback app, shared by the API, the chart data of the report page and the exports."""

from typing import Any

from .ikm import IkmResult
from .models import Complaint, ComplaintEvent


def ikm_dict(result: IkmResult) -> dict[str, Any]:
    return {
        "respondents": result.respondents,
        "elements": [
            {
                "code": s.element.code,
                "name": str(s.element.name),
                "nrr": float(s.nrr),
                "nrr_weighted": float(s.weighted),
                "converted": float(s.converted),
                "flagged": s.flagged,
            }
            for s in result.elements
        ],
        "ikm": float(result.ikm) if result.ikm is not None else None,
        "grade": result.grade,
        "performance": str(result.performance) if result.performance is not None else None,
    }


def breakdown_dict(code: str, label: str, result: IkmResult) -> dict[str, Any]:
    return {
        "group": code,
        "label": label,
        "respondents": result.respondents,
        "ikm": float(result.ikm) if result.ikm is not None else None,
        "grade": result.grade,
        "performance": str(result.performance) if result.performance is not None else None,
    }


def _event(e: ComplaintEvent) -> dict[str, Any]:
    return {"action": e.action, "status": e.status, "status_label": e.get_status_display(), "at": e.at}


def public_complaint(c: Complaint) -> dict[str, Any]:
    """What the complainant sees with the tracking code (no names or contacts)."""
    return {
        "tracking_code": c.tracking_code,
        "status": c.status,
        "status_label": c.get_status_display(),
        "channel": c.channel,
        "category": c.category.code,
        "category_name": c.category.name,
        "received_at": c.received_at,
        "due_date": c.due_date,
        "answer": c.answer or None,
        "answered_at": c.answered_at,
        "closed_at": c.closed_at,
        "history": [_event(e) for e in c.events.all()],
    }
