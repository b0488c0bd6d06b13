from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from perizinan.accounts.permissions import is_officer
from perizinan.workflow.selectors import tasks_for

from . import presenters
from .auth import AUTH, current_user
from .schemas import MAX_OFFSET, Error

router = Router(tags=["tasks"], auth=AUTH)


class TaskOut(Schema):
    id: int
    registration_number: str | None
    company: str
    permit_type: str
    kind: str
    state: str
    state_label: str
    step: int
    due_date: str | None
    step_due_date: str | None
    overdue: bool
    waiting_since: str | None


@router.get("", response={200: list[TaskOut], 401: Error, 403: Error, 422: Error})
def tasks(request: HttpRequest, limit: int = 200, offset: int = Query(0, le=MAX_OFFSET)) -> Any:
    """Applications waiting for an action of one of the caller's roles, oldest deadline first."""
    user = current_user(request)
    if not is_officer(user):
        raise PermissionDenied(_("Daftar tugas hanya untuk petugas."))
    limit = max(1, min(limit, 500))
    rows = []
    for app in tasks_for(user)[max(offset, 0) : max(offset, 0) + limit]:
        s = presenters.summary(app)
        rows.append(
            {
                **s,
                "due_date": s["due_date"].isoformat() if s["due_date"] else None,
                "step_due_date": s["step_due_date"].isoformat() if s["step_due_date"] else None,
                "waiting_since": app.state_since.isoformat() if app.state_since else None,
            }
        )
    return rows
