"""The feedback pages with Django's test client: survey, kiosk, complaints, officer pages, the IKM report."""

from datetime import date
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from perizinan.catalog.models import PermitType
from perizinan.feedback import services
from perizinan.feedback.models import (
    Complaint,
    ComplaintChannel,
    ComplaintStatus,
    SurveyChannel,
    SurveyResponse,
)
from perizinan.feedback.selectors import ikm_report, semester_of
from perizinan.workdays.calendar import today_wita

from .conftest import ANSWERS

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def test_survey_page_by_code_then_the_code_is_used(client, handed_over):
    app_id, code = handed_over
    page = client.get(f"/survei/kode/{code}/")
    assert page.status_code == 200 and code.encode() in page.content
    assert b"Bagaimana pendapat Saudara tentang kesesuaian persyaratan" in page.content
    r = client.post(f"/survei/kode/{code}/", {**ANSWERS, "sex": "male", "comment": "Baik"})
    assert r.status_code == 302
    saved = SurveyResponse.objects.get()
    assert (saved.survey_code, saved.channel, saved.application_id) == (code, SurveyChannel.CODE, app_id)
    again = client.get(f"/survei/kode/{code}/")
    assert b"sudah diisi" in again.content
    assert client.post(f"/survei/kode/{code}/", ANSWERS).status_code == 409
    assert SurveyResponse.objects.count() == 1


def test_typed_code_redirects_and_unknown_code_is_404(client, users):
    assert client.get("/survei/?kode=ab cd").url == "/survei/kode/ABCD/"
    assert client.get("/survei/kode/ABCD/").status_code == 404


def test_missing_answers_are_named_on_the_page(client, users):
    r = client.post("/survei/", {k: v for k, v in ANSWERS.items() if k != "u5"})
    assert r.status_code == 422
    assert b"Pilih salah satu jawaban untuk U5" in r.content
    assert not SurveyResponse.objects.exists()


def test_kiosk_takes_one_respondent_after_another(client, users):
    for _ in range(3):
        r = client.post("/survei/kios/", ANSWERS)
        assert r.status_code == 302 and "/survei/kios/terima-kasih/" in r.url
        thanks = client.get(r.url)
        assert b'data-kiosk-return="/survei/kios/"' in thanks.content
    assert SurveyResponse.objects.filter(channel=SurveyChannel.KIOSK).count() == 3


def test_low_answer_offers_a_complaint_on_the_thanks_page(client, users, categories):
    r = client.post("/survei/", {**ANSWERS, "u9": "1"})
    response = SurveyResponse.objects.get()
    thanks = client.get(r.url)
    assert f"/pengaduan/?survei={response.reference}".encode() in thanks.content
    form = client.get(f"/pengaduan/?survei={response.reference}")
    assert response.reference.encode() in form.content


def test_complaint_form_to_tracking_page(client, users, categories):
    r = client.post(
        "/pengaduan/",
        {
            "category": categories["biaya"].pk,
            "description": "Diminta biaya di luar ketentuan.",
            "email": "w@example.id",
        },
    )
    assert r.status_code == 302
    complaint = Complaint.objects.get()
    assert r.url == f"/pengaduan/lacak/{complaint.tracking_code}/?baru=1"
    page = client.get(r.url)
    assert complaint.tracking_code.encode() in page.content and b"Diterima" in page.content
    assert client.get(f"/pengaduan/lacak/?kode={complaint.tracking_code.lower()}").status_code == 302
    assert client.get("/pengaduan/lacak/NOTACODE00/").status_code == 404


def test_complaint_form_needs_a_contact(client, users, categories):
    r = client.post(
        "/pengaduan/", {"category": categories["biaya"].pk, "description": "Tanpa kontak apa pun."}
    )
    assert r.status_code == 422 and b"Isi e-mail atau nomor telepon" in r.content


