"""The report pages: who may open them, bad input, and what they show of the hand-counted history."""

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from .conftest import OCTOBER

pytestmark = pytest.mark.django_db

HEAD_PAGES = [
    "/petugas/dasbor/",
    "/petugas/kinerja/rekap-unit.pdf",
    "/petugas/rekap-tahunan/",
    "/petugas/rekap-tahunan/rekap.pdf",
    "/petugas/rekap-tahunan/rekap.xlsx",
]
OFFICER_PAGES = [
    "/petugas/arsip/",
    "/petugas/arsip/arsip-permohonan.csv",
    "/petugas/arsip/arsip-permohonan.xlsx",
    "/petugas/kinerja/",
]


def as_(users, username: str) -> Client:
    c = Client()
    c.force_login(users[username])
    return c


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


def body(r) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(r.streaming_content) if r.streaming else r.content


@pytest.mark.parametrize("url", [*HEAD_PAGES, *OFFICER_PAGES, "/petugas/kinerja/cs.pdf"])
def test_anonymous_goes_to_login(client, url):
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith("/akun/masuk/")


@pytest.mark.parametrize("url", HEAD_PAGES)
@pytest.mark.parametrize("username", ["cs", "verifier", "registry", "technical_team", "applicant"])
def test_head_pages_refuse_other_roles(users, url, username):
    assert as_(users, username).get(url).status_code == 403


@pytest.mark.parametrize("url", OFFICER_PAGES)
def test_officer_pages_refuse_applicants(users, url):
    assert as_(users, "applicant").get(url).status_code == 403


@pytest.mark.parametrize("url", [*HEAD_PAGES, *OFFICER_PAGES])
def test_wrong_method_is_405(users, url):
    assert as_(users, "office_head").post(url).status_code == 405


@pytest.mark.parametrize("username", ["section_head", "division_head", "office_head", "supervisor"])
def test_heads_land_on_the_dashboard(users, username):
    r = as_(users, username).get("/")
    assert r.status_code == 302 and r["Location"] == "/petugas/dasbor/"
    assert as_(users, username).get("/petugas/dasbor/").status_code == 200


def test_other_officers_still_land_on_their_inbox(users):
    assert as_(users, "cs").get("/")["Location"] == "/petugas/"


def test_another_officers_performance_pdf_is_404_for_an_officer(users):
    assert as_(users, "cs").get("/petugas/kinerja/verifier.pdf").status_code == 404
    assert as_(users, "cs").get("/petugas/kinerja/nobody.pdf").status_code == 404
    assert as_(users, "office_head").get("/petugas/kinerja/verifier.pdf").status_code == 200


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/petugas/dasbor/?from=2026-02-31", "from"),
        ("/petugas/dasbor/?kind=renewal", "kind"),
        ("/petugas/arsip/?state=lost", "state"),
        ("/petugas/arsip/?sort=password", "sort"),
        ("/petugas/kinerja/?semester=3", "semester"),
        ("/petugas/rekap-tahunan/?year=abc", "year"),
    ],
)
def test_bad_filters_are_400_naming_the_field(users, url, field):
    r = as_(users, "office_head").get(url)
    assert r.status_code == 400
    assert f"<strong>{field}</strong>".encode() in r.content


def test_bad_export_filter_is_400_naming_the_field(users):
    r = as_(users, "cs").get("/petugas/arsip/arsip-permohonan.csv?to=tomorrow")
    assert r.status_code == 400 and r.content.decode().startswith("to:")


def test_dashboard_shows_the_hand_count(users, history):
    c = as_(users, "office_head")
    r = c.get("/petugas/dasbor/", OCTOBER)
    html = r.content.decode()
    assert r.status_code == 200
    assert "67%" in html and "(2/3)" in html  # issued within the limit
    assert history["E"].registration_number in html  # the overdue list
    assert "Petugas Pemrosesan (Verifikasi)" in html  # ... and who holds it
    assert "Salah ketik alamat" in html  # a return reason
    assert html.count('class="report-chart"') == 6  # every chart has its canvas ...
    assert html.count("<caption>") >= 6  # ... and its table
    mine = c.get("/petugas/dasbor/", {**OCTOBER, "scope": "mine"}).content.decode()
    assert history["E"].registration_number not in mine  # step 7 does not wait for the office head


def test_archive_lists_every_state_filters_and_exports(users, history):
    c = as_(users, "verifier")
    html = c.get("/petugas/arsip/").content.decode()
    for name in "ABCEF":
        assert history[name].registration_number in html  # completed and declined ones included
    declined = c.get("/petugas/arsip/", {"state": "declined"}).content.decode()
    assert history["C"].registration_number in declined and history["A"].registration_number not in declined
    overdue = c.get("/petugas/arsip/", {"overdue": "1"}).content.decode()
    assert history["E"].registration_number in overdue and history["A"].registration_number not in overdue
    company = history["B"].company.name
    assert history["B"].registration_number in c.get("/petugas/arsip/", {"company": company}).content.decode()
    rows = list(
        csv.reader(
            io.StringIO(
                body(c.get("/petugas/arsip/arsip-permohonan.csv", {"sort": "registration"})).decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert [r[0] for r in rows[1:]] == sorted(history[n].registration_number for n in "ABCEF")
    book = load_workbook(
        io.BytesIO(body(c.get("/petugas/arsip/arsip-permohonan.xlsx", {"state": "completed"})))
    )
    sheet = book.worksheets[0]
    assert sheet.max_row == 1 + 3  # header + A, B, F
    assert {row[11] for row in sheet.iter_rows(min_row=2, values_only=True)} == {
        history[n].licence.number for n in "ABF"
    }


def test_staff_pages_and_pdfs(users, history):
    own = as_(users, "verifier").get("/petugas/kinerja/", {"year": 2026, "semester": 2}).content.decode()
    assert "Gilang Ramadhan" in own and "Ir. Kurniawan" not in own  # an officer sees only their own
    unit = as_(users, "section_head").get("/petugas/kinerja/", {"year": 2026, "semester": 2}).content.decode()
    assert "Gilang Ramadhan" in unit and "Ir. Kurniawan" in unit
    pdf = as_(users, "verifier").get("/petugas/kinerja/verifier.pdf", {"year": 2026, "semester": 2})
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Gilang Ramadhan" in text and "Semester 2 tahun 2026" in text
    assert "75% (1 terlambat dari 4)" in text
    unit_pdf = as_(users, "office_head").get("/petugas/kinerja/rekap-unit.pdf", {"year": 2026, "semester": 2})
    text = pdf_text(unit_pdf.content)
    assert "Ir. Kurniawan" in text and "Rekap Kinerja Pegawai".upper() in text.upper()


def test_yearly_summary_pdf_and_xlsx(users, history):
    c = as_(users, "division_head")
    html = c.get("/petugas/rekap-tahunan/", {"year": 2026}).content.decode()
    assert "67% (2/3)" in html
    pdf = c.get("/petugas/rekap-tahunan/rekap.pdf", {"year": 2026})
    text = pdf_text(pdf.content)
    assert "Tahun 2026" in text, text
    assert "67% (2/3)" in text, text
    assert "6,0" in text, text  # mean working days, written the Indonesian way
    book = load_workbook(io.BytesIO(c.get("/petugas/rekap-tahunan/rekap.xlsx", {"year": 2026}).content))
    year_row = next(book.worksheets[0].iter_rows(min_row=2, max_row=2, values_only=True))
    assert year_row[:7] == ("2026", 5, 5, 3, 1, 1, 2)
    months = dict(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert months["2026-10"] == 3 and sum(months.values()) == 3
