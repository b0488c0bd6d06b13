"""Archive and search for officers: every application they may see, whatever its state."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from perizinan.accounts.permissions import signed_in_user
from perizinan.catalog.models import ApplicationKind
from perizinan.downloads import XLSX, file_response
from perizinan.workdays.calendar import today_wita
from perizinan.workflow.clock import is_overdue
from perizinan.workflow.states import STATE_STEP, State

from .access import require_officer
from .archive import SORTS, ArchiveQuery, archive, parse_archive
from .exports import EXPORT_LIMIT, archive_header, archive_rows, csv_stream, xlsx_bytes

PAGE_SIZE = 50


def _query(request: HttpRequest) -> tuple[ArchiveQuery, dict[str, list[str]]]:
    try:
        return parse_archive(request.GET), {}
    except ValidationError as exc:
        return ArchiveQuery(), exc.message_dict


@login_required
@require_GET
def archive_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_officer(user)
    a, errors = _query(request)
    qs = archive(user, a)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = today_wita()
    rows = [
        {
            "app": x,
            "step": STATE_STEP[x.state],
            "state_label": State(x.state).label,
            "overdue": x.state != State.DRAFT and is_overdue(x, today=today),
        }
        for x in page.object_list
    ]
    params = a.params()
    context = {
        "a": a,
        "errors": errors,
        "rows": rows,
        "page": page,
        "query": urlencode(params),
        "states": State.choices,
        "kinds": ApplicationKind.choices,
        "sorts": [(key, label) for key, label in sort_labels().items()],
        "export_limit": EXPORT_LIMIT,
    }
    return render(request, "reports/archive.html", context, status=400 if errors else 200)


def sort_labels() -> dict[str, str]:
    labels = {
        "created": _("Tanggal dibuat"),
        "registration": _("Nomor registrasi"),
        "company": _("Perusahaan"),
        "state": _("Status"),
        "due": _("Batas waktu"),
        "completed": _("Tanggal selesai"),
    }
    out: dict[str, str] = {}
    for key in SORTS:
        out[f"-{key}"] = f"{labels[key]} ↓"
        out[key] = f"{labels[key]} ↑"
    return out


def _export_qs(request: HttpRequest):
    user = signed_in_user(request)
    require_officer(user)
    a, errors = _query(request)
    if errors:
        raise ValidationError(errors)
    return archive(user, a)[:EXPORT_LIMIT]


def _bad_request(exc: ValidationError) -> HttpResponse:
    lines = [f"{field}: {msg}" for field, msgs in exc.message_dict.items() for msg in msgs]
    return HttpResponse("\n".join(lines), status=400, content_type="text/plain; charset=utf-8")


@login_required
@require_GET
def archive_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    try:
        qs = _export_qs(request)
    except ValidationError as exc:
        return _bad_request(exc)
    response = StreamingHttpResponse(
        csv_stream(archive_header(), archive_rows(qs.iterator(chunk_size=2000))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="arsip-permohonan.csv"'
    return response


@login_required
@require_GET
def archive_xlsx(request: HttpRequest) -> HttpResponse:
    try:
        qs = _export_qs(request)
    except ValidationError as exc:
        return _bad_request(exc)
    content = xlsx_bytes(
        [(_("Arsip permohonan"), archive_header(), archive_rows(qs.iterator(chunk_size=2000)))]
    )
    return file_response(content, content_type=XLSX, filename="arsip-permohonan.xlsx")
