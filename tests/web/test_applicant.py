"""The applicant portal and the walk-in form with the Django test client: every view's edges
(anonymous, wrong role, another applicant, wrong method, CSRF), the guided form through the
services, documents with their refusals, and a constant number of queries for the list."""

import json
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from perizinan.applications.models import Application, Company, Document
from perizinan.applications.selectors import checklist
from perizinan.applications.services import create_application
from perizinan.catalog.models import PermitType
from perizinan.demo import DEMO_APPLICATION, new_application, pdf_upload, sample_pdf
from perizinan.workflow.actions import available_actions
from perizinan.workflow.services import take_action

pytestmark = pytest.mark.django_db

NEW_FORM = {
    "permit_type": "PAK",
    "kind": "new",
    "previous_licence_number": "",
    "company__name": "Sehat Sentosa",
    "company__legal_form": "PT",
    "company__nib": "9876543210123",
    "company__npwp": "01.855.081.4-412.000",
    "company__address": "Jl. Pangeran Antasari No. 7, Samarinda",
    "company__phone": "0541-765432",
    "company__email": "kontak@sehatsentosa.id",
    "director__name": "Rudi Hartono",
    "director__nik": "6471011501900001",
    "technical_lead__name": "Siti Rahmawati, A.Md.",
    "technical_lead__nik": "6471015501900002",
    "technical_lead__education": "D3",
    "building__status": "owned",
    "device_categories": "Alat kesehatan non-elektromedik steril\nAlat kesehatan diagnostik in vitro",
    "device_list": "Spuit, kasa steril",
}


def login(username: str, users: dict) -> Client:
    client = Client()
    client.force_login(users[username])
    return client


@pytest.fixture
def draft(users) -> Application:  # type: ignore[no-untyped-def]
    return new_application(users)


@pytest.fixture
def empty_draft(users) -> Application:  # type: ignore[no-untyped-def]

    return create_application(
        by=users["applicant"],
        permit_type=PermitType.objects.get(code="PAK"),
        data=json.loads(json.dumps(DEMO_APPLICATION)),
    )


def urls(pk: int) -> dict[str, str]:
    return {
        "list": "/pemohon/",
        "new": "/pemohon/permohonan/baru/",
        "edit": f"/pemohon/permohonan/{pk}/ubah/jenis-profil/",
        "documents": f"/pemohon/permohonan/{pk}/dokumen/",
        "walk_in": "/petugas/loket/baru/",
    }


# --- Edges ----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, draft):
    for name, url in urls(draft.pk).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/akun/masuk/?next="), name


@pytest.mark.parametrize(
    ("username", "name"),
    [
        ("cs", "list"),
        ("cs", "new"),
        ("verifier", "list"),
        ("applicant", "walk_in"),
        ("verifier", "walk_in"),
        ("verifier", "edit"),  # an officer who sees the application but may not change it
        ("verifier", "documents"),
        ("technical_team", "new"),
    ],
)
def test_wrong_role_is_403(users, draft, username, name):
    client = login(username, users)
    url = urls(draft.pk)[name]
    assert client.get(url).status_code == 403
    before = (Application.objects.count(), Document.objects.count())
    assert client.post(url, NEW_FORM).status_code == (405 if name == "list" else 403)
    assert (Application.objects.count(), Document.objects.count()) == before


def test_another_applicant_gets_404(users, draft):
    client = login("applicant2", users)
    for name in ("edit", "documents"):
        assert client.get(urls(draft.pk)[name]).status_code == 404
    response = client.post(urls(draft.pk)["documents"], {"requirement": "1", "file": pdf_upload("x.pdf")})
    assert response.status_code == 404
    assert client.post(urls(draft.pk)["edit"], NEW_FORM).status_code == 404
    assert draft.documents.filter(uploaded_by=users["applicant2"]).count() == 0
    # ...and their list does not show it.
    assert str(draft.company) not in login("applicant2", users).get("/pemohon/").content.decode()


def test_wrong_method_is_405(users, draft):
    client = login("applicant", users)
    for name, url in urls(draft.pk).items():
        if name == "walk_in":
            client = login("cs", users)
        assert client.put(url).status_code == 405, name
        assert client.delete(url).status_code == 405, name
    assert login("applicant", users).post("/pemohon/").status_code == 405


