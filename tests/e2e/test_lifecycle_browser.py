"""Each officer, logged in as their role, takes the application through their step in the browser,
through to the handed-over licence and the applicant's confirmation."""

import pytest

from perizinan.applications.models import Application
from perizinan.demo import new_application, sample_pdf
from perizinan.documents.models import DocumentJob, JobState
from perizinan.documents.registry import DOCUMENTS
from perizinan.workflow.actions import get_action
from perizinan.workflow.services import take_action
from tests.worker import running_worker

pytestmark = pytest.mark.django_db(transaction=True)

STEPS = [
    ("cs", "Nyatakan lengkap dan benar", {"Saya telah memeriksa semua persyaratan: centang semuanya": True}),
    ("registration", "Daftarkan dan terbitkan tanda terima", {}),
    ("verifier", "Nyatakan valid dan buat surat pengantar", {}),
    ("liaison", "Serahkan berkas ke OPD", {"Nama penerima di OPD": "Staf Seksi Farmalkes"}),
    ("technical_team", "Terbitkan rekomendasi teknis", {"Nomor rekomendasi": "445/88/Farmalkes"}),
    ("admin_monitoring", "Susun draf izin", {}),
    ("section_head", "Paraf dan teruskan ke Kepala Bidang", {}),
    ("division_head", "Paraf dan teruskan ke Kepala Dinas", {}),
    ("office_head", "Setujui dan tandatangani", {}),
    ("registry", "Beri nomor dan tanggal izin", {"Surat izin telah diperiksa sesuai checklist akhir": True}),
    (
        "pickup",
        "Serahkan izin",
        {"Nama penerima": "Rudi Hartono", "NIK penerima (KTP)": "6471011501900001"},
    ),
    ("applicant", "Konfirmasi penerimaan izin", {}),
]


def test_every_officer_takes_their_step_in_the_browser(visit, users, tmp_path):
    app = new_application(users)
    take_action(application=app, name="submit", by=users["applicant"], data={})
    pdf = tmp_path / "dokumen.pdf"
    pdf.write_bytes(sample_pdf("Dokumen"))
    with running_worker():  # the real task worker makes each step's documents meanwhile
        _every_step(visit, app, pdf)
        # The page polls while documents are being made; the applicant sees the licence appear.
        v = visit("applicant")
        v.goto(f"/permohonan/{app.pk}/")
        section = v.page.locator("#generated-documents")
        section.get_by_text(DOCUMENTS["licence"].title, exact=True).wait_for(timeout=60_000)
        section.get_by_text(DOCUMENTS["handover_receipt"].title, exact=True).wait_for(timeout=60_000)
        v.axe()
        v.close()
    app = Application.objects.get(pk=app.pk)
    assert app.state == "completed"
    assert app.licence.number.startswith("503/0001/PAK/DPMPTSP/")
    assert not DocumentJob.objects.exclude(state=JobState.DONE).exists()
    for entry in app.log.filter(direction="forward"):
        action = get_action(entry.action)
        assert action is not None
        wanted = sorted(d.kind for d in action.documents if d.wanted(app))
        assert sorted(entry.generated.values_list("kind", flat=True)) == wanted, entry.action


def _every_step(visit, app, pdf) -> None:  # type: ignore[no-untyped-def]
    for username, button, fields in STEPS:
        v = visit(username)
        v.goto(f"/permohonan/{app.pk}/")
        form = v.page.locator("form", has=v.page.get_by_role("button", name=button, exact=True))
        for label, value in fields.items():
            if value is True:
                form.get_by_label(label).check()
            else:
                form.get_by_label(label).fill(value)
        if username == "technical_team":
            form.get_by_label("Tanggal rekomendasi").fill("2026-11-20")
            form.get_by_label("Berita Acara Pemeriksaan (BAP)").set_input_files(str(pdf))
            form.get_by_label("Rekomendasi teknis *").set_input_files(str(pdf))
        form.get_by_role("button", name=button, exact=True).click()
        v.page.wait_for_load_state()
        assert "tercatat" in v.page.content(), (username, v.page.content()[:2000])
        v.axe()
        v.close()


def test_axe_check_is_not_vacuous(visit):
    v = visit()
    v.page.set_content("<html><body><img src='x.png'><input type='text'></body></html>")
    with pytest.raises(AssertionError, match=r"image-alt|label"):
        v.axe()
