"""The application page, for everyone who may see the application: data, documents shown inline,
the checklist, the process log, the swimlane, and the actions the viewer may take now."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from perizinan.accounts.permissions import is_officer, signed_in_user
from perizinan.applications.models import Application, Document
from perizinan.applications.selectors import checklist, may_tick_checklist
from perizinan.applications.services import tick_checklist
from perizinan.documents.jobs import can_retry, retry
from perizinan.documents.selectors import (
    document_to_review,
    job_for_retry,
    unfinished_jobs,
    visible_step_documents,
)
from perizinan.errors import Conflict, NotFound
from perizinan.licences.models import Licence
from perizinan.licences.payments import payment_summary
from perizinan.workdays.calendar import today_wita
from perizinan.workflow.actions import actions_of_permit_type, available_actions, get_action
from perizinan.workflow.clock import is_overdue
from perizinan.workflow.services import take_action
from perizinan.workflow.states import STATE_STEP, STEPS, WAITING_ON_APPLICANT, State

from . import application_page as page
from . import pending_uploads
from .action_forms import forms_for, whats_next
from .application_access import can_edit, load_application
from .swimlane import swimlane_svg


def _page(request: HttpRequest, app: Application, *, failed: str = "", values: Any = None,
          errors: Any = None, status: int = 200) -> HttpResponse:  # fmt: skip
    user = signed_in_user(request)
    officer = is_officer(user)
    timeline = list(app.log.order_by("seq"))
    generated = _generated_context(app, user)
    returned = page.last_return(timeline, app.state)
    context = {
        "app": app,
        "state_label": State(app.state).label,
        "step": STATE_STEP[app.state],
        "step_title": STEPS[STATE_STEP[app.state]].title,
        "overdue": is_overdue(app, today=today_wita()),
        "waiting_on_applicant": app.state in WAITING_ON_APPLICANT,
        "checklist": checklist(app),
        "documents": list(app.documents.filter(is_current=True).select_related("requirement")),
        **generated,
        "log_items": page.log_items(timeline, officer=officer),
        "action_forms": forms_for(
            available_actions(user, app),
            step=STATE_STEP[app.state],
            failed=failed,
            values=values,
            errors=errors,
            kept=pending_uploads.kept(request, app_pk=app.pk),
        ),
        "can_tick": may_tick_checklist(user, app),
        "is_officer": officer,
        "last_return": returned if officer else None,
        "replaced": page.replaced_documents(timeline) if officer else [],
        "progress": None if officer else page.progress(timeline, app.state),
        "holder": page.holder(app.state),
        "viewer_doc": document_to_review(generated["generated"], STATE_STEP[app.state]) if officer else None,
        "swimlane_svg": swimlane_svg(app, actions=actions_of_permit_type(app.permit_type)),
        "can_edit": can_edit(user, app),
        "licence": Licence.objects.filter(application=app).first(),
        "payment": payment_summary(app),
    }
    return render(request, "web/application/detail.html", context, status=status)


def _generated_context(app: Application, user: Any) -> dict[str, Any]:
    open_jobs = unfinished_jobs(app)
    return {
        "generated": list(visible_step_documents(user, app)),
        "jobs_open": open_jobs,
        "polling": any(j.state != "failed" for j in open_jobs),  # a failed job waits for an officer
    }


@login_required
@require_GET
def generated_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The documents section alone (polled by htmx while the worker is still making some)."""
    app = load_application(request, pk)
    context = {"app": app, "is_officer": is_officer(request.user), **_generated_context(app, request.user)}
    return render(request, "web/application/_generated.html", context)


