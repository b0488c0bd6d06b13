"""The IKM report as an XLSX workbook (openpyxl) and as the printable PDF (WeasyPrint)."""

from io import BytesIO
from typing import Any

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from perizinan.accounts.models import Office
from perizinan.documents.render import render_pdf

from .ikm import GRADES, IkmResult
from .selectors import GROUP_TITLES, IkmReport

BOLD = Font(bold=True)
FLAG = PatternFill("solid", fgColor="FFF3CD")


def _title(report: IkmReport) -> str:
    service = f" – {report.permit_type.code}" if report.permit_type else ""
    return f"IKM {report.start:%d-%m-%Y} s.d. {report.end:%d-%m-%Y}{service}"


def _header(ws: Worksheet, row: list[str]) -> None:
    ws.append(row)
    for cell in ws[ws.max_row]:
        cell.font = BOLD


def _summary_row(label: str, r: IkmResult) -> list[Any]:
    return [
        label,
        r.respondents,
        float(r.ikm) if r.ikm is not None else None,
        r.grade or "",
        str(r.performance or ""),
    ]


def xlsx_bytes(report: IkmReport) -> bytes:
    """Sheets: Ringkasan (IKM, sample), Unsur (NRR per element, flagged), Layanan, Responden, Pengaduan."""
    with translation.override("id"):
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Ringkasan"
        r = report.result
        ws.append(["Laporan Survei Kepuasan Masyarakat (PermenPAN-RB 14/2017)"])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append(["Periode", f"{report.start:%d-%m-%Y}", f"{report.end:%d-%m-%Y}"])
        ws.append(["Layanan", report.permit_type.name if report.permit_type else "Semua layanan"])
        ws.append(["Jumlah responden", r.respondents])
        ws.append(["Populasi (penerima layanan)", report.population])
        ws.append(["Sampel minimum (Krejcie–Morgan)", report.minimum_sample])
        ws.append(["IKM", float(r.ikm) if r.ikm is not None else None])
        ws.append(["Mutu pelayanan", r.grade or "-"])
        ws.append(["Kinerja unit pelayanan", str(r.performance or "-")])
        ws.column_dimensions["A"].width = 34
        ws.column_dimensions["B"].width = 16

        el = wb.create_sheet("Unsur")
        _header(
            el,
            [
                "Kode",
                "Unsur",
                "Jumlah jawaban",
                "NRR",
                "NRR tertimbang (1/9)",
                "Nilai konversi (x25)",
                "Mutu",
                "Perlu tindak lanjut",
            ],
        )
        for s in r.elements:
            el.append([
                s.element.code, str(s.element.name), s.count, float(s.nrr), float(s.weighted),
                float(s.converted), s.grade if s.count else "", "Ya" if s.flagged else "",
            ])  # fmt: skip
            if s.flagged:
                for cell in el[el.max_row]:
                    cell.fill = FLAG
        el.column_dimensions["B"].width = 40

        sv = wb.create_sheet("Layanan")
        _header(sv, ["Layanan", "Responden", "IKM", "Mutu", "Kinerja"])
        for b in report.by_permit_type:
            sv.append(_summary_row(b.label, b.result))

        rs = wb.create_sheet("Responden")
        _header(rs, ["Kelompok", "Nilai", "Responden", "IKM", "Mutu", "Kinerja"])
        for name, rows in report.by_group.items():
            for b in rows:
                rs.append([str(GROUP_TITLES[name]), *_summary_row(b.label, b.result)])

        cp = wb.create_sheet("Pengaduan")
        c = report.complaints
        cp.append(["Pengaduan diterima", c["total"]])
        cp.append(["Dijawab", c["answered"]])
        cp.append(["Dijawab tepat waktu", c["answered_on_time"]])
        cp.append(["Melewati batas waktu, belum dijawab", c["overdue"]])
        for label, n in c["by_status"]:
            cp.append([f"Status: {label}", n])
        for label, n in c["by_category"]:
            cp.append([f"Kategori: {label}", n])
        out = BytesIO()
        wb.save(out)
        return out.getvalue()


def pdf_bytes(report: IkmReport) -> bytes:
    """The printed report with the office's letterhead (rendered in Indonesian)."""
    office = Office.current()
    return render_pdf(
        "feedback/report_pdf.html",
        {
            "doc_title": "Laporan Survei Kepuasan Masyarakat",
            "report": report,
            "r": report.result,
            "group_titles": GROUP_TITLES,
            "grades": GRADES,
            "office": office,
            "title": _title(report),
        },
    )


def filename(report: IkmReport, ext: str) -> str:
    service = f"-{report.permit_type.code}" if report.permit_type else ""
    return f"ikm-{report.start:%Y%m%d}-{report.end:%Y%m%d}{service}.{ext}"
