"""The application page after the walk through every role (issue 13 items 8-12): internal
returns, the last return on top, replaced documents, final documents only for the applicant,
the progress tracker, the grouped log, what happens next, files kept after a refusal, wording."""

import pytest
from django.test import Client

from perizinan.applications.models import Application
from perizinan.applications.services import upload_document
from perizinan.demo import forward_path, new_application, pdf_upload, step_files
from perizinan.documents.models import GeneratedDocument
from perizinan.web.templatetags.perizinan import filesize, wita
from perizinan.workflow.services import take_action
from tests.worker import drain

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def move(app, users, *steps) -> Application:  # type: ignore[no-untyped-def]
    for actor, name, data in steps:
        app = Application.objects.select_related("permit_type", "company").get(pk=app.pk)
        take_action(application=app, name=name, by=users[actor], data=data, files={})
    return Application.objects.get(pk=app.pk)


def walk_to(app, users, stop_before: str) -> Application:  # type: ignore[no-untyped-def]
    for s in forward_path():
        if s.action == stop_before:
            break
        app = Application.objects.select_related("permit_type", "company").get(pk=app.pk)
        take_action(application=app, name=s.action, by=users[s.actor], data=s.data, files=step_files(s))
    return Application.objects.get(pk=app.pk)


def page(user, app) -> str:  # type: ignore[no-untyped-def]
    r = client_for(user).get(f"/permohonan/{app.pk}/")
    assert r.status_code == 200
    return r.content.decode()


# --- 8 --------------------------------------------------------------------------------------------


def test_a_return_between_officers_is_an_internal_note_on_top_for_the_holder(users, api):
    app = walk_to(new_application(users), users, "verify")
    cs_before = page(users["verifier"], app)
    assert (
        "Catatan internal (tidak dilihat pemohon)" in cs_before
        and "Alasan (dilihat pemohon)" not in cs_before
    )
    app = move(app, users, ("verifier", "verify_return", {"reason": "Salinan NPWP buram, minta ulang"}))
    assert app.last_reason == ""
    cs = page(users["cs"], app)
    assert (
        'class="alert alert-warning last-return"' in cs
        and "Salinan NPWP buram" in cs.split("Tindakan Anda")[0]
    )
    applicant = page(users["applicant"], app)
    assert "Salinan NPWP buram" not in applicant
    timeline = api("applicant").get(f"/applications/{app.pk}").json()["timeline"]
    assert [e["note"] for e in timeline if e["action"] == "verify_return"] == [""]
    officer_view = api("cs").get(f"/applications/{app.pk}").json()["timeline"]
    assert [e["note"] for e in officer_view if e["action"] == "verify_return"] == [
        "Salinan NPWP buram, minta ulang"
    ]


def test_cs_sees_which_documents_the_applicant_replaced(users):
    app = new_application(users)
    app = move(app, users, ("applicant", "submit", {}), ("cs", "cs_return", {"reason": "NPWP buram"}))
    applicant = page(users["applicant"], app)
    assert "Yang perlu Anda perbaiki" in applicant and "Yang perlu diperbaiki pemohon" not in applicant
    upload_document(
        application=app,
        by=users["applicant"],
        requirement_number=5,
        upload=pdf_upload("npwp2.pdf", "NPWP baru"),
    )
    app = move(app, users, ("applicant", "resubmit_to_cs", {}))
    cs = page(users["cs"], app)
    assert 'class="alert alert-info replaced-documents"' in cs and 'href="#req-5">5</a>' in cs


# --- 9 --------------------------------------------------------------------------------------------


def viewer_src(html: str) -> str:
    return html.split('<iframe class="doc-frame" src="', 1)[1].split('"', 1)[0]


def test_the_applicant_sees_final_documents_and_a_progress_tracker(users, api):
    app = walk_to(new_application(users), users, "section_approve")
    drain()
    draft = GeneratedDocument.objects.filter(application=app, kind="draft_licence").first()
    assert draft is not None
    applicant = page(users["applicant"], app)
    assert f"/dokumen/{draft.pk}/" not in applicant
    assert client_for(users["applicant"]).get(f"/permohonan/{app.pk}/dokumen/{draft.pk}/").status_code == 404
    assert (
        client_for(users["section_head"]).get(f"/permohonan/{app.pk}/dokumen/{draft.pk}/").status_code == 200
    )
    # The API shares the rule.
    kinds = {d["kind"] for d in api("applicant").get(f"/applications/{app.pk}/generated").json()}
    assert "draft_licence" not in kinds and "registration_receipt" in kinds
    assert api("applicant").get(f"/applications/{app.pk}/generated/{draft.pk}").status_code == 404
    officer_kinds = {d["kind"] for d in api("section_head").get(f"/applications/{app.pk}/generated").json()}
    assert "draft_licence" in officer_kinds
    assert 'aria-current="step"><span class="fw-semibold">12.' in applicant
    assert 'class="holder">Kepala Seksi Layanan<' in applicant
    # The signer sees the draft beside the buttons.
    head = page(users["section_head"], app)
    assert viewer_src(head) == f"/permohonan/{app.pk}/dokumen/{draft.pk}/"
    # The registry checks the head's signed licence beside the numbering form.
    app = move(app, users, ("section_head", "section_approve", {}), ("division_head", "division_approve", {}))
    app = move(app, users, ("office_head", "sign", {}))
    signed = GeneratedDocument.objects.filter(application=app, kind="licence_signed").get()
    assert viewer_src(page(users["registry"], app)) == f"/permohonan/{app.pk}/dokumen/{signed.pk}/"


