"""The officers' complaint pages: the list, registering one from another channel, and handling one."""

from collections.abc import Callable
from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perizinan.accounts.models import User
from perizinan.errors import Conflict, NotFound
from perizinan.workdays.calendar import WITA, today_wita

from . import access, selectors, services
from .forms import AnswerForm, AssignForm, ComplaintForm, NoteForm, ReopenForm
from .models import Complaint, ComplaintStatus
from .views_complaint import add_errors


def _officer(request: HttpRequest) -> User:
    user = request.user
    if not access.can_handle(user):
        raise PermissionDenied
    assert isinstance(user, User)
    return user


def _load(request: HttpRequest, pk: int) -> tuple[User, Complaint]:
    user = _officer(request)
    try:
        return user, selectors.complaint_for(user, pk)
    except NotFound as exc:
        raise Http404 from exc


@login_required
@require_GET
def complaint_list(request: HttpRequest) -> HttpResponse:
    user = _officer(request)
    qs = selectors.complaints_for(user)
    status = request.GET.get("status", "")
    if status in ComplaintStatus.values:
        qs = qs.filter(status=status)
    if request.GET.get("mine") == "1":
        qs = qs.filter(assigned_to=user)
    page = Paginator(qs.order_by("due_date", "id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/officer/list.html",
        {
            "page": page,
            "status": status,
            "statuses": ComplaintStatus.choices,
            "mine": request.GET.get("mine") == "1",
            "today": today_wita(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    """Register a complaint that came by suggestion box, SMS, phone or in person."""
    user = _officer(request)
    form = ComplaintForm(request.POST or None, staff=True, initial={"received_on": today_wita()})
    if request.method == "POST" and form.is_valid() and form.cleaned_data["received_on"] > today_wita():
        form.add_error("received_on", _("Tanggal diterima tidak boleh di masa depan."))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        received = (
            datetime.combine(d["received_on"], time(8, 0), WITA) if d["received_on"] < today_wita() else None
        )
        try:
            complaint = services.file_complaint(
                channel=d["channel"], **form.complaint(), received_at=received, by=user
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("Pengaduan dicatat dengan kode %(code)s.") % {"code": complaint.tracking_code}
            )
            return redirect("feedback:officer_complaint", pk=complaint.pk)
    return render(
        request, "feedback/officer/new.html", {"form": form}, status=422 if request.method == "POST" else 200
    )


@login_required
@require_GET
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user, complaint = _load(request, pk)
    return render(request, "feedback/officer/detail.html", _detail_context(user, complaint))


def _detail_context(user: User, complaint: Complaint, **forms: object) -> dict[str, object]:
    return {
        "complaint": complaint,
        "events": complaint.events.select_related("by"),
        "can_assign": access.can_assign(user)
        and complaint.status in (ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROCESS),
        "can_answer": access.can_answer(user, complaint) and complaint.status == ComplaintStatus.IN_PROCESS,
        "can_close": (access.can_assign(user) or access.can_answer(user, complaint))
        and complaint.status == ComplaintStatus.ANSWERED,
        "can_reopen": access.can_assign(user)
        and complaint.status in (ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED),
        "assign_form": forms.get("assign_form")
        or AssignForm(initial={"assigned_to": complaint.assigned_to_id, "unit": complaint.unit}),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "close_form": forms.get("close_form") or NoteForm(),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
    }


Handler = Callable[[User, Complaint, dict], Complaint]

ACTIONS: dict[str, tuple[type, str, Handler]] = {
    "tugaskan": (
        AssignForm,
        "assign_form",
        lambda by, c, d: services.assign_complaint(complaint=c, to=d["assigned_to"], unit=d["unit"], by=by),
    ),
    "jawab": (
        AnswerForm,
        "answer_form",
        lambda by, c, d: services.answer_complaint(complaint=c, answer=d["answer"], by=by),
    ),
    "tutup": (
        NoteForm,
        "close_form",
        lambda by, c, d: services.close_complaint(complaint=c, note=d["note"], by=by),
    ),
    "buka-kembali": (
        ReopenForm,
        "reopen_form",
        lambda by, c, d: services.reopen_complaint(complaint=c, reason=d["reason"], by=by),
    ),
}


@login_required
@require_POST
def complaint_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step of the complaint (assign, answer, close, reopen) through its service."""
    if action not in ACTIONS:
        raise Http404
    user, complaint = _load(request, pk)
    form_class, form_name, handler = ACTIONS[action]
    form = form_class(request.POST)
    status = 422
    if form.is_valid():
        try:
            handler(user, complaint, form.cleaned_data)
        except ValidationError as exc:
            for name, msgs in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, msgs)
        except Conflict as exc:
            form.add_error(None, str(exc))
            status = 409
        else:
            messages.success(request, _("Pengaduan diperbarui."))
            return redirect("feedback:officer_complaint", pk=complaint.pk)
    complaint.refresh_from_db()
    return render(
        request,
        "feedback/officer/detail.html",
        _detail_context(user, complaint, **{form_name: form}),
        status=status,
    )


urlpatterns: list[URLPattern] = [
    path("petugas/pengaduan/", complaint_list, name="officer_complaints"),
    path("petugas/pengaduan/baru/", complaint_new, name="officer_complaint_new"),
    path("petugas/pengaduan/<int:pk>/", complaint_detail, name="officer_complaint"),
    path("petugas/pengaduan/<int:pk>/<slug:action>/", complaint_action, name="officer_complaint_action"),
]
