"""Satisfaction survey and complaints in the browser: the survey by the receipt's code, the kiosk,
the complaint web form followed to its answer by the tracking code, and the IKM report with its
charts and downloads. axe-core runs on every page (Visitor.goto / axe)."""

import importlib
import threading
from io import BytesIO
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from openpyxl import load_workbook
from pypdf import PdfReader

from perizinan.feedback.models import Complaint, SurveyChannel, SurveyResponse
from perizinan.workflow.models import RecordKind, StepRecord
from tests.helpers import create_complete, run_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def categories(users):  # type: ignore[no-untyped-def]
    importlib.import_module("perizinan.feedback.migrations.0002_complaint_categories").seed(apps, None)


def answer_all(page, answers: list[int]) -> None:  # type: ignore[no-untyped-def]
    for i, value in enumerate(answers, start=1):
        page.locator(f"#id_u{i}_{value - 1}").check()


def handed_over(api, application_data) -> int:  # type: ignore[no-untyped-def]
    """An application taken to the handover (step 16) through the API. In a thread of its own:
    the signature step runs asyncio, which cannot start inside Playwright's running loop."""
    done: list[int] = []

    def work() -> None:
        try:
            app_id = create_complete(api, application_data)
            run_until(api, app_id, stop_before="confirm_receipt")
            done.append(app_id)
        finally:
            connection.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert done, "the application did not reach the handover"
    return done[0]


def test_survey_by_the_code_on_the_handover_receipt(visit, api, application_data):
    app_id = handed_over(api, application_data)
    code = StepRecord.objects.get(application_id=app_id, kind=RecordKind.HANDOVER_RECEIPT).number

    v = visit()
    v.goto("/survei/")
    page = v.page
    page.get_by_label("Kode survei (opsional)").fill(code.lower())
    answer_all(page, [4, 4, 3, 4, 3, 4, 4, 3, 4])
    # Without the code in the URL, the typed code still links the answer to the application.
    page.get_by_label("Jenis kelamin").select_option("female")
    page.get_by_role("button", name="Kirim survei").click()
    page.wait_for_url("**/survei/terima-kasih/**")
    v.axe()
    assert page.get_by_role("heading", level=1).inner_text() == "Terima kasih atas pendapat Anda"
    saved = SurveyResponse.objects.get()
    assert (saved.survey_code, saved.application_id, saved.sex) == (code, app_id, "female")

    # The code's own page now says it was used, and sends nothing more.
    v.goto(f"/survei/kode/{code}/")
    assert "sudah diisi" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Kirim survei").count() == 0


def test_survey_errors_are_named_and_the_code_page(visit, users):
    v = visit()
    v.goto("/survei/")
    page = v.page
    answer_all(page, [3, 3, 3, 3])  # U5..U9 left out
    page.get_by_role("button", name="Kirim survei").click()
    page.wait_for_load_state()
    v.axe()
    summary = page.locator("[data-error-summary]").inner_text()
    assert "Pilih salah satu jawaban untuk U5" in summary and "U9" in summary
    assert SurveyResponse.objects.count() == 0


def test_kiosk_takes_respondents_one_after_another_and_offers_a_complaint(visit, categories):
    v = visit(width=1024)
    v.goto("/survei/kios/")
    page = v.page
    answer_all(page, [3, 3, 1, 3, 3, 3, 3, 3, 3])
    page.get_by_role("button", name="Kirim survei").click()
    page.wait_for_url("**/survei/kios/terima-kasih/**")
    v.axe()
    assert "Waktu penyelesaian" in page.locator("main").inner_text()  # the element answered 1
    page.get_by_role("link", name="Responden berikutnya").click()
    page.wait_for_url("**/survei/kios/")
    v.axe()
    assert page.locator("#id_u1_0").is_checked() is False  # an empty form for the next person
    answer_all(page, [4] * 9)
    page.get_by_role("button", name="Kirim survei").click()
    page.wait_for_url("**/survei/kios/terima-kasih/**")
    assert SurveyResponse.objects.filter(channel=SurveyChannel.KIOSK).count() == 2