def test_csrf_is_enforced(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["applicant"])
    assert client.post("/pemohon/permohonan/baru/", NEW_FORM).status_code == 403
    assert Application.objects.count() == 0


def test_unknown_section_is_404(users, draft):
    assert login("applicant", users).get(f"/pemohon/permohonan/{draft.pk}/ubah/tidak-ada/").status_code == 404


# --- My applications ------------------------------------------------------------------------


def test_my_applications_lists_stage_due_date_and_the_reason_to_fix(users, draft):
    returned = new_application(users)
    take_action(application=returned, name="submit", by=users["applicant"], data={})
    take_action(
        application=returned,
        name="cs_return",
        by=users["cs"],
        data={"reason": "Akta perusahaan buram, unggah ulang."},
    )
    client = login("applicant", users)
    page = client.get("/pemohon/").content.decode()
    assert "Dikembalikan CS untuk dilengkapi" in page and "Draf pemohon" in page
    assert "Akta perusahaan buram, unggah ulang." in page
    assert "Yang perlu Anda perbaiki" in page
    assert f"/permohonan/{draft.pk}/" in page
    assert f"/pemohon/permohonan/{draft.pk}/ubah/jenis-profil/" in page
    assert f"/pemohon/permohonan/{returned.pk}/dokumen/" in page
    assert "Langkah 3" in page and "Langkah 4" in page


def test_my_applications_shows_registration_number_due_date_and_overdue(users, draft):
    Application.objects.filter(pk=draft.pk).update(
        state="registered",
        registration_number="PAK/2026/0042",
        due_date=date(2020, 1, 10),
        step_due_date=date(2020, 1, 3),
    )
    page = login("applicant", users).get("/pemohon/").content.decode()
    assert "PAK/2026/0042" in page
    assert "10 Januari 2020" in page
    assert "terlambat" in page


def test_my_applications_empty_state(users):
    page = login("applicant2", users).get("/pemohon/").content.decode()
    assert "Belum ada permohonan" in page


def test_my_applications_constant_number_of_queries(users, django_assert_max_num_queries):
    client = login("applicant", users)
    new_application(users)
    with django_assert_max_num_queries(8) as one:
        client.get("/pemohon/")
    for _ in range(9):
        new_application(users)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get("/pemohon/")
    assert response.content.decode().count("application-card") == 10


# --- New application (the guided form) -------------------------------------------------------


def test_new_application_page_has_the_sections_and_labels(users):
    page = login("applicant", users).get("/pemohon/permohonan/baru/").content.decode()
    for title in ("Jenis &amp; profil", "Perusahaan", "Direktur &amp; PJT", "Bangunan &amp; alat"):
        assert title in page
    for field in NEW_FORM:
        if field != "permit_type" and field != "building__status":
            assert f'for="id_{field}"' in page, field
    assert 'for="id_building__status_0"' in page


def test_new_application_prefills_the_accounts_company(users, draft):
    page = login("applicant", users).get("/pemohon/permohonan/baru/").content.decode()
    assert 'value="1234567890123"' in page and 'value="Contoh Medika"' in page


def test_new_application_creates_the_draft_then_goes_to_the_agent_section(users):
    client = login("applicant", users)
    response = client.post("/pemohon/permohonan/baru/", NEW_FORM)
    assert response.status_code == 302
    app = Application.objects.get()
    assert response["Location"] == f"/pemohon/permohonan/{app.pk}/ubah/kuasa/"
    assert app.state == "draft" and not app.walk_in
    assert app.company.nib == "9876543210123" and users["applicant"] in app.company.members.all()
    assert app.device_categories == [
        "Alat kesehatan non-elektromedik steril",
        "Alat kesehatan diagnostik in vitro",
    ]
    assert app.log.filter(action="create").count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"company__npwp": "01.855.081.5-412.000"}, "company__npwp", "NPWP tidak valid"),
        ({"company__nib": "12345"}, "company__nib", "NIB harus 13 digit"),
        ({"director__nik": "1234"}, "director__nik", "NIK tidak valid"),
        ({"technical_lead__education": "SMA"}, "technical_lead__education", "minimal berpendidikan D3"),
        (
            {"building__status": "leased", "building__lease_until": "2026-12-31"},
            "building__lease_until",
            "minimal 2 tahun",
        ),
        (
            {"building__status": "leased", "building__lease_until": "31/12/2030"},
            "building__lease_until",
            "Tanggal tidak valid",
        ),
        ({"kind": "change"}, "previous_licence_number", "nomor izin lama"),
        ({"company__name": ""}, "company__name", "wajib diisi"),
        ({"company__legal_form": "LLC"}, "company__legal_form", "Bentuk badan usaha tidak dikenal"),
        ({"profile__radiation": "on"}, "profile__radiation", "centang juga elektromedik"),
        ({"kind": "sulap"}, "kind", "Jenis permohonan tidak dikenal"),
    ],
)
def test_new_application_errors_next_to_their_field_nothing_created(users, change, field, message):
    client = login("applicant", users)
    response = client.post("/pemohon/permohonan/baru/", {**NEW_FORM, **change})
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page, page[:3000]
    assert message in page
    error_id = f"id_{field}_error"
    if field != "building__status":
        tag = page[page.index(f'id="id_{field}"') - 400 : page.index(f'id="id_{field}"') + 400]
        assert error_id in tag and "is-invalid" in tag
    assert Application.objects.count() == 0 and Company.objects.filter(nib="9876543210123").count() == 0


