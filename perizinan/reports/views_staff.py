"""Staff performance per semester (SOP section T): the heads see every officer, an officer their own."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from perizinan.accounts.models import User
from perizinan.accounts.permissions import signed_in_user
from perizinan.documents.render import render_pdf
from perizinan.downloads import PDF, file_response, print_stamp

from .access import is_reporter, require_officer, require_reporter
from .filters import Filters, parse_semester, semester_period
from .staff import staff_performance
from .workload import open_tasks_by_role


def _semester(request: HttpRequest) -> tuple[int, int, dict[str, list[str]]]:
    try:
        year, semester = parse_semester(request.GET)
        return year, semester, {}
    except ValidationError as exc:
        year, semester = parse_semester({})
        return year, semester, exc.message_dict


def _context(request: HttpRequest, user: User, *, only: User | None) -> dict[str, Any]:
    year, semester, errors = _semester(request)
    start, end = semester_period(year, semester)
    f = Filters(start=start, end=end)
    rows = staff_performance(f, only)
    return {
        "year": year,
        "semester": semester,
        "start": start,
        "end": end,
        "errors": errors,
        "rows": rows,
        "open_tasks": open_tasks_by_role(),
        "is_head": only is None,
        **print_stamp(user),
    }


@login_required
@require_GET
def staff_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_officer(user)
    context = _context(request, user, only=None if is_reporter(user) else user)
    return render(request, "reports/staff.html", context, status=400 if context["errors"] else 200)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return file_response(content, content_type=PDF, filename=filename, inline=True)


@login_required
@require_GET
def staff_unit_pdf(request: HttpRequest) -> HttpResponse:
    """The summary per unit for the evaluating head: every officer and role in the semester."""
    user = signed_in_user(request)
    require_reporter(user)
    context = _context(request, user, only=None)
    context["doc_title"] = f"Rekap kinerja pegawai semester {context['semester']} tahun {context['year']}"
    return _pdf(
        render_pdf("reports/pdf/staff_unit.html", context),
        f"kinerja-{context['year']}-s{context['semester']}.pdf",
    )


@login_required
@require_GET
def staff_officer_pdf(request: HttpRequest, username: str) -> HttpResponse:
    """One officer's performance in the semester: their own, or any officer's for a head."""
    user = signed_in_user(request)
    require_officer(user)
    officer = User.objects.filter(username=username, is_active=True).first()
    if officer is None or (officer.pk != user.pk and not is_reporter(user)):
        raise Http404
    context = _context(request, user, only=officer)
    context["officer"] = officer
    context["doc_title"] = f"Kinerja pegawai semester {context['semester']} tahun {context['year']}"
    filename = f"kinerja-{officer.username}-{context['year']}-s{context['semester']}.pdf"
    return _pdf(render_pdf("reports/pdf/staff_officer.html", context), filename)
