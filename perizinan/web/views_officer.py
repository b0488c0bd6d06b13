"""The officer workspace: the inbox of one's steps and the supervisors' overview (section P)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from perizinan.accounts.permissions import has_role, is_officer, signed_in_user
from perizinan.accounts.roles import SUPERVISING_ROLES
from perizinan.applications.models import Application
from perizinan.applications.selectors import visible_applications
from perizinan.workdays.calendar import today_wita
from perizinan.workflow.clock import is_overdue
from perizinan.workflow.selectors import tasks_for
from perizinan.workflow.states import FINAL_STATES, STATE_STEP, State

PAGE_SIZE = 50


def _search(qs: QuerySet[Application], q: str) -> QuerySet[Application]:
    q = q.strip()
    if not q:
        return qs
    digits = "".join(ch for ch in q if ch.isdigit())
    cond = Q(registration_number__icontains=q) | Q(company__name__icontains=q)
    if len(digits) >= 6:
        cond |= Q(company__nib__startswith=digits) | Q(company__npwp__startswith=digits)
    return qs.filter(cond)


def _rows(page_qs) -> list[dict]:
    today = today_wita()
    return [
        {
            "app": a,
            "step": STATE_STEP[a.state],
            "state_label": State(a.state).label,
            "overdue": is_overdue(a, today=today),
        }
        for a in page_qs
    ]


def _list_page(request: HttpRequest, qs: QuerySet[Application], template: str, extra: dict) -> HttpResponse:
    q = request.GET.get("q", "")
    state = request.GET.get("state", "")
    qs = _search(qs, q)
    counts = dict(qs.order_by().values_list("state").annotate(n=Count("id")))
    if state:
        qs = qs.filter(state=state)
    if request.GET.get("overdue") == "1":
        qs = qs.filter(
            Q(step_due_date__lt=today_wita()) | Q(due_date__lt=today_wita(), paused_since__isnull=True)
        )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "rows": _rows(page.object_list),
        "page": page,
        "q": q,
        "state": state,
        "overdue_only": request.GET.get("overdue") == "1",
        "counts": [(s, State(s).label, counts[s]) for s in State.values if s in counts],
        **extra,
    }
    template_name = "web/officer/_rows.html" if request.headers.get("HX-Request") else template
    return render(request, template_name, context)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """Applications waiting for the officer's steps, earliest deadline first."""
    if not is_officer(request.user):
        raise PermissionDenied
    return _list_page(
        request, tasks_for(signed_in_user(request)), "web/officer/inbox.html", {"title_kind": "inbox"}
    )


@login_required
@require_GET
def supervision(request: HttpRequest) -> HttpResponse:
    """Every application in progress with its SLA state (section heads and above, supervisors)."""
    if not has_role(request.user, SUPERVISING_ROLES):
        raise PermissionDenied
    qs = (
        visible_applications(signed_in_user(request))
        .exclude(state__in=FINAL_STATES)
        .exclude(state=State.DRAFT)
        .select_related("permit_type", "company")
        .order_by("due_date", "step_due_date", "id")
    )
    return _list_page(request, qs, "web/officer/supervision.html", {"title_kind": "supervision"})


urlpatterns: list[URLPattern] = [
    path("petugas/", inbox, name="inbox"),
    path("petugas/pengawasan/", supervision, name="supervision"),
]
