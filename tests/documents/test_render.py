"""The SOP's PDF documents (WeasyPrint): every kind from a completed application, the blank
forms, the licence's fixed areas, and the Indonesian formats."""

import io
from datetime import UTC, date, datetime

import pytest
import segno
from django.utils import translation
from pypdf import PdfReader

from perizinan.accounts.models import Office
from perizinan.applications.models import Application
from perizinan.demo import new_application, run_forward
from perizinan.documents import render as render_module
from perizinan.documents.kinds.licence import two_columns
from perizinan.documents.registry import DOCUMENTS, build_context, render
from perizinan.documents.render import (
    MM,
    boxes,
    fit_one_page,
    flow_bottom_and_limit,
    format_date,
    format_datetime,
    format_duration,
    format_service_hours,
    format_time,
    render_html,
)
from perizinan.workflow.models import ProcessLogEntry, RecordKind
from perizinan.workflow.services import take_action

MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
BLANK_KINDS = sorted(k for k, spec in DOCUMENTS.items() if spec.blank_allowed)
RECORD_KINDS = sorted(k for k, spec in DOCUMENTS.items() if not spec.blank_allowed)
# The licence's reserved areas in page millimetres: (left, top, width, height).
SIGNATURE_AREA = (110, 222, 80, 30)
NUMBER_STAMP_AREA = (20, 252, 80, 22)


def read(pdf: bytes) -> tuple[str, int]:
    """The PDF's text with whitespace normalised, and its number of pages."""
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def has(text: str, wanted: str) -> bool:
    """`wanted` in the extracted text, also when a line break split it (e.g. after a slash)."""
    return wanted in text or wanted.replace(" ", "") in text.replace(" ", "")


def text_baselines(pdf: bytes) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text run on page 1, in mm from the page's top-left corner."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, font_dict, font_size):  # type: ignore[no-untyped-def]
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x * 25.4 / 72, (height - y) * 25.4 / 72, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def inside(x: float, y: float, area: tuple[float, float, float, float]) -> bool:
    left, top, width, height = area
    return left - 0.5 < x < left + width + 0.5 and top - 0.5 < y < top + height + 0.5


def box_by_id(document, ident: str):  # type: ignore[no-untyped-def]
    for box in boxes(document.pages[0]._page_box):
        element = getattr(box, "element", None)
        if element is not None and box.element_tag != "html" and element.get("id") == ident:
            return box
    raise AssertionError(f"no box #{ident}")


def border_box_mm(box) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    return (
        box.border_box_x() / MM,
        box.border_box_y() / MM,
        box.border_width() / MM,
        box.border_height() / MM,
    )


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def licence_extra(app: Application, *, number: str | None, issued_on: date | None) -> dict:
    url = f"https://perizinan.example/verifikasi/{app.licence.verification_code}"
    return {
        "number": number,
        "issued_on": issued_on,
        "verification_url": url,
        "qr_svg": segno.make(url, error="m").svg_inline(scale=1, border=2),
        "copy_label": "SALINAN UNTUK PEMOHON",
        "signer_name": "H. Muhammad Rizal, SE, MM",
    }


# --- one completed application, every document ------------------------------------------------


