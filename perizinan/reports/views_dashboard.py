"""The dashboard: the landing page of the section, division and office heads and the supervisor."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from perizinan.accounts.models import User
from perizinan.accounts.permissions import signed_in_user, user_roles
from perizinan.accounts.roles import Role
from perizinan.catalog.models import ApplicationKind, PermitType
from perizinan.maintenance.anchors import anchor_panel
from perizinan.workflow.actions import states_for_roles

from .access import require_reporter
from .charts import dashboard_charts
from .filters import Filters, default_period, parse_filters
from .selectors import (
    issued_per_month,
    overdue_list,
    progress_by_step_and_lane,
    returns_per_step,
    summary,
    supervision_notes,
)


def filters_or_errors(request: HttpRequest) -> tuple[Filters, dict[str, list[str]]]:
    """The filters of the query string, or the defaults and the errors naming each bad field."""
    try:
        return parse_filters(request.GET), {}
    except ValidationError as exc:
        start, end = default_period()
        return Filters(start=start, end=end), exc.message_dict


def filter_choices() -> dict[str, Any]:
    return {
        "permit_types": PermitType.objects.order_by("code").values_list("code", "name"),
        "kinds": ApplicationKind.choices,
    }


def my_states(user: User) -> list[str]:
    """The states in which the application waits for one of the user's own roles."""
    return states_for_roles(set(user_roles(user)) - {Role.APPLICANT})


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Applications in progress, on-time rates, bottlenecks, issues per month, returns, notes."""
    user = signed_in_user(request)
    require_reporter(user)
    f, errors = filters_or_errors(request)
    scope = "mine" if request.GET.get("scope") == "mine" else "unit"
    fig = {
        "summary": summary(f),
        "progress": progress_by_step_and_lane(f),
        "months": issued_per_month(f),
        "returns": returns_per_step(f),
    }
    context = {
        "f": f,
        "errors": errors,
        "scope": scope,
        **fig,
        "charts": dashboard_charts(fig),
        "overdue": overdue_list(f, states=my_states(user) if scope == "mine" else None),
        "notes": supervision_notes(f),
        "anchor_panel": anchor_panel(),
        **filter_choices(),
    }
    return render(request, "reports/dashboard.html", context, status=400 if errors else 200)
