"""The applicant portal (my applications, the guided application form) and the walk-in form of
customer service; the documents page is `views_applicant_documents`.

The form comes in five sections (`application_forms.SECTIONS`). A draft exists only once it holds what
`clean_application` requires, so the new-application page asks for sections 1-4 at once (kind
and profile, company, director and technical lead, building and devices) and creates the draft
with `services.create_application`; section 5 (agent, delegated signer) follows, then the
documents. Each section has its own page afterwards: its values are merged into the draft's
current data and the whole is saved with `services.update_application`, which validates all of
it, so an error anywhere is shown (next to its field, or as a link to the section that holds it).
Who may change what, and when, is the services' decision: these views only ask them.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from perizinan.accounts.permissions import has_role, signed_in_user
from perizinan.accounts.roles import Role
from perizinan.applications import services
from perizinan.applications.models import Company
from perizinan.applications.selectors import visible_applications
from perizinan.catalog.selectors import active_permit_types, get_permit_type
from perizinan.errors import Conflict
from perizinan.workdays.calendar import today_wita
from perizinan.workflow.clock import is_overdue
from perizinan.workflow.states import STATE_STEP, STEPS, WAITING_ON_APPLICANT, State

from .application_access import edit_refusal, load_application
from .application_form_page import bound_forms, data_of, error_dict, place_errors, render_form
from .application_forms import (
    NEW_SECTIONS,
    SECTIONS,
    AgentForm,
    application_data,
    company_data,
    deep_merge,
    initial_for,
)

PAGE_SIZE = 25

# What the applicant does next, by state (shown in the list).
NEXT_STEP = {
    State.DRAFT: gettext_lazy("Lengkapi data dan dokumen, lalu serahkan permohonan di halaman permohonan."),
    State.RETURNED_BY_CS: gettext_lazy(
        "Perbaiki data atau dokumen sesuai catatan, lalu serahkan kembali perbaikan."
    ),
    State.AWAITING_FIX: gettext_lazy("Perbaiki data atau dokumen sesuai catatan, lalu serahkan perbaikan."),
    State.AGENCY_RETURNED: gettext_lazy("Perbaiki sesuai catatan tim teknis, lalu serahkan kembali."),
    State.MEETING_CALLED: gettext_lazy(
        "Kepala Dinas meminta konfirmasi: ikuti rapat atau presentasi sesuai undangan kantor."
    ),
    State.HANDED_OVER: gettext_lazy("Konfirmasi bahwa izin telah Anda terima di halaman permohonan."),
}


def _permit_type(request: HttpRequest) -> Any:
    code = request.POST.get("permit_type") or request.GET.get("izin")
    permit_type = get_permit_type(code) if code else active_permit_types().first()
    if permit_type is None:
        raise Http404
    return permit_type


def _create(request: HttpRequest, *, mode: str) -> HttpResponse:
    """The new-application page, for an applicant (mode "new") or for CS at the counter ("walk_in")."""
    user = signed_in_user(request)
    permit_type = _permit_type(request)
    sections = (
        [*NEW_SECTIONS] if mode == "new" else [s for s in SECTIONS if s.form is AgentForm] + [*NEW_SECTIONS]
    )
    if request.method == "GET":
        prefill: dict[str, Any] = {}
        if mode == "new":
            company = Company.objects.filter(members=user).order_by("pk").first()
            if company is not None:
                prefill = company_data(company)
        forms = [s.form(initial=initial_for(s.form, prefill), permit_type=permit_type) for s in sections]
        return render_form(request, mode=mode, forms=forms, permit_type=permit_type)
    forms = bound_forms(request, sections, permit_type)
    try:
        app = services.create_application(by=user, permit_type=permit_type, data=data_of(forms))
    except ValidationError as exc:
        elsewhere = place_errors(forms, error_dict(exc), None)
        return render_form(
            request, mode=mode, forms=forms, permit_type=permit_type, elsewhere=elsewhere, status=422
        )
    messages.success(request, _("Draf permohonan tersimpan."))
    if mode == "walk_in":
        return redirect("web:application_documents", pk=app.pk)
    return redirect("web:application_edit", pk=app.pk, section=SECTIONS[len(NEW_SECTIONS)].slug)


# --------------------------------------------------------------------------------------------
# Pages


@login_required
@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    """The applicant's applications with their stage, due date and what to do next."""
    user = signed_in_user(request)
    if not has_role(user, Role.APPLICANT):
        raise PermissionDenied
    qs = visible_applications(user).select_related("permit_type", "company").order_by("-created_at", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = today_wita()
    rows = []
    for app in page.object_list:
        step = STATE_STEP[app.state]
        rows.append(
            {
                "app": app,
                "state_label": State(app.state).label,
                "step": step,
                "step_title": STEPS[step].title,
                "overdue": is_overdue(app, today=today),
                "waiting": app.state in WAITING_ON_APPLICANT,
                "editable": app.state in services.APPLICANT_EDITABLE,
                "next_step": NEXT_STEP.get(app.state, ""),
            }
        )
    context = {"rows": rows, "page": page, "first_section": SECTIONS[0].slug}
    return render(request, "web/applicant/my_applications.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_new(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, Role.APPLICANT):
        raise PermissionDenied
    return _create(request, mode="new")


@login_required
@require_http_methods(["GET", "POST"])
def walk_in(request: HttpRequest) -> HttpResponse:
    """Customer service fills in the form for an applicant at the counter (walk-in service)."""
    if not has_role(request.user, Role.CS):
        raise PermissionDenied
    return _create(request, mode="walk_in")


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """One section of a draft (or of an application returned to the applicant)."""
    user = signed_in_user(request)
    app = load_application(request, pk)
    index = next((i for i, s in enumerate(SECTIONS) if s.slug == section), None)
    if index is None:
        raise Http404
    sec = SECTIONS[index]
    refusal = edit_refusal(user, app)
    current = application_data(app)
    if refusal:
        return render_form(
            request,
            mode="edit",
            forms=[],
            app=app,
            current=section,
            refusal=refusal,
            status=409 if request.method == "POST" else 200,
        )
    if request.method == "GET":
        form = sec.form(initial=initial_for(sec.form, current), permit_type=app.permit_type, editing=True)
        return render_form(request, mode="edit", forms=[form], app=app, current=section)
    form = sec.form(request.POST, permit_type=app.permit_type, editing=True)
    form.is_valid()
    try:
        services.update_application(application=app, by=user, data=deep_merge(current, form.to_data()))
    except Conflict as exc:
        return render_form(
            request, mode="edit", forms=[], app=app, current=section, refusal=str(exc), status=409
        )
    except ValidationError as exc:
        elsewhere = place_errors([form], error_dict(exc), app)
        return render_form(
            request, mode="edit", forms=[form], app=app, current=section, elsewhere=elsewhere, status=422
        )
    messages.success(request, _("Bagian “%(title)s” tersimpan.") % {"title": sec.title})
    if index + 1 < len(SECTIONS):
        return redirect("web:application_edit", pk=app.pk, section=SECTIONS[index + 1].slug)
    return redirect("web:application_documents", pk=app.pk)


urlpatterns: list[URLPattern] = [
    path("pemohon/", my_applications, name="my_applications"),
    path("pemohon/permohonan/baru/", application_new, name="application_new"),
    path("pemohon/permohonan/<int:pk>/ubah/<slug:section>/", application_edit, name="application_edit"),
    path("petugas/loket/baru/", walk_in, name="walk_in"),
]