@pytest.mark.django_db
def test_every_document_of_a_completed_application(users):
    app = run_forward(new_application(users), users)
    assert app.state == "completed"
    licence = app.licence
    reg = app.registration_number
    registered_on = format_date(app.registered_at)
    assert registered_on.split()[1] in MONTHS.split("|")
    records = {r.kind: r for r in app.records.select_related("log_entry").order_by("id")}

    expected: dict[str, list[str]] = {
        "application_form": [
            "FORMULIR PERMOHONAN IZIN PENYALUR ALAT KESEHATAN",
            "Contoh Medika",
            "1234567890123",
            "01.855.081.4-412.000",
            "Rudi Hartono",
            "6471011501900001",
            "Siti Rahmawati, A.Md.",
            "Alat kesehatan non-elektromedik steril",
            "Spuit, kasa steril, kateter",
            reg,
        ],
        "checklist_form": [
            "FORMULIR CHECKLIST PERSYARATAN",
            "PT Contoh Medika",
            "Centang CS",
            "Berita Acara Pemeriksaan dari Dinas Kesehatan Provinsi",
            "Dewi Anggraini",  # the CS officer who ticked the checklist
            format_datetime(ProcessLogEntry.objects.get(application=app, action="cs_accept").at),
            "Persyaratan yang berlaku: 22",
        ],
        "power_of_attorney_sign": ["SURAT KUASA PENANDATANGANAN", "Rudi Hartono", "PT Contoh Medika", reg],
        "power_of_attorney_handle": ["SURAT KUASA PENGURUSAN", "Rudi Hartono", "mengurus", reg],
        "registration_receipt": [
            "BUKTI TANDA TERIMA BERKAS",
            reg,
            f"{registered_on}, pukul {format_time(app.registered_at)}",
            "PT Contoh Medika",
            "Berkas yang diterima (20 dokumen)",
            "req-29.pdf",
            "7 (tujuh) hari kerja",
            "tidak dipungut biaya (gratis)",
            app.status_code,
            f"GET /api/v1/status/{reg}?code={app.status_code}",
            "/status",
            "Loket Pengambilan",
            "Senin–Kamis 08.00–19.00 WITA, Jumat 08.00–11.00 WITA",
            "Fitri Handayani",
        ],
        "verification_form": [
            "FORM VERIFIKASI",
            reg,
            "Valid — lengkap dan benar",
            "Gilang Ramadhan",
            "Paraf: GR",
            "Rekomendasi teknis Izin Penyalur Alat Kesehatan",
        ],
        "cover_letter": [
            "SURAT PENGANTAR",
            f"{reg}/SP",
            "Kepala Dinas Kesehatan Provinsi Kalimantan Timur",
            "Jl. Kesuma Bangsa No. 28, Samarinda",
            "Rekomendasi teknis Izin Penyalur Alat Kesehatan",
            "20 (dua puluh) berkas",
            "Kepala Bidang Layanan Perizinan",
            "Lina Marlina, SE, MM",
            registered_on,
        ],
        "liaison_receipt": [
            "BUKTI TANDA TERIMA BERKAS DI OPD",
            "Dinas Kesehatan Provinsi Kalimantan Timur",
            "Staf Seksi Farmalkes Dinkes",
            "Hendra Wijaya",
            f"{reg}/SP",
            "WITA",
        ],
        "inspection_report_form": [
            "BERITA ACARA PEMERIKSAAN",
            "DINAS KESEHATAN",
            "PT Contoh Medika",
            "Siti Rahmawati, A.Md.",
            "PJT hadir pada saat pemeriksaan",
            "Tidak sesuai",
            "Kesimpulan",
        ],
        "recommendation_letter": [
            "REKOMENDASI TEKNIS",
            "445/123/Farmalkes",
            "Samarinda, 27 November 2026",
            "PT Contoh Medika",
            "Siti Rahmawati, A.Md.",
            "DIREKOMENDASIKAN",
        ],
        "draft_licence": [
            "DRAF",
            "versi 1",
            "SURAT IZIN PENYALUR ALAT KESEHATAN",
            "PT Contoh Medika",
            "Rudi Hartono",
            "Siti Rahmawati, A.Md.",
            "445/123/Farmalkes",
            "Kepala Seksi Layanan",
            "Ir. Kurniawan",
            "KUR",
            "Lina Marlina, SE, MM",
            "LM",
        ],
        "handover_receipt": [
            "BUKTI SERAH TERIMA IZIN",
            licence.number,
            format_date(licence.issued_on),
            "Rudi Hartono",
            "6471011501900001",
            records[RecordKind.HANDOVER_RECEIPT].data["survey_code"],
            f"/survei/kode/{records[RecordKind.HANDOVER_RECEIPT].data['survey_code']}/",
            "Oki Setiawan",
            "Hak dan kewajiban",
        ],
        "process_control_sheet": [
            "LEMBAR PENGENDALI PROSES",
            reg,
            "Serahkan permohonan",  # the submit action's label
            "Nyatakan lengkap dan benar",
            "Mengunggah dokumen",
            "Dewi Anggraini",
            "Oki Setiawan",
            "Hari H, 10 menit",
            "Rantai hash: utuh",
        ],
    }
    # The fee's receipt belongs to permit types with a fee (PAK has none): read back in
    # tests/workflow/test_second_permit_type.py.
    assert set(expected) | {"licence", "payment_receipt"} == set(DOCUMENTS)

    for kind, wanted in expected.items():
        text, pages = read(render(kind, app))
        missing = [w for w in wanted if not has(text, w)]
        assert not missing, f"{kind}: {missing} not in {text[:2000]}"
        assert f"No. Registrasi: {reg}" in text, kind
        assert pages <= 3, kind

    # The process control sheet has one row per log entry, each with its WITA time.
    entries = ProcessLogEntry.objects.filter(application=app).count()
    text, _ = read(render("process_control_sheet", app))
    assert f"Jumlah entri: {entries}" in text
    assert text.count("WITA") >= entries

    check_licence(app)


