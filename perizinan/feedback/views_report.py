"""The IKM report for the supervising roles: page with charts and tables, XLSX and PDF downloads."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from perizinan.downloads import PDF, XLSX, file_response

from . import access, export, presenters, selectors
from .forms import PeriodForm
from .selectors import IkmReport


def _report(request: HttpRequest) -> tuple[PeriodForm, IkmReport | None]:
    if not access.can_view_ikm(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if form.is_bound else {}
    try:
        start, end = selectors.period(data.get("start"), data.get("end"))
    except ValidationError as exc:
        form.add_error("start", exc.messages)
        return form, None
    if not form.is_bound:
        form = PeriodForm(initial={"start": start, "end": end})
    return form, selectors.ikm_report(start, end, data.get("permit_type"))


@login_required
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    chart = None
    if report is not None:
        chart = {
            "elements": presenters.ikm_dict(report.result)["elements"],
            "complaints": [[str(label), n] for label, n in report.complaints["by_status"]],
        }
    return render(
        request,
        "feedback/report.html",
        {
            "form": form,
            "report": report,
            "chart": chart,
            "query": request.GET.urlencode(),
            "semesters": selectors.recent_semesters(),
        },
        status=200 if report is not None else 422,
    )


def _download(request: HttpRequest, kind: str) -> HttpResponse:
    form, report = _report(request)
    if report is None:
        return render(request, "feedback/report.html", {"form": form, "report": None}, status=422)
    if kind == "xlsx":
        body, content_type = export.xlsx_bytes(report), XLSX
    else:
        body, content_type = export.pdf_bytes(report), PDF  # rendered in the request, outside any transaction
    return file_response(body, content_type=content_type, filename=export.filename(report, kind))


@login_required
@require_GET
def report_xlsx(request: HttpRequest) -> HttpResponse:
    return _download(request, "xlsx")


@login_required
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    return _download(request, "pdf")


urlpatterns: list[URLPattern] = [
    path("petugas/ikm/", report_page, name="ikm_report"),
    path("petugas/ikm/laporan-ikm.xlsx", report_xlsx, name="ikm_xlsx"),
    path("petugas/ikm/laporan-ikm.pdf", report_pdf, name="ikm_pdf"),
]
