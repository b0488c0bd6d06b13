"""One application walked through the front of issue 13's path in the browser, as each role,
with axe on every page: CS ticks or confirms (7), returns between officers carry an internal
note and the last return sits on top for the holder (8), the applicant's tracker (9), what
happens next and files kept after a refusal (11), the fix loop's steps not late when done the
day they start (2). Steps 11-17 are walked in `test_issuing_walk.py` (a file of their own, so
that the two halves run side by side); together they are the suite's walk of every officer
taking their step in the browser."""

import pytest

from perizinan.applications.models import Application
from perizinan.applications.services import upload_document
from perizinan.demo import new_application, pdf_upload, sample_pdf
from perizinan.workflow.models import ProcessLogEntry
from perizinan.workflow.services import take_action
from tests.e2e.walk import act, done, every_step_made_its_documents
from tests.worker import drain, running_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_issue_13_path_in_the_browser_up_to_the_recommendation(visit, users, tmp_path):
    app = new_application(users)
    take_action(application=app, name="submit", by=users["applicant"], data={})
    pdf = tmp_path / "bap.pdf"
    pdf.write_bytes(sample_pdf("BAP"))
    rec = tmp_path / "rekomendasi.pdf"
    rec.write_bytes(sample_pdf("Rekomendasi"))
    with running_worker():
        # 7: nothing ticked, no confirmation -> refused naming the confirmation; then confirmed.
        v = act(visit, "cs", app.pk, "Nyatakan lengkap dan benar")
        assert "belum dicentang" in v.page.locator("#form-cs_accept").inner_text()
        v.close()
        v = act(
            visit,
            "cs",
            app.pk,
            "Nyatakan lengkap dan benar",
            check=["Saya telah memeriksa semua persyaratan"],
        )
        assert "ditangani oleh Petugas Loket Pendaftaran" in done(v)  # 11: what happens next, who acts
        v.close()
        act(visit, "registration", app.pk, "Daftarkan dan terbitkan tanda terima").close()
        # 8: the verifier's return to CS is an internal note.
        v = act(
            visit, "verifier", app.pk, "Kembalikan melalui CS",
            fill={"Catatan internal (tidak dilihat pemohon)": "Salinan NPWP buram"},
        )  # fmt: skip
        done(v)
        v.close()
        v = visit("cs")
        v.goto(f"/permohonan/{app.pk}/")
        assert "Salinan NPWP buram" in v.page.locator(".last-return").inner_text()
        v.close()
        act(
            visit,
            "cs",
            app.pk,
            "Minta perbaikan kepada pemohon",
            fill={"Alasan (dilihat pemohon)": "Unggah ulang NPWP"},
        ).close()
        # 9: the applicant reads the reason in the second person, the tracker and who holds it.
        v = visit("applicant")
        v.goto(f"/permohonan/{app.pk}/")
        assert "Yang perlu Anda perbaiki" in v.page.content() and "Salinan NPWP buram" not in v.page.content()
        assert v.page.locator(".holder").inner_text() == "Pemohon"
        assert v.page.locator("form[action$='/aksi/withdraw/']").count() == 0
        v.close()
        upload_document(application=Application.objects.get(pk=app.pk), by=users["applicant"],
                        requirement_number=5, upload=pdf_upload("npwp-baru.pdf", "NPWP"))  # fmt: skip
        act(visit, "applicant", app.pk, "Serahkan perbaikan").close()
        v = visit("cs")
        v.goto(f"/permohonan/{app.pk}/")
        assert "5" in v.page.locator(".replaced-documents").inner_text()  # 8: CS sees the replaced document
        v.close()
        act(visit, "cs", app.pk, "Serahkan perbaikan ke verifikator").close()
        act(visit, "verifier", app.pk, "Nyatakan valid dan buat surat pengantar").close()
        act(
            visit,
            "liaison",
            app.pk,
            "Serahkan berkas ke OPD",
            fill={"Nama penerima di OPD": "Staf Farmalkes"},
        ).close()
        # 11: step 10 refused for a wrong number keeps both files.
        files = {"Berita Acara Pemeriksaan (BAP)": str(pdf), "Rekomendasi teknis *": str(rec)}
        v = act(
            visit,
            "technical_team",
            app.pk,
            "Terbitkan rekomendasi teknis",
            fill={"Tanggal rekomendasi": "2026-11-20", "Nomor rekomendasi": "445/" + "8" * 120},  # too long
            files=files,
        )
        kept = v.page.locator("#form-recommend .kept-file").all_inner_texts()
        assert any("bap.pdf" in k for k in kept) and any("rekomendasi.pdf" in k for k in kept), kept
        assert "Terlalu panjang" in v.page.locator("#form-recommend").inner_text()
        form = v.page.locator("#form-recommend")
        form.get_by_label("Nomor rekomendasi").fill("445/88/Farmalkes")
        form.get_by_role("button", name="Terbitkan rekomendasi teknis", exact=True).click()
        v.page.wait_for_load_state()
        v.axe()
        done(v)
        v.close()
    drain()  # what the running worker had not reached yet
    app = Application.objects.get(pk=app.pk)
    assert app.state == "recommended" and app.registration_number.endswith("-000001")
    every_step_made_its_documents(app)
    # 2: steps of the fix loop done the day they started are not late.
    late = ProcessLogEntry.objects.filter(application=app, late=True).values_list("action", flat=True)
    assert list(late) == []


@pytest.mark.parametrize("username", ["office_head", "supervisor", "cs"])
def test_the_header_fits_at_1280_and_1366_with_a_long_name(visit, users, username):
    user = users[username]
    user.first_name, user.last_name = "Prof. Dr. H. Muhammad", "Rizal Abdurrahman Wijayakusuma, SE, MM, M.Si"
    user.save()
    app = new_application(users)
    v = visit(username)
    for path in ("/petugas/", f"/permohonan/{app.pk}/"):
        v.goto(path)  # checked by axe at 1280 px; the window is then widened, as a user would
        for width in (1280, 1366):
            v.page.set_viewport_size({"width": width, "height": 900})
            overflow = v.page.evaluate(
                "() => [document.documentElement.scrollWidth - window.innerWidth,"
                " document.querySelector('.site-header nav').scrollWidth"
                " - document.querySelector('.site-header nav').clientWidth]"
            )
            assert overflow == [0, 0], (username, width, path, overflow)
    v.close()