def check_licence(app: Application) -> None:
    """The licence: text, one A4 page with or without a number, the empty reserved areas."""
    licence = app.licence
    issued = format_date(licence.issued_on)
    numbered = render(
        "licence", app, **licence_extra(app, number=licence.number, issued_on=licence.issued_on)
    )
    text, pages = read(numbered)
    assert pages == 1
    for wanted in [
        "SURAT IZIN PENYALUR ALAT KESEHATAN",
        f"Nomor: {licence.number} · tanggal {issued}",
        "Undang-Undang Nomor 36 Tahun 2009 tentang Kesehatan",
        # All 14 legal bases of SOP section A, the seed's "191" cited as Permenkes 1191 (issue 13 item 5).
        "Peraturan Pemerintah Nomor 65 Tahun 2005",
        "Peraturan Menteri Kesehatan Nomor 1191/MENKES/PER/VIII/2010 tentang Penyaluran Alat Kesehatan",
        "Peraturan perundang-undangan terkait lainnya",
        "MEMUTUSKAN",
        "Memberikan izin kepada",
        "PT Contoh Medika",
        "01.855.081.4-412.000",
        "1234567890123",
        "Rudi Hartono",
        "Siti Rahmawati, A.Md.",
        "Jl. Jenderal Sudirman No. 1, Balikpapan",
        "Alat kesehatan non-elektromedik steril",
        "445/123/Farmalkes tanggal 27 November 2026",
        "Selama perusahaan menjalankan kegiatan usahanya",
        f"Samarinda, {issued}",
        "KEPALA DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU PROVINSI KALIMANTAN TIMUR",
        "H. Muhammad Rizal, SE, MM",
        "Nomor dan tanggal pengesahan (Tata Usaha):",
        "Pindai untuk verifikasi",
        "SALINAN UNTUK PEMOHON",
    ]:
        assert has(text, wanted), wanted

    unnumbered = render("licence", app, **licence_extra(app, number=None, issued_on=None))
    text, pages = read(unnumbered)
    assert pages == 1
    assert (
        "Nomor: tertera pada cap elektronik Tata Usaha" in text
        and licence.number not in text
        and "Samarinda, ....." in text
    )

    # Nothing is printed inside the areas the signature and the number stamp go into.
    for pdf in (numbered, unnumbered):
        for x, y, run in text_baselines(pdf):
            assert not inside(x, y, SIGNATURE_AREA), f"text in the signature area: {run!r}"
            assert not inside(x, y, NUMBER_STAMP_AREA), f"text in the number stamp area: {run!r}"

    # position: fixed is relative to the page: the boxes sit exactly where the signer expects.

    context = build_context("licence", app, **licence_extra(app, number=licence.number, issued_on=None))
    document = fit_one_page("documents/licence.html", context)
    assert len(document.pages) == 1
    signature = border_box_mm(box_by_id(document, "signature-area"))
    stamp = border_box_mm(box_by_id(document, "number-stamp-area"))
    qr = border_box_mm(box_by_id(document, "qr"))
    signer = border_box_mm(box_by_id(document, "signer-block"))
    assert signature == pytest.approx(SIGNATURE_AREA, abs=0.05)
    assert stamp == pytest.approx(NUMBER_STAMP_AREA, abs=0.05)
    assert not overlap(qr, signature) and not overlap(qr, stamp) and not overlap(signature, stamp)
    assert qr[1] + qr[3] < 290  # on the page, above the footer
    bottom, limit = flow_bottom_and_limit(document.pages[0])
    assert limit is not None and bottom < limit <= signer[1] + 0.05 < signature[1]

    # Long data still fits on one page, clear of the reserved areas (tighter text).
    Application.objects.filter(pk=app.pk).update(
        device_categories=[
            f"Kategori alat kesehatan nomor {i} dengan nama yang panjang sekali" for i in range(9)
        ]
    )
    app.refresh_from_db()
    crowded = render("licence", app, **licence_extra(app, number=licence.number, issued_on=licence.issued_on))
    assert read(crowded)[1] == 1
    for x, y, run in text_baselines(crowded):
        assert not inside(x, y, SIGNATURE_AREA) and not inside(x, y, NUMBER_STAMP_AREA), run


