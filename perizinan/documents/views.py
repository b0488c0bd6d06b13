"""Public verification pages: /verifikasi/<code> and the upload check (no login)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from perizinan import throttle

from .registry import DOCUMENTS
from .registry import render as render_document
from .verification import check_licence, identify_pdf

MAX_UPLOAD = 20 * 1024 * 1024


@require_http_methods(["GET"])
def licence_page(request: HttpRequest, code: str) -> HttpResponse:
    result = check_licence(code)
    status = 200 if result else 404
    context = {"result": result, "code": code}
    return render(request, "verification/licence.html", context, status=status)


@require_http_methods(["GET", "POST"])
def upload_check(request: HttpRequest) -> HttpResponse:
    context: dict = {}
    if request.method == "POST":
        verdict = throttle.hit("pdf_check", address=throttle.address(request))
        if not verdict.allowed:
            return throttle.refused_page(request, verdict)
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "missing"
        elif upload.size and upload.size > MAX_UPLOAD:
            context["error"] = "too_big"
        else:
            context["check"] = identify_pdf(upload.read())
    return render(request, "verification/upload.html", context, status=422 if context.get("error") else 200)


@require_http_methods(["GET"])
def blank_form(request: HttpRequest, kind: str) -> HttpResponse:
    """Blank forms of section U (application form, checklist, powers of attorney, inspection form)."""

    spec = DOCUMENTS.get(kind)
    if spec is None or not spec.blank_allowed:
        raise Http404
    response = HttpResponse(render_document(kind, None), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}.pdf"'
    return response
