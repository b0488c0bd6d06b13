"""The applicant portal (my applications, the guided application form, documents) and the walk-in
form of customer service.

The form comes in five sections (forms.SECTIONS). A draft exists only once it holds what
`clean_application` requires, so the new-application page asks for sections 1-4 at once (kind
and profile, company, director and technical lead, building and devices) and creates the draft
with `services.create_application`; section 5 (agent, delegated signer) follows, then the
documents. Each section has its own page afterwards: its values are merged into the draft's
current data and the whole is saved with `services.update_application`, which validates all of
it, so an error anywhere is shown (next to its field, or as a link to the section that holds it).
Who may change what, and when, is the services' decision: these views only ask them.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from perizinan.accounts.models import User
from perizinan.accounts.permissions import has_role, signed_in_user
from perizinan.accounts.roles import Role
from perizinan.applications import services
from perizinan.applications.models import Application, Company, Document
from perizinan.applications.selectors import (
    checklist,
    get_application_for_user,
    missing_submission_documents,
    visible_applications,
)
from perizinan.catalog.selectors import active_permit_types, get_permit_type
from perizinan.errors import Conflict, NotFound
from perizinan.workdays.calendar import today_wita
from perizinan.workflow.actions import available_actions
from perizinan.workflow.clock import is_overdue
from perizinan.workflow.states import STATE_STEP, STEPS, WAITING_ON_APPLICANT, State

from .forms import (
    NEW_SECTIONS,
    SECTIONS,
    AgentForm,
    SectionForm,
    application_data,
    company_data,
    decorate,
    deep_merge,
    initial_for,
    section_of,
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


# --------------------------------------------------------------------------------------------
# Helpers


def _load(request: HttpRequest, pk: int) -> Application:
    try:
        return get_application_for_user(signed_in_user(request), pk)
    except NotFound:
        raise Http404 from None


def _edit_refusal(user: User, app: Application) -> str:
    """Why the services refuse `user` changes to `app` now ("" when they allow them).

    Raises PermissionDenied (a 403) when the user has no business editing it at all.
    """
    try:
        services.editor_role(user, app)  # the services' own rule; see the module docstring
    except Conflict as exc:
        return str(exc)
    return ""


def _home_crumb(user: User) -> tuple[str, str]:
    if has_role(user, Role.APPLICANT):
        return reverse("web:my_applications"), _("Permohonan saya")
    return reverse("web:inbox"), _("Kotak tugas")


def _error_dict(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": list(exc.messages)}


def _place_errors(
    forms: list[SectionForm], errors: dict[str, list[str]], app: Application | None
) -> list[dict]:
    """Put each service error next to its field; return the others (with their section's page)."""
    elsewhere = []
    for key, msgs in errors.items():
        name = key.replace(".", "__")
        form = next((f for f in forms if name in f.fields), None)
        if form is not None:
            for msg in msgs:
                form.add_error(name, msg)
            continue
        section = section_of(key)
        elsewhere.append(
            {
                "section": section.title if section else "",
                "url": reverse("web:application_edit", args=[app.pk, section.slug])
                if app and section
                else "",
                "messages": msgs,
            }
        )
    return elsewhere


def _error_summary(forms: list[SectionForm]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for form in forms:
        for name, msgs in form.errors.items():
            if name not in form.fields:
                out.append({"label": "", "anchor": "", "messages": msgs})
                continue
            bound = form[name]
            anchor = bound.id_for_label or f"{bound.auto_id}_0"
            out.append({"label": form.fields[name].label, "anchor": anchor, "messages": msgs})
    return out


def _permit_type(request: HttpRequest) -> Any:
    code = request.POST.get("permit_type") or request.GET.get("izin")
    permit_type = get_permit_type(code) if code else active_permit_types().first()
    if permit_type is None:
        raise Http404
    return permit_type


def _render_form(
    request: HttpRequest,
    *,
    mode: str,
    forms: list[SectionForm],
    app: Application | None = None,
    permit_type: Any = None,
    current: str = "",
    elsewhere: list[dict] | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    for f in forms:
        decorate(f)
    user = signed_in_user(request)
    crumb_url, crumb_label = _home_crumb(user)
    index = next((i for i, s in enumerate(SECTIONS) if s.slug == current), -1)
    is_last = index == len(SECTIONS) - 1
    context = {
        "mode": mode,
        "app": app,
        "permit_type": permit_type or (app.permit_type if app else None),
        "forms": forms,
        "sections": SECTIONS,
        "current": current,
        "page_slugs": [f.slug for f in forms] if forms else [current],
        "section_title": SECTIONS[index].title if index >= 0 else "",
        "section_number": index + 1,
        "is_last": is_last,
        "elsewhere": elsewhere or [],
        "summary": _error_summary(forms),
        "refusal": refusal,
        "crumb_url": crumb_url,
        "crumb_label": crumb_label,
    }
    return render(request, "web/applicant/application_form.html", context, status=status)


def _bound_forms(request: HttpRequest, sections: list[Any], permit_type: Any) -> list[SectionForm]:
    forms = [s.form(request.POST, permit_type=permit_type) for s in sections]
    for f in forms:
        f.is_valid()
    return forms


def _data_of(forms: list[SectionForm]) -> dict[str, Any]:
    data: dict[str, Any] = {"agent": {}, "signer_name": ""}
    for f in forms:
        data = deep_merge(data, f.to_data())
    return data


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
        return _render_form(request, mode=mode, forms=forms, permit_type=permit_type)
    forms = _bound_forms(request, sections, permit_type)
    try:
        app = services.create_application(by=user, permit_type=permit_type, data=_data_of(forms))
    except ValidationError as exc:
        elsewhere = _place_errors(forms, _error_dict(exc), None)
        return _render_form(
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
    app = _load(request, pk)
    index = next((i for i, s in enumerate(SECTIONS) if s.slug == section), None)
    if index is None:
        raise Http404
    sec = SECTIONS[index]
    refusal = _edit_refusal(user, app)
    current = application_data(app)
    if refusal:
        return _render_form(
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
        return _render_form(request, mode="edit", forms=[form], app=app, current=section)
    form = sec.form(request.POST, permit_type=app.permit_type, editing=True)
    form.is_valid()
    try:
        services.update_application(application=app, by=user, data=deep_merge(current, form.to_data()))
    except Conflict as exc:
        return _render_form(
            request, mode="edit", forms=[], app=app, current=section, refusal=str(exc), status=409
        )
    except ValidationError as exc:
        elsewhere = _place_errors([form], _error_dict(exc), app)
        return _render_form(
            request, mode="edit", forms=[form], app=app, current=section, elsewhere=elsewhere, status=422
        )
    messages.success(request, _("Bagian “%(title)s” tersimpan.") % {"title": sec.title})
    if index + 1 < len(SECTIONS):
        return redirect("web:application_edit", pk=app.pk, section=SECTIONS[index + 1].slug)
    return redirect("web:application_documents", pk=app.pk)


def _documents_context(
    request: HttpRequest, app: Application, *, refusal: str, row_errors: dict[int, list[str]] | None = None
) -> dict[str, Any]:
    user = signed_in_user(request)
    rows = checklist(app)
    current = {d.requirement_id: d for d in Document.objects.filter(application=app, is_current=True)}
    for row in rows:
        row["document"] = current.get(row["requirement_id"])
        row["errors"] = (row_errors or {}).get(row["number"], [])
    crumb_url, crumb_label = _home_crumb(user)
    forward = [a for a in available_actions(user, app) if a.direction == "forward"]
    return {
        "app": app,
        "rows": rows,
        "missing": missing_submission_documents(app),
        "can_upload": not refusal,
        "refusal": refusal,
        "max_bytes": settings.PERIZINAN_UPLOAD_MAX_BYTES,
        "next_actions": [str(a.label) for a in forward],
        "sections": SECTIONS,
        "page_slugs": ["dokumen"],
        "crumb_url": crumb_url,
        "crumb_label": crumb_label,
    }


@login_required
@require_http_methods(["GET", "POST"])
def application_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """One row per applicable requirement, each with its upload form (htmx, or a plain post)."""
    user = signed_in_user(request)
    app = _load(request, pk)
    refusal = _edit_refusal(user, app)
    htmx = bool(request.headers.get("HX-Request"))
    if request.method == "GET":
        return render(
            request, "web/applicant/documents.html", _documents_context(request, app, refusal=refusal)
        )
    if refusal:
        messages.error(request, refusal)
        return render(
            request,
            "web/applicant/documents.html",
            _documents_context(request, app, refusal=refusal),
            status=409,
        )
    number_raw = request.POST.get("requirement", "")
    upload = request.FILES.get("file")
    errors: dict[str, list[str]] = {}
    if upload is None:
        errors = {"file": [_("Pilih berkas yang akan diunggah.")]}
    else:
        try:
            services.upload_document(application=app, by=user, requirement_number=number_raw, upload=upload)
        except Conflict as exc:
            messages.error(request, str(exc))
            return render(
                request,
                "web/applicant/documents.html",
                _documents_context(request, app, refusal=str(exc)),
                status=409,
            )
        except ValidationError as exc:
            errors = _error_dict(exc)
    number = int(number_raw) if number_raw.isdigit() else None
    row_messages = [m for msgs in errors.values() for m in msgs]
    context = _documents_context(
        request, app, refusal="", row_errors={number: row_messages} if number else None
    )
    row = next((r for r in context["rows"] if r["number"] == number), None)
    status = 422 if errors else 200
    if row is None:  # not a requirement of this application
        page_errors = row_messages or [_("Persyaratan ini tidak berlaku untuk permohonan ini.")]
        if htmx:
            response = render(
                request, "web/applicant/_upload_error.html", {"errors": page_errors}, status=422
            )
            response["HX-Retarget"] = "#upload-errors"
            response["HX-Reswap"] = "innerHTML"
            return response
        context["page_errors"] = page_errors
        return render(request, "web/applicant/documents.html", context, status=422)
    if htmx:
        context.update({"row": row, "oob": True, "saved": not errors})
        return render(request, "web/applicant/_document_row.html", context, status=status)
    if not errors:
        messages.success(request, _("Berkas untuk persyaratan %(n)d tersimpan.") % {"n": number})
        return redirect(reverse("web:application_documents", args=[app.pk]) + f"#doc-{number}")
    return render(request, "web/applicant/documents.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("pemohon/", my_applications, name="my_applications"),
    path("pemohon/permohonan/baru/", application_new, name="application_new"),
    path("pemohon/permohonan/<int:pk>/ubah/<slug:section>/", application_edit, name="application_edit"),
    path("pemohon/permohonan/<int:pk>/dokumen/", application_documents, name="application_documents"),
    path("petugas/loket/baru/", walk_in, name="walk_in"),
]
