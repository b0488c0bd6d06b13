"""One application walked through the path of issue 13 in the browser, as each role, with axe on
every page: CS ticks or confirms (7), returns between officers carry an internal note and the
last return sits on top for the holder (8), the applicant's tracker and final documents only (9),
one step's actions beside the draft, uploads grouped, a header that fits (10), what happens next
and files kept after a refusal (11), the SOP's checks at steps 13, 15 and 16 (4), the fix
loop's steps not late when done the day they start (2), the licence's number and date (1) and
the status check by POST in any letter case (13). It is also the suite's walk of every officer
taking their step in the browser: at the end the licence is handed over and confirmed, and
every step's documents were made, once, by the worker."""

import io
import time

import pytest
from pypdf import PdfReader

from perizinan.applications.models import Application
from perizinan.applications.services import upload_document
from perizinan.demo import new_application, pdf_upload, sample_pdf
from perizinan.documents.models import DocumentJob, GeneratedDocument, JobState
from perizinan.documents.registry import DOCUMENTS
from perizinan.licences.models import Licence
from perizinan.workflow.actions import get_action
from perizinan.workflow.models import ProcessLogEntry
from perizinan.workflow.services import take_action
from tests.worker import running_worker

pytestmark = pytest.mark.django_db(transaction=True)


def act(visit, username: str, app_id: int, button: str, fill=None, check=(), files=None):  # type: ignore[no-untyped-def]
    """Open the page as `username`, fill the form of `button` and send it; return the visitor."""
    v = visit(username)
    v.goto(f"/permohonan/{app_id}/")
    form = v.page.locator("form", has=v.page.get_by_role("button", name=button, exact=True))
    for label, value in (fill or {}).items():
        form.get_by_label(label).fill(value)
    for label in check:
        form.get_by_label(label).check()
    for label, path in (files or {}).items():
        form.get_by_label(label).set_input_files(path)
    form.get_by_role("button", name=button, exact=True).click()
    v.page.wait_for_load_state()
    v.axe()
    return v


def documents_made(app_id: int, kind: str) -> None:
    """Wait until the worker has made the step's document (it runs after the step's commit)."""
    for _ in range(300):
        if GeneratedDocument.objects.filter(application_id=app_id, kind=kind).exists():
            return
        time.sleep(0.2)
    raise AssertionError(f"the worker made no {kind} in a minute")


def done(v) -> str:  # type: ignore[no-untyped-def]
    messages = v.page.locator(".messages").inner_text()
    assert "tercatat" in messages, messages
    return messages


