"""Steps 11-17 of issue 13's path in the browser, as each role, with axe on every page (the
front of the path is `test_corrections_walk.py`): the division head's draft beside the buttons
and the joint meeting (4, 10), numbering refused without the final checklist (4, 15c), the
pickup officer refusing "12345" (4, 16), the applicant's final documents only and the grouped
log (9, 10), the licence's number and date (1), the status check by POST in any letter case
(13); at the end every step's documents exist, once, made by the worker. That the header fits
at 1280 and 1366 px with a long name and titles (10) is
`test_corrections_walk.py::test_the_header_fits_at_1280_and_1366_with_a_long_name`, for the
office head, a supervisor and CS, on the inbox and the application page."""

import io

import pytest
from pypdf import PdfReader

from perizinan.applications.models import Application
from perizinan.demo import forward_path, new_application, step_files
from perizinan.documents.registry import DOCUMENTS
from perizinan.licences.models import Licence
from perizinan.workflow.services import take_action
from tests.e2e.walk import act, documents_made, done, every_step_made_its_documents
from tests.worker import running_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_steps_11_to_17_in_the_browser(visit, users):
    app = new_application(users)
    for step in forward_path():  # steps 3-10 as the services take them (walked in the other file)
        if step.action == "draft_licence":
            break
        app = Application.objects.get(pk=app.pk)
        take_action(
            application=app, name=step.action, by=users[step.actor], data=step.data, files=step_files(step)
        )
    with running_worker():
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
    every_step_made_its_documents(app)
