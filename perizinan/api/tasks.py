from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from perizinan.accounts.permissions import is_officer
from perizinan.applications import presenters
from perizinan.workdays.calendar import today_wita
from perizinan.workflow.selectors import task_rows

from . import paging
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


TASK_FIELDS = tuple(TaskOut.model_fields)


@router.get("", response={200: list[TaskOut], 401: Error, 403: Error, 422: Error})
def tasks(
    request: HttpRequest,
    response: HttpResponse,
    limit: int = Query(200, description=paging.LIMIT_DOC),
    offset: int = Query(0, le=MAX_OFFSET, description=paging.OFFSET_DOC),
    after: str | None = Query(None, description=paging.AFTER_DOC, max_length=200),
) -> Any:
    """Applications waiting for an action of one of the caller's roles, oldest deadline first.

    Paged: `limit` with `offset`, or `after` (the `X-Next-Cursor` header of the previous page)."""
    user = current_user(request)
    if not is_officer(user):
        raise PermissionDenied(_("Daftar tugas hanya untuk petugas."))
    limit, offset = paging.clamp(limit, offset, after)
    page = task_rows(user, limit=limit, offset=offset, after=after)
    paging.link_next(request, response, page)
    shape = presenters.RowShaper(today=today_wita())
    rows = []
    for row in page.rows:
        s = shape(row)
        s["due_date"] = s["due_date"].isoformat() if s["due_date"] else None
        s["step_due_date"] = s["step_due_date"].isoformat() if s["step_due_date"] else None
        s["waiting_since"] = row["state_since"].isoformat() if row["state_since"] else None
        rows.append({name: s[name] for name in TASK_FIELDS})
    return paging.rows_response(request, response, rows)