@pytest.mark.parametrize("start", [0, 1, 2])
@pytest.mark.parametrize("fitting_from", [0, 1, 2, 3])  # 3: no density fits
def test_one_page_fit_is_the_loosest_density_that_fits_wherever_the_search_starts(
    monkeypatch, start, fitting_from
):
    laid_out: list[int] = []
    monkeypatch.setattr(render_module, "render_html", lambda template, context: context["density"])
    monkeypatch.setattr(render_module, "layout", lambda html, forms=False: laid_out.append(html) or html)
    monkeypatch.setattr(render_module, "_fits", lambda density: density >= fitting_from)
    monkeypatch.setitem(render_module._LAST_FIT, "some.html", start)
    assert fit_one_page("some.html", {}) == min(fitting_from, 2)  # the tightest when none fits
    assert len(laid_out) == len(set(laid_out))  # no density laid out twice
    assert render_module._LAST_FIT["some.html"] == min(fitting_from, 2)  # the next search starts there


def test_a_long_list_of_legal_bases_is_cut_into_two_numbered_lists_of_about_the_same_height():
    items = ["Undang-Undang " + "panjang " * 20] * 3 + ["Peraturan pendek"] * 9
    left, right = two_columns(items)
    assert left["bases"] + right["bases"] == items  # nothing lost, order kept
    assert (left["start"], right["start"]) == (1, len(left["bases"]) + 1)  # numbering goes on
    assert len(left["bases"]) == 3  # three long items weigh as much as nine short ones


# --- blank forms, errors, formats ------------------------------------------------------------


@pytest.mark.django_db
def test_letterhead_place_and_office_come_from_the_office_record(users):
    """Issue 14: the office's name, address and officials are the office record's, not code's."""
    office = Office.current()
    office.full_name = "Dinas Perizinan Kota Contoh"
    office.address = "Jl. Contoh No. 1, Kota Contoh"
    office.government = "PEMERINTAH KOTA CONTOH"
    office.save()
    text, _pages = read(render("power_of_attorney_handle"))
    assert "PEMERINTAH KOTA CONTOH" in text and "Jl. Contoh No. 1, Kota Contoh" in text
    assert has(text, "pada Dinas Perizinan Kota Contoh") and "Kalimantan Timur" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BLANK_KINDS)