def test_the_documents_shown_in_the_pages_frames_may_be_shown_there(users):
    """The application page shows a generated document beside the buttons and the uploads in
    its viewer, both in frames of its own origin: each answers as an inline PDF that the page's
    origin may frame, and the page lets its own origin into its frames."""
    app = move(
        new_application(users), users, ("applicant", "submit", {}), ("cs", "cs_accept", {"confirm_all": True})
    )
    drain()
    cs = client_for(users["cs"])
    html = page(users["cs"], app)
    uploaded = app.documents.filter(is_current=True).first()
    generated = GeneratedDocument.objects.filter(application=app).first()
    assert uploaded is not None and generated is not None
    assert f'href="/permohonan/{app.pk}/berkas/{uploaded.pk}/" target="doc-viewer"' in html
    assert '<iframe name="doc-viewer"' in html
    for path in (
        f"/permohonan/{app.pk}/berkas/{uploaded.pk}/",
        f"/permohonan/{app.pk}/dokumen/{generated.pk}/",
    ):
        r = cs.get(path)
        assert r.status_code == 200, path
        assert r["Content-Type"] == "application/pdf" and r["Content-Disposition"].startswith("inline;"), path
        assert r["X-Frame-Options"] == "SAMEORIGIN", path
        assert "frame-ancestors 'self'" in r["Content-Security-Policy"], path
    assert "frame-src 'self'" in cs.get(f"/permohonan/{app.pk}/")["Content-Security-Policy"]


def test_after_registration_no_withdraw_and_other_steps_folded(users):
    app = move(new_application(users), users, ("applicant", "submit", {}))
    applicant = page(users["applicant"], app)
    assert "Batalkan permohonan" in applicant  # still possible before registration: folded away
    assert '<details class="mt-3 other-action"><summary>Batalkan permohonan' in applicant
    app = move(app, users, ("cs", "cs_accept", {"confirm_all": True}), ("registration", "register", {}))
    assert "/aksi/withdraw/" not in page(users["applicant"], app)


# --- 10 -------------------------------------------------------------------------------------------


def test_the_log_groups_the_uploads(users):
    app = new_application(users)
    html = page(users["cs"], app)
    assert html.count("Dokumen diunggah") == 1 and "berkas)" in html


# --- 11 -------------------------------------------------------------------------------------------


def test_each_form_and_confirmation_says_what_happens_next(users):
    app = move(new_application(users), users, ("applicant", "submit", {}))
    cs = client_for(users["cs"])
    html = cs.get(f"/permohonan/{app.pk}/").content.decode()
    assert "Berikutnya: Lengkap, menunggu pendaftaran — ditangani oleh Petugas Loket Pendaftaran." in html
    r = cs.post(f"/permohonan/{app.pk}/aksi/cs_accept/", {"confirm_all": "on"}, follow=True)
    assert "ditangani oleh Petugas Loket Pendaftaran" in r.content.decode().split("</main>")[0]


def test_step_10_keeps_the_files_after_a_refused_field(users):
    app = walk_to(new_application(users), users, "recommend")
    team = client_for(users["technical_team"])
    url = f"/permohonan/{app.pk}/aksi/recommend/"
    files = {"inspection_report": pdf_upload("bap.pdf"), "recommendation": pdf_upload("rekomendasi.pdf")}
    r = team.post(url, {"recommendation_date": "2026-11-27", **files})
    assert r.status_code == 422
    html = r.content.decode()
    assert "Berkas disimpan: bap.pdf" in html and "Berkas disimpan: rekomendasi.pdf" in html
    r = team.post(url, {"recommendation_date": "2026-11-27", "recommendation_number": "445/1/Farmalkes"})
    assert r.status_code == 302
    app.refresh_from_db()
    assert app.state == "recommended"
    names = set(app.documents.filter(requirement__number__in=[2, 3]).values_list("original_name", flat=True))
    assert names == {"bap.pdf", "rekomendasi.pdf"}
    assert "Berkas disimpan" not in team.get(f"/permohonan/{app.pk}/").content.decode()


# --- 12 -------------------------------------------------------------------------------------------


def test_wording_login_error_sizes_and_times(client, users):
    r = client.post("/akun/masuk/", {"username": "cs", "password": "salah"})
    body = r.content.decode()
    assert "nama pengguna nama pengguna" not in body and "Nama pengguna atau kata sandi salah" in body
    assert filesize(625) == "625 B" and filesize(20000) == "19,5 KB"
    assert wita("2026-12-02T01:15:00+00:00") == "2 Desember 2026 09:15 WITA"


@pytest.mark.parametrize("phone", ["12345", "0812", "telepon kantor", "+1 555 1234567"])
def test_phone_numbers_are_checked_naming_the_field(api, application_data, phone):
    application_data["company"]["phone"] = phone
    r = api("applicant").post("/applications", application_data)
    assert r.status_code == 422 and "company.phone" in r.json()["errors"], r.content


@pytest.mark.parametrize("phone", ["0541-123456", "+62 812 5555 1234", "(0542) 123456", "081255551234"])
def test_usual_phone_numbers_are_accepted(api, application_data, phone):
    application_data["company"]["phone"] = phone
    assert api("applicant").post("/applications", application_data).status_code == 201