def test_complaint_web_form_followed_to_its_answer(visit, users, categories):
    public = visit()
    public.goto("/pengaduan/")
    page = public.page
    page.get_by_label("Kategori").select_option(label="Biaya/pungutan")
    page.get_by_label("Isi pengaduan").fill("Saya diminta membayar biaya di luar ketentuan di loket.")
    page.get_by_role("button", name="Kirim pengaduan").click()
    page.wait_for_load_state()
    public.axe()
    assert "Isi e-mail atau nomor telepon" in page.locator("[data-error-summary]").inner_text()
    page.get_by_label("Nomor telepon/HP").fill("0812 5555 1234")
    page.get_by_role("button", name="Kirim pengaduan").click()
    page.wait_for_url("**/pengaduan/lacak/**")
    public.axe()
    code = page.locator(".tracking-code").inner_text()
    assert code == Complaint.objects.get().tracking_code
    assert "Diterima" in page.locator("main").inner_text()

    head = visit("section_head")
    head.goto("/petugas/pengaduan/")
    head.page.get_by_role("link", name=code).click()
    head.page.wait_for_load_state()
    head.axe()
    head.page.locator("#id_assigned_to").select_option(value=str(users["helpdesk"].pk))
    head.page.get_by_label("Unit tujuan").fill("Seksi Pelayanan")
    head.page.get_by_role("button", name="Tugaskan").click()
    head.page.wait_for_load_state()
    assert "Diproses" in head.page.locator("main").inner_text()

    officer = visit("helpdesk")
    officer.goto("/petugas/pengaduan/?mine=1")
    officer.page.get_by_role("link", name=code).click()
    officer.page.wait_for_load_state()
    officer.axe()
    officer.page.get_by_label("Jawaban kepada pengadu").fill(
        "Tidak ada biaya untuk izin ini; petugas telah ditegur."
    )
    officer.page.get_by_role("button", name="Kirim jawaban").click()
    officer.page.wait_for_load_state()
    officer.axe()

    later = visit()
    later.goto("/pengaduan/lacak/")
    later.page.get_by_role("textbox", name="Kode pelacakan").fill(code.lower())
    later.page.get_by_role("button", name="Lacak").click()
    later.page.wait_for_url(f"**/pengaduan/lacak/{code}/")
    later.axe()
    text = later.page.locator("main").inner_text()
    assert "Dijawab" in text and "Tidak ada biaya untuk izin ini; petugas telah ditegur." in text


def test_the_supervisor_reads_the_semester_report_and_downloads_it(visit, api, users):
    for answers in ({f"u{i}": 3 for i in range(1, 10)}, {f"u{i}": 4 for i in range(1, 10)}):
        assert (
            api().post("/surveys", {"answers": {**answers, "u3": 2}, "permit_type": "PAK"}).status_code == 201
        )
    v = visit("supervisor")
    v.goto("/petugas/ikm/")
    page = v.page
    # NRR 3.5 on eight elements, 2.0 on U3: sum 30; 30 / 9 x 25 = 83.33 (B).
    assert page.get_by_test_id("ikm-value").inner_text() == "83,33"
    assert "Baik" in page.locator("main").inner_text()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart('chart-elements') && Chart.getChart('chart-complaints')"
    )
    assert page.evaluate("() => Chart.getChart('chart-elements').data.datasets[0].data") == [
        3.5,
        3.5,
        2,
        3.5,
        3.5,
        3.5,
        3.5,
        3.5,
        3.5,
    ]
    flagged = page.locator("#table-elements tr.flagged-row th").all_inner_texts()
    assert flagged == ["U3 Waktu penyelesaian"]
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Excel (XLSX)").click()
    assert xlsx.value.suggested_filename.endswith(".xlsx")
    wb = load_workbook(BytesIO(Path(xlsx.value.path()).read_bytes()))
    assert {r[0]: r[1] for r in wb["Ringkasan"].iter_rows(values_only=True)}["IKM"] == 83.33
    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF untuk dicetak").click()
    text = "".join(p.extract_text() for p in PdfReader(pdf.value.path()).pages)
    assert "83,33" in text and "Waktu penyelesaian" in text


@pytest.mark.parametrize("path", ["/survei/", "/survei/kios/", "/pengaduan/", "/pengaduan/lacak/"])
def test_no_horizontal_scroll_at_360_px(visit, categories, path):
    v = visit(width=360)
    v.goto(path)
    overflow = v.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