def test_blank_forms(kind):
    with translation.override("en"):  # documents are Indonesian whatever the active language
        text, pages = read(render(kind))
    assert DOCUMENTS[kind].title.upper() in text.upper()
    assert "PEMERINTAH PROVINSI KALIMANTAN TIMUR" in text
    assert "Hal. 1 dari" in text
    assert "Contoh Medika" not in text and "No. Registrasi" not in text
    if kind == "checklist_form":
        assert pages == 2
        for wanted in ["Perusahaan PMA", "Penyalur alkes elektromedik radiasi", "Mempekerjakan teknisi",
                       "Permohonan diurus oleh kuasa", "Ditandatangani oleh selain direktur",
                       "Permohonan Pergantian PJT", "dihasilkan pada langkah 10",
                       "Surat Kuasa Penandatanganan"]:  # fmt: skip
            assert wanted in text, wanted
    if kind == "application_form":
        assert pages == 1
        assert "Milik sendiri" in text and "Perubahan / addendum" in text and "Pergantian PJT" in text
    if kind == "inspection_report_form":
        assert "DINAS KESEHATAN" in text and "Sesuai" in text and "Tidak sesuai" in text


@pytest.mark.django_db
def test_unknown_kind_and_missing_application():
    with pytest.raises(KeyError):
        render("no_such_document")
    for kind in RECORD_KINDS:
        with pytest.raises(ValueError):
            render(kind)


@pytest.mark.django_db
def test_documents_before_their_step_and_escaping(users, application_data):
    application_data["company"]["name"] = "Contoh <b>Medika</b> & Rekan"
    app = new_application(users, data=application_data)
    text, pages = read(render("application_form", app))
    assert "Contoh <b>Medika</b> & Rekan" in text  # escaped, not markup
    assert pages == 1
    html = render_html("documents/application_form.html", {"doc_title": "x", "company": {"name": "<i>x</i>"}})
    assert "&lt;i&gt;x&lt;/i&gt;" in html and "<i>x</i>" not in html
    for kind in ["registration_receipt", "verification_form", "handover_receipt", "draft_licence"]:
        with pytest.raises(ValueError):
            render(kind, app)


@pytest.mark.django_db
def test_verification_form_of_a_return(users):
    app = new_application(users)
    path = [
        ("applicant", "submit", {}),
        ("cs", "cs_accept", {"confirm_all": True}),
        ("registration", "register", {}),
        ("verifier", "verify_return", {"reason": "Salinan KTP direktur tidak terbaca"}),
    ]
    for actor, action, data in path:
        app = Application.objects.select_related("permit_type", "company").get(pk=app.pk)
        take_action(application=app, name=action, by=users[actor], data=data, files={})
    text, _ = read(render("verification_form", app))
    assert "Salinan KTP direktur tidak terbaca" in text and "Gilang Ramadhan" in text
    assert "Riwayat verifikasi" not in text
    with pytest.raises(ValueError):
        render("cover_letter", app)


def test_indonesian_formats():
    late_evening_utc = datetime(2026, 11, 27, 16, 30, tzinfo=UTC)  # 28 Nov 00.30 in WITA
    assert format_date(late_evening_utc) == "28 November 2026"
    assert format_time(late_evening_utc) == "00.30 WITA"
    assert format_datetime(late_evening_utc) == "28 November 2026, 00.30 WITA"
    assert format_date(date(2027, 1, 5)) == "5 Januari 2027"
    assert format_date("2026-08-17") == "17 Agustus 2026"
    assert format_date(None) == "" and format_time(None) == ""
    assert format_duration(7500) == "2 jam 5 mnt"
    assert format_duration(40) == "40 dtk"
    assert format_duration(90000) == "1 hari 1 jam"
    assert format_duration(None) == ""
    hours = {"0": ["08:00", "19:00"], "1": ["08:00", "19:00"], "2": ["08:00", "19:00"], "3": ["08:00", "19:00"],
             "4": ["08:00", "11:00"]}  # fmt: skip
    assert format_service_hours(hours) == "Senin–Kamis 08.00–19.00 WITA, Jumat 08.00–11.00 WITA"