@login_required
@require_POST
def retry_job(request: HttpRequest, pk: int, job_id: int) -> HttpResponse:
    """An officer starts a failed document job again."""
    app = load_application(request, pk)
    try:
        job = job_for_retry(signed_in_user(request), app, job_id)
    except NotFound:
        raise Http404 from None  # PermissionDenied: the friendly 403 page
    if not can_retry(job):
        messages.info(request, _("Dokumen ini sedang dibuat; tidak perlu diulang."))
        return redirect("web:application", pk=pk)
    retry(job=job, by=signed_in_user(request))
    messages.success(request, _("Dokumen dibuat ulang; hasilnya muncul di halaman ini dalam beberapa detik."))
    return redirect("web:application", pk=pk)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, load_application(request, pk))


@login_required
@require_POST
def act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    app = load_application(request, pk)
    action = get_action(name)
    if action is None:
        raise Http404
    data = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    files = pending_uploads.with_kept(request, app_pk=pk, action=name, files=request.FILES.dict())
    try:
        take_action(application=app, name=name, by=signed_in_user(request), data=data, files=files)
    except Conflict as exc:
        pending_uploads.clear(request, app_pk=pk, action=name)
        messages.error(request, str(exc))
        return redirect("web:application", pk=pk)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        pending_uploads.keep(request, app_pk=pk, action=name, files=request.FILES.dict(), refused=set(errors))
        messages.error(request, _("Periksa isian formulir: ada yang belum benar."))
        fresh = load_application(request, pk)
        return _page(request, fresh, failed=name, values=data, errors=errors, status=422)
    pending_uploads.clear(request, app_pk=pk, action=name)
    messages.success(
        request,
        _("Tindakan “%(label)s” tercatat.") % {"label": action.label} + " " + whats_next(action.target),
    )
    if action.documents:
        messages.info(
            request, _("Dokumen langkah ini sedang disiapkan dan muncul di halaman ini dalam beberapa detik.")
        )
    return redirect("web:application", pk=pk)


@login_required
@require_POST
def tick(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    app = load_application(request, pk)
    try:
        tick_checklist(application=app, by=signed_in_user(request), requirement_number=number,
                       ticked=request.POST.get("ticked") == "on", note=request.POST.get("note", ""))  # fmt: skip
    except (Conflict, ValidationError) as exc:
        messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))
    row = next((r for r in checklist(app) if r["number"] == number), None)
    if request.headers.get("HX-Request") and row is not None:
        return render(
            request, "web/application/_checklist_row.html", {"row": row, "app": app, "can_tick": True}
        )
    return redirect("web:application", pk=pk)


def _file(content: Any, content_type: str, name: str) -> FileResponse:
    response = FileResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def document(request: HttpRequest, pk: int, doc_id: int) -> FileResponse:
    app = load_application(request, pk)
    doc = Document.objects.filter(application=app, pk=doc_id).first()
    if doc is None:
        raise Http404
    ext = doc.content_type.split("/")[-1]
    return _file(doc.file.open("rb"), doc.content_type, f"persyaratan-{doc.requirement_id}.{ext}")


@login_required
@require_GET
def generated(request: HttpRequest, pk: int, doc_id: int) -> FileResponse:
    app = load_application(request, pk)
    doc = visible_step_documents(signed_in_user(request), app).filter(pk=doc_id).first()
    if doc is None:
        raise Http404  # the applicant reads final documents only, no drafts
    return _file(doc.file.open("rb"), "application/pdf", f"{doc.kind}.pdf")


urlpatterns: list[URLPattern] = [
    path("permohonan/<int:pk>/", detail, name="application"),
    path("permohonan/<int:pk>/aksi/<str:name>/", act, name="application_action"),
    path("permohonan/<int:pk>/checklist/<int:number>/", tick, name="application_tick"),
    path("permohonan/<int:pk>/berkas/<int:doc_id>/", document, name="application_document"),
    path("permohonan/<int:pk>/dokumen/<int:doc_id>/", generated, name="application_generated"),
    path("permohonan/<int:pk>/dokumen/", generated_list, name="application_generated_list"),
    path("permohonan/<int:pk>/dokumen/tugas/<int:job_id>/ulang/", retry_job, name="application_job_retry"),
]