def test_new_application_unknown_permit_type_is_404(users):
    assert (
        login("applicant", users)
        .post("/pemohon/permohonan/baru/", {**NEW_FORM, "permit_type": "ZZZ"})
        .status_code
        == 404
    )


# --- Editing a section ------------------------------------------------------------------------


def test_edit_section_is_prefilled_and_saves_the_whole_draft(users, empty_draft):
    client = login("applicant", users)
    url = f"/pemohon/permohonan/{empty_draft.pk}/ubah/direktur-pjt/"
    page = client.get(url).content.decode()
    assert 'value="Rudi Hartono"' in page and 'value="6471011501900001"' in page
    response = client.post(url, {
        "director__name": "Rina Marlina", "director__nik": "6471015501900002",
        "technical_lead__name": "Siti Rahmawati, A.Md.", "technical_lead__nik": "6471015501900002",
        "technical_lead__education": "S1",
    })  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"/pemohon/permohonan/{empty_draft.pk}/ubah/bangunan-alat/"
    empty_draft.refresh_from_db()
    assert empty_draft.director_name == "Rina Marlina" and empty_draft.tech_lead_education == "S1"
    assert empty_draft.company.name == "Contoh Medika"  # the rest of the draft unchanged
    assert empty_draft.log.filter(action="edit").count() == 1


