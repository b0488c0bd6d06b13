"""/api/v1/reports: the supervision figures for the heads and the supervisor (contract: Reports)."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from perizinan.accounts.permissions import has_role
from perizinan.accounts.roles import REPORTING_ROLES
from perizinan.reports.access import NOT_A_REPORTER
from perizinan.reports.filters import Filters, parse_filters
from perizinan.reports.selectors import summary
from perizinan.reports.staff import staff_performance

from .auth import AUTH, current_user
from .schemas import Error

router = Router(tags=["reports"], auth=AUTH)
ERRORS = {401: Error, 403: Error, 422: Error}


class PeriodQuery(Schema):
    from_: date | None = Field(None, alias="from", description="first day (WITA), default a year ago")
    to: date | None = Field(None, description="last day (WITA), inclusive; default today")
    permit_type: str = Field("", description="permit type code; empty = all")
    kind: str = Field("", description="application kind; empty = all")


class StepOut(Schema):
    step: int
    title: str
    count: int
    median_minutes: float | None
    p90_minutes: float | None
    standard: str
    late: int
    with_target: int
    on_time_rate: float | None


class SummaryOut(Schema):
    from_: str = Field(..., alias="from")
    to: str
    received: int
    registered: int
    issued: int
    declined: int
    withdrawn: int
    in_progress: int
    overdue: int
    on_time: int
    on_time_rate: float | None
    median_working_days_to_issue: float | None
    mean_working_days_to_issue: float | None
    steps: list[StepOut]


class StaffOut(Schema):
    username: str
    name: str
    role: str
    role_label: str
    actions: int
    steps_done: int
    median_minutes: float | None
    p90_minutes: float | None
    on_time_rate: float | None
    late: int
    returns_given: int
    returns_received: int
    workload: int


def _filters(request: HttpRequest, q: PeriodQuery) -> Filters:
    if not has_role(current_user(request), REPORTING_ROLES):
        raise PermissionDenied(str(NOT_A_REPORTER))
    return parse_filters({"from": q.from_, "to": q.to, "permit_type": q.permit_type, "kind": q.kind})


@router.get("/summary", response={200: SummaryOut, **ERRORS}, by_alias=True)
def report_summary(request: HttpRequest, q: Query[PeriodQuery]) -> Any:
    """The period's applications received, registered, issued, declined, withdrawn; in progress
    and overdue now; the share issued within the time limit; per-step times against the standard."""
    return summary(_filters(request, q))


@router.get("/staff", response={200: list[StaffOut], **ERRORS})
def report_staff(request: HttpRequest, q: Query[PeriodQuery]) -> Any:
    """Per officer and role: actions, median minutes per step, share on time, returns given and received."""
    return staff_performance(_filters(request, q))
