"""The applicant in the browser: sign-up with the link read from a real SMTP server, the guided
application form, every document uploaded with htmx, submission; a returned application fixed
and resubmitted in place; the walk-in form; every page checked by axe-core and at 360 px.

Set E2E_SHOTS=/some/dir to also save a screenshot of every page visited (desktop and 360 px).
"""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from perizinan.accounts.models import User
from perizinan.applications.models import Application
from perizinan.demo import new_application, sample_pdf
from perizinan.workflow.services import take_action
from tests.e2e.smtp import smtp_fixture  # noqa: F401  (provides the `smtp` fixture)

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("E2E_SHOTS", "")
PASSWORD = "Mahakam-Samarinda-2026"


def shot(v, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        v.page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True, caret="initial")


def pdf_file(tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(sample_pdf(name))
    return str(path)


def wait(v) -> None:  # type: ignore[no-untyped-def]
    v.page.wait_for_load_state()


def upload_row(v, number: int, file: str) -> None:  # type: ignore[no-untyped-def]
    row = v.page.locator(f"#doc-{number}")
    row.locator("input[type=file]").set_input_files(file)
    row.get_by_role("button", name=re.compile("^Unggah")).click()
    expect(v.page.locator(f"#doc-{number}")).to_have_attribute("data-present", "1")


def test_applicant_signs_up_applies_uploads_and_submits(visit, users, smtp, settings, tmp_path):
    smtp.use(settings)
    v = visit()
    v.goto("/akun/daftar/")
    shot(v, "signup")
    page = v.page
    page.get_by_label("Nama pengguna").fill("sehatsentosa")
    page.get_by_label("Nama lengkap").fill("Dian Kusuma Wardani")
    page.get_by_label(re.compile(r"^E-mail")).fill("dian@sehatsentosa.id")
    page.get_by_label(re.compile(r"^Kata sandi")).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill("bukan-yang-sama")
    page.get_by_label(re.compile("^Saya menyatakan")).check()
    page.get_by_role("button", name="Daftar").click()
    wait(v)
    # A mismatch: the message sits next to the field; nothing is created.
    expect(page.locator("#id_password2_error")).to_contain_text("tidak sama")
    v.axe()
    shot(v, "signup-error")
    assert not User.objects.filter(username="sehatsentosa").exists()
    page.get_by_label(re.compile(r"^Kata sandi")).fill(PASSWORD)
    page.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Daftar").click()
    wait(v)
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa e-mail Anda")
    v.axe()
    shot(v, "signup-done")

    link = smtp.link(smtp.wait_for("dian@sehatsentosa.id"), "/akun/verifikasi/")
    v.goto(re.sub(r"^https?://[^/]+", "", link))
    shot(v, "verify")
    page.get_by_role("button", name="Aktifkan akun").click()
    wait(v)
    assert page.url.endswith("/pemohon/")
    v.axe()
    # Log out and back in with the password chosen at sign-up.
    page.get_by_role("button", name="Keluar").click()
    wait(v)
    v.login("sehatsentosa", PASSWORD)
    assert page.url.endswith("/pemohon/")
    v.axe()
    shot(v, "my-applications-empty")

    # The guided form: sections 1-4 open the draft.
    page.get_by_role("link", name="Buat permohonan baru").first.click()
    wait(v)
    v.axe()
    expect(page.get_by_label("Jenis permohonan")).to_have_value("new")
    page.get_by_label("Menyalurkan alat kesehatan elektromedik", exact=True).check()
    page.get_by_label("Nama perusahaan").fill("Sehat Sentosa")
    page.get_by_label("Bentuk badan usaha").select_option("PT")
    page.get_by_label("NIB (Nomor Induk Berusaha)").fill("9876543210123")
    page.get_by_label("NPWP perusahaan").fill("01.855.081.5-412.000")  # wrong check digit
    page.get_by_label("Alamat lengkap").fill("Jl. Pangeran Antasari No. 7, Samarinda")
    page.get_by_label("Telepon").fill("0541-765432")
    page.get_by_label("E-mail perusahaan").fill("kontak@sehatsentosa.id")
    page.get_by_label("Nama direktur / pimpinan").fill("Rudi Hartono")
    page.get_by_label("NIK direktur").fill("6471011501900001")
    page.get_by_label("Nama penanggung jawab teknis (PJT)").fill("Siti Rahmawati, A.Md.")
    page.get_by_label("NIK PJT").fill("6471015501900002")
    page.get_by_label("Pendidikan terakhir PJT").select_option("D3")
    page.get_by_label("Milik sendiri").check()
    page.get_by_label("Kategori alat kesehatan").fill("Alat kesehatan elektromedik non-radiasi")
    page.get_by_label("Daftar alat kesehatan yang akan disalurkan").fill("Tensimeter digital, nebulizer")
    page.get_by_role("button", name="Simpan draf dan lanjut").click()
    wait(v)
    npwp = page.get_by_label("NPWP perusahaan")
    expect(npwp).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_company__npwp_error")).to_contain_text("NPWP tidak valid")
    assert "id_company__npwp_error" in (npwp.get_attribute("aria-describedby") or "")
    v.axe()
    shot(v, "new-error")
    assert Application.objects.count() == 0
    npwp.fill("01.855.081.4-412.000")
    page.get_by_role("button", name="Simpan draf dan lanjut").click()
    wait(v)
    app = Application.objects.get()
    assert page.url.endswith(f"/pemohon/permohonan/{app.pk}/ubah/kuasa/")
    v.axe()
    shot(v, "edit-kuasa")
    # Section 5 (no agent, the director signs) saves the draft and leads to the documents.
    page.get_by_role("button", name="Simpan dan lanjut ke dokumen").click()
    wait(v)
    assert page.url.endswith(f"/pemohon/permohonan/{app.pk}/dokumen/")
    v.axe()
    shot(v, "documents-empty")

    # A refused file first: its message next to the field.
    text = tmp_path / "catatan.pdf"
    text.write_text("bukan PDF")
    row = page.locator("#doc-4")
    row.locator("input[type=file]").set_input_files(str(text))
    row.get_by_role("button", name=re.compile("^Unggah")).click()
    expect(page.locator("#file-4-error")).to_contain_text("Jenis berkas tidak diterima")
    v.axe()
    shot(v, "documents-refused")
    # Then every submission document (technical-review items 2 and 3 are optional).
    numbers = [
        int(r.get_attribute("id").split("-")[1])
        for r in page.locator("li.doc-row").all()
        if "kajian teknis" not in r.inner_text()
    ]
    assert 16 in numbers and 17 in numbers  # electromedical
    for n in numbers:
        upload_row(v, n, pdf_file(tmp_path, f"persyaratan-{n}.pdf"))
    expect(page.locator("#missing-summary")).to_contain_text("sudah lengkap")
    v.axe()
    shot(v, "documents-complete")

    page.get_by_role("link", name=re.compile("Ke halaman permohonan")).first.click()
    wait(v)
    page.get_by_role("button", name="Serahkan permohonan").click()
    wait(v)
    v.axe()
    app.refresh_from_db()
    assert app.state == "submitted"
    v.goto("/pemohon/")
    expect(page.locator(".application-card")).to_contain_text("Diserahkan ke Customer Service")
    shot(v, "my-applications")


def test_returned_application_is_fixed_and_resubmitted_in_place(visit, users, tmp_path):
    app = new_application(users)
    take_action(application=app, name="submit", by=users["applicant"], data={})
    app.refresh_from_db()
    take_action(application=app, name="cs_return", by=users["cs"],
                data={"reason": "Scan NPWP (persyaratan 5) terpotong; unggah ulang yang utuh."})  # fmt: skip
    v = visit("applicant")
    page = v.page
    assert page.url.endswith("/pemohon/")
    v.axe()
    card = page.locator(".application-card", has_text="Contoh Medika")
    expect(card).to_contain_text("Scan NPWP (persyaratan 5) terpotong")
    expect(card).to_contain_text("Yang perlu Anda perbaiki")
    shot(v, "my-applications-returned")
    card.get_by_role("link", name=re.compile("^Dokumen")).click()
    wait(v)
    v.axe()
    upload_row(v, 5, pdf_file(tmp_path, "npwp-utuh.pdf"))
    expect(page.locator("#doc-5")).to_contain_text("npwp-utuh.pdf")
    expect(page.locator("#upload-status")).to_contain_text("persyaratan 5 tersimpan")
    page.get_by_role("link", name=re.compile("Serahkan kembali perbaikan")).click()
    wait(v)
    page.get_by_role("button", name="Serahkan kembali perbaikan").click()
    wait(v)
    v.axe()
    app.refresh_from_db()
    assert app.state == "submitted"
    assert Application.objects.count() == 1  # in place, not a new application
    assert app.documents.get(requirement__number=5, is_current=True).original_name == "npwp-utuh.pdf"


def test_walk_in_form_and_pages_at_phone_width(visit, users, tmp_path):
    cs = visit("cs", width=360)
    cs.goto("/petugas/loket/baru/")
    shot(cs, "walk-in-360")
    assert cs.page.evaluate("document.documentElement.scrollWidth") <= 380
    cs.page.get_by_role("button", name="Simpan draf dan unggah dokumen").click()
    wait(cs)
    expect(cs.page.locator("#id_company__name_error")).to_contain_text("wajib diisi")
    cs.axe()
    assert cs.page.evaluate("document.documentElement.scrollWidth") <= 380

    app = new_application(users)
    take_action(application=app, name="submit", by=users["applicant"], data={})
    app.refresh_from_db()
    take_action(application=app, name="cs_return", by=users["cs"], data={"reason": "Akta buram."})
    draft = new_application(users)
    phone = visit("applicant", width=360)
    for path, name in [
        ("/pemohon/", "my-applications-360"),
        ("/pemohon/permohonan/baru/", "new-360"),
        (f"/pemohon/permohonan/{draft.pk}/ubah/bangunan-alat/", "edit-bangunan-360"),
        (f"/pemohon/permohonan/{draft.pk}/dokumen/", "documents-360"),
    ]:
        phone.goto(path)
        shot(phone, name)
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 380, path
    anon = visit(width=360)
    for path, name in [
        ("/akun/daftar/", "signup-360"),
        ("/akun/reset/", "reset-360"),
        ("/akun/verifikasi/kirim-ulang/", "resend-360"),
        ("/akun/masuk/", "login-360"),
    ]:
        anon.goto(path)
        shot(anon, name)
        assert anon.page.evaluate("document.documentElement.scrollWidth") <= 380, path
    # Password reset and a broken activation link, in the browser (axe on each page).

    anon = visit()
    anon.goto("/akun/verifikasi/rusak/")
    expect(anon.page.get_by_role("heading", name="Tautan aktivasi tidak valid")).to_be_visible()
    shot(anon, "verify-invalid")
    anon.goto("/akun/reset/")
    anon.page.get_by_label("E-mail akun Anda").fill("applicant2@demo.perizinan.local")
    anon.page.get_by_role("button", name="Kirim tautan").click()
    wait(anon)
    anon.axe()
    shot(anon, "reset-done")
    link = re.search(r"https?://\S+/akun/reset/\S+/\S+/", mail.outbox[-1].body).group(0)
    anon.goto(re.sub(r"^https?://[^/]+", "", link))
    anon.page.get_by_label(re.compile(r"^Kata sandi baru")).fill("Balikpapan-Teluk-2026")
    anon.page.get_by_label("Ulangi kata sandi baru").fill("Balikpapan-Teluk-2026")
    anon.page.get_by_role("button", name="Simpan kata sandi").click()
    wait(anon)
    anon.axe()
    shot(anon, "reset-complete")
    assert anon.page.url.endswith("/akun/reset/selesai/")
    anon.login("applicant2", "Balikpapan-Teluk-2026")
    assert anon.page.url.endswith("/pemohon/")

    desktop = visit("cs")
    desktop.goto("/petugas/loket/baru/")
    shot(desktop, "walk-in")
    desktop.goto(f"/pemohon/permohonan/{draft.pk}/ubah/perusahaan/")
    shot(desktop, "edit-perusahaan-cs")
