"""The yearly summary for the PTSP evaluation: a page, a PDF report and an XLSX workbook."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from perizinan.accounts.permissions import signed_in_user
from perizinan.documents.render import render_pdf
from perizinan.downloads import PDF, XLSX, file_response, print_stamp
from perizinan.maintenance.anchors import anchor_panel

from .access import require_reporter
from .exports import xlsx_bytes
from .filters import parse_semester
from .yearly import yearly_summary


def _year(request: HttpRequest) -> tuple[int, dict[str, list[str]]]:
    try:
        year, _semester = parse_semester({"year": request.GET.get("year"), "semester": "1"})
        return year, {}
    except ValidationError as exc:
        year, _semester = parse_semester({})
        return year, exc.message_dict


def _context(request: HttpRequest) -> dict[str, Any]:
    user = signed_in_user(request)
    require_reporter(user)
    year, errors = _year(request)
    return {
        "errors": errors,
        **yearly_summary(year),
        **print_stamp(user),
    }


@login_required
@require_GET
def yearly_page(request: HttpRequest) -> HttpResponse:
    context = _context(request)
    return render(request, "reports/yearly.html", context, status=400 if context["errors"] else 200)


@login_required
@require_GET
def yearly_pdf(request: HttpRequest) -> HttpResponse:
    context = _context(request)
    context["doc_title"] = f"Rekap tahunan pelayanan perizinan {context['year']}"
    context["anchor_panel"] = anchor_panel()
    content = render_pdf("reports/pdf/yearly.html", context)
    return file_response(
        content, content_type=PDF, filename=f"rekap-tahunan-{context['year']}.pdf", inline=True
    )


def _rate(value: float | None) -> float | str:
    return "" if value is None else round(100 * value, 1)


@login_required
@require_GET
def yearly_xlsx(request: HttpRequest) -> HttpResponse:
    c = _context(request)
    header = [
        _("Periode"),
        _("Diterima"),
        _("Terdaftar"),
        _("Izin terbit"),
        _("Ditolak"),
        _("Dicabut pemohon"),
        _("Terbit tepat waktu"),
        _("Tepat waktu (%)"),
        _("Rata-rata hari kerja rekomendasi sampai terbit"),
    ]

    def row(label: str, x: dict[str, Any]) -> list[Any]:
        return [
            label,
            x["received"],
            x["registered"],
            x["issued"],
            x["declined"],
            x["withdrawn"],
            x["on_time"],
            _rate(x["on_time_rate"]),
            x["mean_working_days_to_issue"] if x["mean_working_days_to_issue"] is not None else "",
        ]

    rows = [row(str(c["year"]), c["year_figures"])] + [
        row(_("Semester %(n)d") % {"n": s["semester"]}, s) for s in c["semesters"]
    ]
    months = [[m["month"], m["count"]] for m in c["months"]]
    content = xlsx_bytes(
        [
            (_("Rekap %(year)d") % {"year": c["year"]}, header, rows),
            (_("Izin terbit per bulan"), [_("Bulan"), _("Izin terbit")], months),
        ]
    )
    return file_response(content, content_type=XLSX, filename=f"rekap-tahunan-{c['year']}.xlsx")