def test_officer_pages_edges(users, categories):
    services.file_complaint(
        channel=ComplaintChannel.WEB,
        category=categories["waktu"],
        description="Lama sekali.",
        phone="081255551234",
    )
    pk = Complaint.objects.get().pk
    anonymous = Client()
    for path in (
        "/petugas/pengaduan/",
        f"/petugas/pengaduan/{pk}/",
        "/petugas/ikm/",
        "/petugas/ikm/laporan-ikm.xlsx",
    ):
        r = anonymous.get(path)
        assert r.status_code == 302 and "/akun/masuk/" in r.url
    for role in ("applicant", "verifier", "technical_team"):
        assert logged_in(users[role]).get("/petugas/pengaduan/").status_code == 403
        assert logged_in(users[role]).get("/petugas/ikm/").status_code == 403
    assert logged_in(users["cs"]).get("/petugas/ikm/").status_code == 403
    assert logged_in(users["cs"]).get("/petugas/pengaduan/999999/").status_code == 404
    assert logged_in(users["cs"]).post("/petugas/pengaduan/").status_code == 405
    assert logged_in(users["cs"]).get(f"/petugas/pengaduan/{pk}/tugaskan/").status_code == 405


def test_officers_handle_a_complaint_from_the_suggestion_box(users, categories):
    cs = logged_in(users["cs"])
    r = cs.post(
        "/petugas/pengaduan/baru/",
        {
            "channel": "box",
            "received_on": "2026-11-30",
            "category": categories["sarana"].pk,
            "description": "Ruang tunggu panas, AC mati.",
            "phone": "081255551234",
        },
    )
    assert r.status_code == 302, r.content
    c = Complaint.objects.get()
    assert (c.channel, c.registered_by) == ("box", users["cs"])
    head = logged_in(users["section_head"])
    assert (
        head.post(f"/petugas/pengaduan/{c.pk}/tugaskan/", {"assigned_to": users["helpdesk"].pk}).status_code
        == 302
    )
    # Only the assigned officer (or a head) answers.
    assert cs.post(f"/petugas/pengaduan/{c.pk}/jawab/", {"answer": "AC sudah diperbaiki."}).status_code == 403
    helpdesk = logged_in(users["helpdesk"])
    assert helpdesk.post(f"/petugas/pengaduan/{c.pk}/jawab/", {"answer": ""}).status_code == 422
    assert (
        helpdesk.post(f"/petugas/pengaduan/{c.pk}/jawab/", {"answer": "AC sudah diperbaiki."}).status_code
        == 302
    )
    assert (
        helpdesk.post(f"/petugas/pengaduan/{c.pk}/jawab/", {"answer": "Sekali lagi dijawab."}).status_code
        == 409
    )
    assert helpdesk.post(f"/petugas/pengaduan/{c.pk}/tutup/", {}).status_code == 302
    c.refresh_from_db()
    assert c.status == ComplaintStatus.CLOSED
    page = Client().get(f"/pengaduan/lacak/{c.tracking_code}/")
    assert b"AC sudah diperbaiki." in page.content
    listing = helpdesk.get("/petugas/pengaduan/?mine=1")
    assert c.tracking_code.encode() in listing.content


def _responses(client) -> None:  # type: ignore[no-untyped-def]
    client.post("/survei/", {**ANSWERS, "permit_type": "", "sex": "female"})
    client.post("/survei/", {**dict.fromkeys(ANSWERS, "4"), "sex": "male"})


