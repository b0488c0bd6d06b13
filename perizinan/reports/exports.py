"""CSV and XLSX exports of the archive (streamed; at most EXPORT_LIMIT rows per file)."""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from perizinan.applications.models import Application
from perizinan.licences.models import Licence
from perizinan.workdays.calendar import to_wita
from perizinan.workflow.states import STATE_STEP, State

EXPORT_LIMIT = 50_000


def archive_header() -> list[str]:
    return [
        _("Nomor registrasi"),
        _("Perusahaan"),
        _("NIB"),
        _("Jenis izin"),
        _("Jenis permohonan"),
        _("Status"),
        _("Langkah"),
        _("Dibuat (WITA)"),
        _("Diserahkan (WITA)"),
        _("Batas waktu izin"),
        _("Selesai (WITA)"),
        _("Nomor izin"),
    ]


def _when(moment: Any) -> str:
    return to_wita(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def archive_rows(apps: Iterable[Application]) -> Iterator[list[Any]]:
    for a in apps:
        try:
            number = a.licence.number
        except Licence.DoesNotExist:
            number = ""
        yield [
            a.registration_number or "",
            str(a.company),
            a.company.nib,
            a.permit_type.code,
            str(a.get_kind_display()),
            str(State(a.state).label),
            STATE_STEP[a.state],
            _when(a.created_at),
            _when(a.submitted_at),
            a.due_date.isoformat() if a.due_date else "",
            _when(a.completed_at),
            number,
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark: spreadsheet programs then read UTF-8
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def xlsx_bytes(sheets: list[tuple[str, list[str], Iterable[list[Any]]]]) -> bytes:
    """One workbook; each sheet (title, header, rows) written in write-only mode."""
    wb = Workbook(write_only=True)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title=title[:31])
        ws.append(header)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
