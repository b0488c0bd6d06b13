"""Front office in the browser: kiosk → counter call → display board → linked application; the
information desk and the help desk. axe-core runs on every page; any CSP violation fails."""

from datetime import datetime

import pytest
import time_machine

from perizinan.demo import new_application
from perizinan.frontoffice.models import Consultation, QueueTicket
from perizinan.workdays.calendar import WITA
from perizinan.workflow.models import ProcessLogEntry
from perizinan.workflow.services import take_action

pytestmark = pytest.mark.django_db(transaction=True)

OPEN = datetime(2026, 12, 2, 10, 0, tzinfo=WITA)  # a Wednesday in service hours


@pytest.fixture
def open_hours():  # type: ignore[no-untyped-def]
    with time_machine.travel(OPEN, tick=True):
        yield


def submitted(users):  # type: ignore[no-untyped-def]

    app = new_application(users)
    take_action(application=app, name="submit", by=users["applicant"], data={})
    return app


def test_kiosk_counter_board_and_linked_application(visit, users, open_hours):
    app = submitted(users)
    board = visit(width=1920)
    board.goto("/antrian/layar/")
    board.page.get_by_role("button", name="Aktifkan suara").click()
    assert board.page.get_by_role("button", name="Aktifkan suara").get_attribute("aria-pressed") == "true"

    kiosk = visit(width=1080)
    kiosk.goto("/antrian/")
    kiosk.page.get_by_label("Nomor HP").fill("0812 3456 7890")
    kiosk.page.get_by_role("button", name="Customer Service").click()
    kiosk.page.wait_for_load_state()
    kiosk.axe()
    assert kiosk.page.locator("#ticket-number").inner_text() == "B-001"
    assert kiosk.page.get_by_role("button", name="Cetak tiket").is_visible()
    kiosk.page.emulate_media(media="print")
    assert not kiosk.page.get_by_role("button", name="Cetak tiket").is_visible()
    kiosk.page.emulate_media(media="screen")

    cs = visit("cs", width=1366)
    cs.goto("/antrian/loket/?service=cs&counter=2")
    cs.page.get_by_role("button", name="Panggil berikutnya").click()
    cs.page.wait_for_load_state()
    cs.axe()
    assert cs.page.get_by_test_id("current-number").inner_text() == "B-001"

    # The board picks the call up by polling, and announces it once.
    board.page.locator(".board-latest .board-number").filter(has_text="B-001").wait_for(timeout=10_000)
    assert board.page.locator(".board-latest .board-counter").inner_text() == "2"
    board.page.wait_for_function("() => document.body.dataset.announced === '1'", timeout=10_000)
    board.axe()

    cs.page.get_by_label("Nomor registrasi atau ID permohonan").fill(str(app.pk))
    cs.page.get_by_role("button", name="Tautkan ke permohonan").click()
    cs.page.wait_for_load_state()
    cs.axe()
    assert QueueTicket.objects.get().application_id == app.pk
    cs.page.get_by_role("link", name=app.company.name, exact=False).first.click()
    cs.page.wait_for_load_state()
    assert f"/permohonan/{app.pk}/" in cs.page.url
    cs.axe()

    # Recall announces again; done empties the counter.
    cs.goto("/antrian/loket/")
    cs.page.get_by_role("button", name="Panggil ulang").first.click()
    board.page.wait_for_function("() => document.body.dataset.announced === '2'", timeout=10_000)
    cs.page.get_by_role("button", name="Selesai").click()
    cs.page.wait_for_load_state()
    assert "Belum ada tiket yang dipanggil" in cs.page.content()
    assert board.csp_errors == [] and cs.csp_errors == [] and kiosk.csp_errors == []


def test_information_desk(visit, users, open_hours):
    app = submitted(users)
    info = visit("info", width=1366)
    info.page.get_by_role("link", name="Kantor depan").click()
    info.page.wait_for_load_state()
    info.axe()
    info.page.get_by_role("link", name="Catatan konsultasi").click()
    info.page.wait_for_load_state()
    info.axe()
    info.page.get_by_label("Nama pengunjung").fill("Sari")
    info.page.get_by_label("Saluran").select_option("whatsapp")
    info.page.get_by_label("Topik / pertanyaan").fill("Berapa lama izin PAK?")
    info.page.get_by_label("Durasi (menit)").fill("8")
    info.page.get_by_label("Umpan balik pengunjung").select_option("4")
    info.page.get_by_role("button", name="Simpan").click()
    info.page.wait_for_load_state()
    info.axe()
    assert "Berapa lama izin PAK?" in info.page.content()
    assert Consultation.objects.get().channel == "whatsapp"

    info.goto("/layanan-informasi/cari/")
    info.page.get_by_label("Nomor registrasi, nama perusahaan, NIB atau NPWP").fill(app.company.name)
    info.page.get_by_role("button", name="Cari").click()
    info.page.wait_for_load_state()
    info.axe()
    assert "1 permohonan ditemukan" in info.page.content()

    info.goto("/layanan-informasi/kirim-formulir/")
    info.page.get_by_label("Alamat e-mail penerima").fill("calon@pemohon.id")
    info.page.get_by_label("Formulir Checklist Persyaratan").check()
    info.page.get_by_role("button", name="Kirim").click()
    info.page.wait_for_load_state()
    info.axe()
    assert "Formulir akan dikirim ke calon@pemohon.id" in info.page.content()


def test_help_desk_consultation_requested_by_cs(visit, users, open_hours):
    app = submitted(users)
    cs = visit("cs", width=1366)
    cs.goto("/help-desk/")
    cs.page.get_by_label("Nomor registrasi atau ID permohonan").fill(str(app.pk))
    cs.page.get_by_label("Kendala yang perlu dijelaskan").fill("Apakah perlu izin BAPETEN?")
    cs.page.get_by_role("button", name="Kirim ke help desk").click()
    cs.page.wait_for_load_state()
    cs.axe()

    hd = visit("helpdesk", width=1366)
    hd.goto("/help-desk/")
    hd.page.get_by_label("Penjelasan yang diberikan").fill("Ya, untuk alat yang memancarkan radiasi.")
    hd.page.get_by_label("Durasi (menit)").fill("15")
    hd.page.get_by_role("button", name="Catat hasil").click()
    hd.page.wait_for_load_state()
    hd.axe()

    cs.goto("/help-desk/")
    assert "sesuai standar 10–30 menit" in cs.page.content()
    assert ProcessLogEntry.objects.filter(application=app, action="helpdesk_consult").exists()