def test_report_page_xlsx_and_pdf(client, users, categories):
    # Two respondents: all 3 and all 4: NRR 3.5 everywhere, IKM 3.5 x 25 = 87.50 (B, Baik).
    _responses(client)
    head = logged_in(users["office_head"])
    page = head.get("/petugas/ikm/")
    assert page.status_code == 200
    assert b"87,50" in page.content and b"ikm-chart-data" in page.content
    assert b"Jenis kelamin" in page.content
    xlsx = head.get("/petugas/ikm/laporan-ikm.xlsx")
    assert xlsx.status_code == 200 and "attachment" in xlsx["Content-Disposition"]
    wb = load_workbook(BytesIO(xlsx.content))
    summary = {row[0]: row[1] for row in wb["Ringkasan"].iter_rows(values_only=True)}
    assert summary["IKM"] == 87.5 and summary["Mutu pelayanan"] == "B" and summary["Jumlah responden"] == 2
    assert [r[3] for r in wb["Unsur"].iter_rows(min_row=2, values_only=True)] == [3.5] * 9
    pdf = head.get("/petugas/ikm/laporan-ikm.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in text.upper()
    assert "87,50" in text and "Baik" in text and "Krejcie" in text


def test_report_bad_period_is_422(users):
    head = logged_in(users["supervisor"])
    assert head.get("/petugas/ikm/?start=2026-12-31&end=2026-01-01").status_code == 422
    assert head.get("/petugas/ikm/laporan-ikm.pdf?start=bad").status_code == 422


def test_survey_page_in_english(client, users):
    client.cookies["django_language"] = "en"
    page = client.get("/survei/")
    assert b"How well do the service requirements match the kind of service?" in page.content
    assert b"Very appropriate" in page.content and b"Send survey" in page.content


def test_tracking_page_limits_guessing(client, users):
    for _ in range(30):
        assert client.get("/pengaduan/lacak/GUESS00000/").status_code == 404
    r = client.get("/pengaduan/lacak/GUESS00001/")
    assert r.status_code == 429 and r["Retry-After"] and b"Terlalu banyak" in r.content


def test_report_breakdowns_per_group_and_service_in_constant_queries(
    client, users, django_assert_max_num_queries
):
    # Women answer all 3 (IKM 75.00, C), men all 4 (100.00, A); one man names no service.
    pak = PermitType.objects.get(code="PAK").pk
    client.post("/survei/", {**ANSWERS, "sex": "female", "permit_type": pak})
    client.post("/survei/", {**dict.fromkeys(ANSWERS, "4"), "sex": "male"})
    start, end = semester_of(today_wita())
    report = ikm_report(start, end)
    sex = {b.label: (str(b.result.ikm), b.result.grade) for b in report.by_group["sex"]}
    assert sex == {"Laki-laki": ("100.00", "A"), "Perempuan": ("75.00", "C")}
    assert [b.label for b in report.by_permit_type] == ["PAK", "Tidak disebutkan"]
    head = logged_in(users["supervisor"])
    with django_assert_max_num_queries(30):
        assert head.get("/petugas/ikm/").status_code == 200
    for _ in range(20):
        client.post("/survei/", {**ANSWERS, "education": "s1", "occupation": "private", "age_group": "25_34"})
    with django_assert_max_num_queries(30):
        assert head.get("/petugas/ikm/").status_code == 200


def test_staff_cannot_date_a_complaint_in_the_future(users, categories):
    tomorrow = today_wita().toordinal() + 1
    r = logged_in(users["cs"]).post(
        "/petugas/pengaduan/baru/",
        {
            "channel": "phone",
            "received_on": date.fromordinal(tomorrow).isoformat(),
            "category": categories["sarana"].pk,
            "description": "Telepon: parkir penuh setiap pagi.",
            "phone": "081255551234",
        },
    )
    assert r.status_code == 422 and b"masa depan" in r.content
    assert not Complaint.objects.exists()


def test_demo_feedback_command_is_idempotent(users, categories, settings):
    settings.DEBUG = True
    call_command("seed_feedback_demo", responses=12, stdout=StringIO())
    call_command("seed_feedback_demo", responses=12, stdout=StringIO())
    assert SurveyResponse.objects.count() == 12 and Complaint.objects.count() == 3
    start, end = semester_of(today_wita())
    assert ikm_report(start, end).result.ikm is not None


def test_officers_find_the_pages_from_their_workspace(users):
    assert b'href="/petugas/pengaduan/"' in logged_in(users["cs"]).get("/petugas/").content
    assert b'href="/petugas/pengaduan/"' not in logged_in(users["verifier"]).get("/petugas/").content
    supervision = logged_in(users["supervisor"]).get("/petugas/pengawasan/").content
    assert b'href="/petugas/ikm/"' in supervision and b'href="/petugas/pengaduan/"' in supervision


def test_report_offers_the_recent_semesters(users):
    start, end = semester_of(today_wita())
    page = logged_in(users["supervisor"]).get("/petugas/ikm/").content.decode()
    assert f'href="?start={start:%Y-%m-%d}&amp;end={end:%Y-%m-%d}"' in page and 'aria-current="page"' in page
    assert page.count("Semester I") >= 4  # "Semester I" and "Semester II" links, four in all