def test_last_section_goes_to_documents_and_agent_adds_requirement_34(users, empty_draft):
    client = login("applicant", users)
    response = client.post(
        f"/pemohon/permohonan/{empty_draft.pk}/ubah/kuasa/",
        {"agent__name": "Yusuf Biro Jasa", "agent__nik": "6471011501900001", "signer_name": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/pemohon/permohonan/{empty_draft.pk}/dokumen/"
    page = client.get(response["Location"]).content.decode()
    assert 'id="doc-34"' in page and 'id="doc-35"' not in page


def test_edit_agent_without_nik_is_refused_next_to_the_field(users, empty_draft):
    response = login("applicant", users).post(
        f"/pemohon/permohonan/{empty_draft.pk}/ubah/kuasa/", {"agent__name": "Yusuf", "agent__nik": ""}
    )
    assert response.status_code == 422
    assert 'id="id_agent__nik_error"' in response.content.decode()
    empty_draft.refresh_from_db()
    assert empty_draft.agent_name == ""


def test_edit_error_in_another_section_links_to_it(users, empty_draft):
    Application.objects.filter(pk=empty_draft.pk).update(director_nik="1234")
    response = login("applicant", users).post(
        f"/pemohon/permohonan/{empty_draft.pk}/ubah/kuasa/", {"agent__name": "", "signer_name": ""}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert f'href="/pemohon/permohonan/{empty_draft.pk}/ubah/direktur-pjt/"' in page
    assert "NIK tidak valid" in page


def test_edit_cannot_change_the_nib(users, empty_draft):
    client = login("applicant", users)
    url = f"/pemohon/permohonan/{empty_draft.pk}/ubah/perusahaan/"
    assert "readonly" in client.get(url).content.decode()
    data = {k: v for k, v in NEW_FORM.items() if k.startswith("company__")}
    response = client.post(url, data)
    assert response.status_code == 422
    assert 'id="id_company__nib_error"' in response.content.decode()
    empty_draft.refresh_from_db()
    assert empty_draft.company.nib == "1234567890123" and empty_draft.company.name == "Contoh Medika"


def test_edit_after_submission_says_why_and_changes_nothing(users, draft):
    take_action(application=draft, name="submit", by=users["applicant"], data={})
    client = login("applicant", users)
    url = f"/pemohon/permohonan/{draft.pk}/ubah/direktur-pjt/"
    page = client.get(url)
    assert page.status_code == 200 and "tidak dapat diubah" in page.content.decode()
    assert 'name="director__name"' not in page.content.decode()
    response = client.post(url, {"director__name": "Orang Lain"})
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.director_name == "Rudi Hartono"


# --- Documents --------------------------------------------------------------------------------


def test_documents_page_lists_requirements_with_missing_summary_and_limit(users, empty_draft, settings):
    settings.PERIZINAN_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    page = login("applicant", users).get(f"/pemohon/permohonan/{empty_draft.pk}/dokumen/").content.decode()
    assert 'id="doc-1"' in page and 'id="doc-29"' in page and 'id="doc-7"' not in page
    assert "Masih kurang" in page
    assert "5,0\xa0MB" in page or "5,0 MB" in page or "5.0" in page
    assert 'accept="application/pdf,image/jpeg,image/png' in page
    assert 'for="file-1"' in page
    assert "Serahkan permohonan" in page  # the next action, on the application page


def test_upload_plain_post_stores_and_redirects(users, empty_draft):
    client = login("applicant", users)
    url = f"/pemohon/permohonan/{empty_draft.pk}/dokumen/"
    response = client.post(url, {"requirement": "4", "file": pdf_upload("akta.pdf")})
    assert response.status_code == 302 and response["Location"] == url + "#doc-4"
    doc = Document.objects.get(application=empty_draft, is_current=True)
    assert doc.requirement.number == 4 and doc.original_name == "akta.pdf"
    page = client.get(url).content.decode()
    assert "akta.pdf" in page


def test_upload_with_htmx_returns_the_row_and_the_summary(users, empty_draft):
    client = login("applicant", users)
    response = client.post(
        f"/pemohon/permohonan/{empty_draft.pk}/dokumen/",
        {"requirement": "5", "file": pdf_upload("npwp.pdf")},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<li class="list-group-item doc-row is-present')
    assert 'id="doc-5"' in html and 'data-present="1"' in html and "npwp.pdf" in html
    assert 'id="missing-summary"' in html and 'hx-swap-oob="true"' in html
    assert "tersimpan" in html


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("catatan.pdf", b"bukan pdf sama sekali", content_type="application/pdf"),
            "Jenis berkas tidak diterima",
        ),
        (SimpleUploadedFile("rusak.pdf", b"%PDF-1.4 rusak", content_type="application/pdf"), "rusak"),
        (SimpleUploadedFile("kosong.pdf", b"", content_type="application/pdf"), ""),
        (None, "Pilih berkas"),
    ],
)
def test_refused_upload_is_shown_next_to_the_field_and_nothing_is_stored(users, empty_draft, upload, message):
    client = login("applicant", users)
    data: dict[str, Any] = {"requirement": "4"}
    if upload is not None:
        data["file"] = upload
    for headers in ({}, {"HX-Request": "true"}):
        if upload is not None:
            upload.seek(0)
        response = client.post(f"/pemohon/permohonan/{empty_draft.pk}/dokumen/", data, headers=headers)
        assert response.status_code == 422
        html = response.content.decode()
        assert 'id="file-4-error"' in html and message in html
        assert 'aria-describedby="upload-hint file-4-error"' in html
    assert Document.objects.filter(application=empty_draft).count() == 0


def test_too_big_upload_names_the_limit(users, empty_draft, settings):
    settings.PERIZINAN_UPLOAD_MAX_BYTES = 100
    response = login("applicant", users).post(
        f"/pemohon/permohonan/{empty_draft.pk}/dokumen/",
        {"requirement": "4", "file": pdf_upload("besar.pdf")},
    )
    assert response.status_code == 422
    assert "terlalu besar" in response.content.decode()
    assert Document.objects.count() == 0


def test_upload_for_a_requirement_that_does_not_apply(users, empty_draft):
    client = login("applicant", users)
    url = f"/pemohon/permohonan/{empty_draft.pk}/dokumen/"
    response = client.post(url, {"requirement": "7", "file": pdf_upload("bkpm.pdf")})
    assert response.status_code == 422 and "tidak berlaku" in response.content.decode()
    htmx = client.post(url, {"requirement": "x", "file": pdf_upload("x.pdf")}, headers={"HX-Request": "true"})
    assert htmx.status_code == 422 and htmx["HX-Retarget"] == "#upload-errors"
    assert Document.objects.count() == 0


def test_documents_after_submission_say_why_and_refuse_uploads(users, draft):
    take_action(application=draft, name="submit", by=users["applicant"], data={})
    client = login("applicant", users)
    url = f"/pemohon/permohonan/{draft.pk}/dokumen/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "tidak dapat diubah" in html and 'type="file"' not in html
    before = Document.objects.filter(application=draft).count()
    assert client.post(url, {"requirement": "4", "file": pdf_upload("lagi.pdf")}).status_code == 409
    assert Document.objects.filter(application=draft).count() == before


def test_returned_application_can_be_fixed_and_resubmitted(users, draft):
    take_action(application=draft, name="submit", by=users["applicant"], data={})
    draft.refresh_from_db()
    take_action(application=draft, name="cs_return", by=users["cs"], data={"reason": "NPWP tidak terbaca"})
    client = login("applicant", users)
    response = client.post(
        f"/pemohon/permohonan/{draft.pk}/dokumen/", {"requirement": "5", "file": pdf_upload("npwp-baru.pdf")}
    )
    assert response.status_code == 302
    assert (
        Document.objects.get(application=draft, requirement__number=5, is_current=True).original_name
        == "npwp-baru.pdf"
    )
    assert client.post(f"/permohonan/{draft.pk}/aksi/resubmit_to_cs/", {}).status_code == 302
    draft.refresh_from_db()
    assert draft.state == "submitted"


# --- Walk-in ----------------------------------------------------------------------------------


def test_walk_in_form_puts_the_agent_first(users):
    page = login("cs", users).get("/petugas/loket/baru/").content.decode()
    assert page.index('id="id_agent__name"') < page.index('id="id_company__name"')
    assert "Surat Kuasa Pengurusan" in page


def test_walk_in_creates_a_walk_in_draft_and_cs_completes_and_submits_it(users):
    client = login("cs", users)
    data = {**NEW_FORM, "agent__name": "Yusuf Biro Jasa", "agent__nik": "6471011501900001", "signer_name": ""}
    response = client.post("/petugas/loket/baru/", data)
    assert response.status_code == 302
    app = Application.objects.get()
    assert response["Location"] == f"/pemohon/permohonan/{app.pk}/dokumen/"
    assert app.walk_in and app.agent_name == "Yusuf Biro Jasa"
    assert app.company.members.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert 'id="doc-34"' in page and "Kotak tugas" in page

    for row in checklist(app):
        if row["stage"] == "submission":
            r = client.post(
                response["Location"],
                {"requirement": str(row["number"]), "file": pdf_upload(f"{row['number']}.pdf")},
            )
            assert r.status_code == 302, row
    assert "submit" in [a.name for a in available_actions(users["cs"], app)]
    assert client.post(f"/permohonan/{app.pk}/aksi/submit/", {}).status_code == 302
    app.refresh_from_db()
    assert app.state == "submitted"


def test_walk_in_invalid_input_creates_nothing(users):
    response = login("cs", users).post(
        "/petugas/loket/baru/", {**NEW_FORM, "agent__name": "Yusuf", "agent__nik": "99"}
    )
    assert response.status_code == 422
    assert 'id="id_agent__nik_error"' in response.content.decode()
    assert Application.objects.count() == 0


def test_sample_pdf_is_accepted():  # the e2e tests upload these bytes from files
    assert sample_pdf("x").startswith(b"%PDF-")


def test_pages_render_in_english_too(users, empty_draft):
    client = login("applicant", users)
    for url in ("/pemohon/", "/pemohon/permohonan/baru/", f"/pemohon/permohonan/{empty_draft.pk}/dokumen/",
                f"/pemohon/permohonan/{empty_draft.pk}/ubah/perusahaan/"):  # fmt: skip
        response = client.get(url, headers={"Accept-Language": "en"})
        assert response.status_code == 200, url
        assert '<html lang="en">' in response.content.decode()
