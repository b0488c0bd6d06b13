"""The applicant's documents page: one row per applicable requirement, each with its upload form
(htmx, or a plain post); the services decide what may be uploaded and when."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from perizinan.accounts.permissions import signed_in_user
from perizinan.applications import services
from perizinan.applications.models import Application, Document
from perizinan.applications.selectors import checklist, missing_submission_documents
from perizinan.errors import Conflict
from perizinan.workflow.actions import available_actions

from .application_access import edit_refusal, load_application
from .application_form_page import error_dict, home_crumb
from .application_forms import SECTIONS


def _documents_context(
    request: HttpRequest, app: Application, *, refusal: str, row_errors: dict[int, list[str]] | None = None
) -> dict[str, Any]:
    user = signed_in_user(request)
    rows = checklist(app)
    current = {d.requirement_id: d for d in Document.objects.filter(application=app, is_current=True)}
    for row in rows:
        row["document"] = current.get(row["requirement_id"])
        row["errors"] = (row_errors or {}).get(row["number"], [])
    crumb_url, crumb_label = home_crumb(user)
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
    app = load_application(request, pk)
    refusal = edit_refusal(user, app)
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
            errors = error_dict(exc)
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
    path("pemohon/permohonan/<int:pk>/dokumen/", application_documents, name="application_documents"),
]