def test_issue_13_path_in_the_browser(visit, users, tmp_path):
    users["office_head"].first_name, users["office_head"].last_name = (
        "Prof. Dr. H. Muhammad",
        "Rizal Abdurrahman Wijayakusuma, SE, MM, M.Si",
    )
    users["office_head"].save()
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
        act(visit, "admin_monitoring", app.pk, "Susun draf izin").close()
        act(visit, "section_head", app.pk, "Paraf dan teruskan ke Kepala Bidang").close()
        # 4 (13d) and 10: the division head sees the draft beside the buttons and may propose a meeting.
        documents_made(app.pk, "draft_licence")
        v = visit("division_head")
        v.goto(f"/permohonan/{app.pk}/")
        v.page.locator("#actions-h ~ .row iframe.doc-frame").wait_for()
        v.close()
        v = act(visit, "division_head", app.pk, "Usulkan rapat gabungan dengan tim teknis",
                fill={"Tanggal rapat": "2026-12-20", "Agenda": "Rapat gabungan dengan tim teknis"})  # fmt: skip
        assert "tetap pada langkah ini" in done(v)
        v.close()
        act(visit, "division_head", app.pk, "Paraf dan teruskan ke Kepala Dinas").close()
        # 10: the header fits at 1280 and 1366 px with a long name and titles.
        for width in (1280, 1366):
            v = visit("office_head", width=width)
            v.goto(f"/permohonan/{app.pk}/")
            overflow = v.page.evaluate(
                "() => [document.documentElement.scrollWidth - window.innerWidth,"
                " document.querySelector('.site-header nav').scrollWidth - document.querySelector('.site-header nav').clientWidth]"
            )
            assert overflow == [0, 0], (width, overflow)
            v.close()
        act(visit, "office_head", app.pk, "Setujui dan tandatangani").close()
        # 4 (15c): numbering needs the final checklist confirmed.
        v = act(visit, "registry", app.pk, "Beri nomor dan tanggal izin")
        assert "Wajib dikonfirmasi" in v.page.locator("#form-number_licence").inner_text()
        v.close()
        act(
            visit,
            "registry",
            app.pk,
            "Beri nomor dan tanggal izin",
            check=["Surat izin telah diperiksa sesuai checklist akhir"],
        ).close()
        # 4 (16): "12345" is refused, naming the field.
        v = act(
            visit,
            "pickup",
            app.pk,
            "Serahkan izin",
            fill={"Nama penerima": "Rudi Hartono", "NIK penerima (KTP)": "12345"},
        )
        error = v.page.locator("#hand_over-recipient_id_number-err").inner_text()
        assert "NIK tidak valid" in error
        v.close()
        act(
            visit,
            "pickup",
            app.pk,
            "Serahkan izin",
            fill={"Nama penerima": "Rudi Hartono", "NIK penerima (KTP)": "6471011501900001"},
        ).close()
        act(visit, "applicant", app.pk, "Konfirmasi penerimaan izin").close()
        # 9: the applicant's documents are final ones; 10: the uploads are one line of the log.
        v = visit("applicant")
        v.goto(f"/permohonan/{app.pk}/")
        docs = v.page.locator("#generated-documents")
        # The page polls while documents are being made; the licence and the receipt appear.
        docs.get_by_text(DOCUMENTS["licence"].title, exact=True).wait_for(timeout=60_000)
        docs.get_by_text(DOCUMENTS["handover_receipt"].title, exact=True).wait_for(timeout=60_000)
        assert "Draf" not in docs.inner_text()
        assert v.page.locator(".timeline summary", has_text="Dokumen diunggah").count() == 1
        # 1: the licence carries its number and date where a licence does, filled in at step 15
        # into the fields the head's certification left open.
        pdf = v.page.request.get(f"/api/v1/applications/{app.pk}/licence.pdf")
        assert pdf.status == 200
        reader = PdfReader(io.BytesIO(pdf.body()))
        fields = {name: str(f.get("/V") or "") for name, f in (reader.get_fields() or {}).items()}
        assert fields["nomor"] == Licence.objects.get(application_id=app.pk).number
        assert fields["tanggal"]
        text = " ".join(reader.pages[0].extract_text().split())
        assert "Nomor:" in text and "Samarinda," in text
        v.close()
    # 13: the status check is a form sent by POST (the code stays out of the address), and the
    # registration number is found in any letter case.
    app.refresh_from_db()
    s = visit()
    s.goto("/status/")
    s.page.get_by_label("Nomor registrasi").fill(app.registration_number.lower())
    s.page.get_by_label("Kode status").fill(app.status_code)
    s.page.get_by_role("button", name="Cek status").click()
    s.page.wait_for_load_state()
    s.axe()
    assert app.status_code not in s.page.url
    assert "Selesai" in s.page.locator(".status-result").inner_text()
    app = Application.objects.get(pk=app.pk)
    assert app.state == "completed" and app.registration_number.endswith("-000001")
    assert app.licence.number.startswith("503/0001/PAK/DPMPTSP/")
    assert not DocumentJob.objects.exclude(state=JobState.DONE).exists()
    for entry in app.log.filter(direction="forward"):
        action = get_action(entry.action)
        assert action is not None
        wanted = sorted(d.kind for d in action.documents if d.wanted(app))
        assert sorted(entry.generated.values_list("kind", flat=True)) == wanted, entry.action
    # 2: steps of the fix loop done the day they started are not late.
    late = ProcessLogEntry.objects.filter(application=app, late=True).values_list("action", flat=True)
    assert list(late) == []


@pytest.mark.parametrize("username", ["office_head", "supervisor", "cs"])
def test_the_header_fits_at_1280_and_1366_with_a_long_name(visit, users, username):
    user = users[username]
    user.first_name, user.last_name = "Prof. Dr. H. Muhammad", "Rizal Abdurrahman Wijayakusuma, SE, MM, M.Si"
    user.save()
    app = new_application(users)
    for width in (1280, 1366):
        v = visit(username, width=width)
        for path in ("/petugas/", f"/permohonan/{app.pk}/"):
            v.goto(path)
            overflow = v.page.evaluate(
                "() => [document.documentElement.scrollWidth - window.innerWidth,"
                " document.querySelector('.site-header nav').scrollWidth"
                " - document.querySelector('.site-header nav').clientWidth]"
            )
            assert overflow == [0, 0], (username, width, path, overflow)
        v.close()
