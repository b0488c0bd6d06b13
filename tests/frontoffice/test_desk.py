"""Information desk (step 2): the consultation log, the enquiry search, forms by e-mail."""

import io

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from perizinan.accounts.models import Office
from perizinan.applications.models import Application
from perizinan.catalog.models import PermitType
from perizinan.frontoffice.models import Consultation, FormMailing
from tests.e2e.smtp import smtp_fixture  # noqa: F401  (provides the `smtp` fixture)
from tests.helpers import create_complete, run_until

from .worker import run_worker

pytestmark = pytest.mark.django_db


def logged_in(users, username: str) -> Client:
    c = Client()
    c.force_login(users[username])
    return c


def test_desk_pages_edges(client, users):
    for url in (
        "/layanan-informasi/",
        "/layanan-informasi/cari/",
        "/layanan-informasi/kirim-formulir/",
        "/kantor-depan/",
    ):
        assert client.get(url)["Location"].startswith("/akun/masuk/"), url
        assert logged_in(users, "applicant").get(url).status_code == 403, url
        assert logged_in(users, "verifier").get(url).status_code == 403, url
        for role in ("info", "cs", "helpdesk"):
            assert logged_in(users, role).get(url).status_code == 200, (url, role)
    assert logged_in(users, "info").delete("/layanan-informasi/").status_code == 405
    assert logged_in(users, "info").post("/layanan-informasi/cari/").status_code == 405


def test_consultation_is_logged_with_feedback(users, open_hours):
    info = logged_in(users, "info")
    info.post("/antrian/", {"service": "info"})
    r = info.post(
        "/layanan-informasi/",
        {
            "visitor_name": "Budi",
            "visitor_contact": "0812000111",
            "channel": "phone",
            "topic": "Syarat izin PAK untuk PMA",
            "duration_minutes": "12",
            "outcome": "forms_given",
            "feedback": "4",
            "ticket_number": "A-001",
        },
    )
    assert r.status_code == 302
    c = Consultation.objects.get()
    assert (c.desk, c.channel, c.duration_minutes, c.feedback, c.officer) == (
        "info",
        "phone",
        12,
        4,
        users["info"],
    )
    assert c.ticket is not None and c.ticket.number == "A-001"
    assert "Syarat izin PAK untuk PMA" in info.get("/layanan-informasi/").content.decode()


def test_consultation_errors_name_the_field(users, open_hours):
    r = logged_in(users, "info").post(
        "/layanan-informasi/",
        {"visitor_name": "", "channel": "fax", "topic": "x", "duration_minutes": "0", "ticket_number": "Z-9"},
    )
    assert r.status_code == 400
    body = r.content.decode()
    assert "Nama pengunjung" in body and "Tiket antrian dengan nomor itu tidak ada hari ini" in body
    assert not Consultation.objects.exists()


def test_enquiry_search_finds_every_application_read_only(users, api, application_data):
    app_id = create_complete(api, application_data)
    other = dict(application_data, company={**application_data["company"], "name": "PT Lain Sejahtera"})
    create_complete(api, other, owner="applicant2")
    run_until(api, app_id, stop_before="verify")
    info = logged_in(users, "info")
    page = info.get("/layanan-informasi/cari/", {"q": "Lain Sejahtera"}).content.decode()
    assert "PT Lain Sejahtera" in page and "1 permohonan ditemukan" in page
    npwp = application_data["company"]["npwp"]
    assert "2 permohonan ditemukan" in info.get("/layanan-informasi/cari/", {"q": npwp}).content.decode()

    reg = Application.objects.get(pk=app_id).registration_number
    found = info.get("/layanan-informasi/cari/", {"q": reg}).content.decode()
    assert reg in found and "Langkah 7" in found
    assert '<form method="post"' not in found.split("<main")[1]  # nothing to act on
    assert info.get("/layanan-informasi/cari/", {"q": "ab"}).status_code == 400


@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as in production
def test_forms_are_mailed_after_commit_by_the_worker(
    users, smtp, settings, django_capture_on_commit_callbacks
):
    smtp.use(settings)
    office = Office.current()  # the office's own name and hours, as edited in the admin
    office.name, office.service_hours = (
        "DPMPTSP Provinsi Contoh",
        {"0": ["07:30", "16:00"], "1": ["07:30", "16:00"]},
    )
    office.save()
    info = logged_in(users, "info")

    pak = PermitType.objects.get(code="PAK")
    r = info.post(
        "/layanan-informasi/kirim-formulir/",
        {
            "email": "calon@pemohon.id",
            "permit_type": pak.pk,
            "kind": "new",
            "forms": ["application_form", "checklist_form"],
        },
    )
    assert r.status_code == 302
    assert smtp.messages == []  # nothing is sent inside the request
    run_worker()
    message = smtp.wait_for("calon@pemohon.id")
    body = smtp.body(message)
    assert "Daftar persyaratan" in body and "1. " in body
    assert "Jam pelayanan: Senin–Selasa 07.30–16.00 WITA." in body
    assert "layanan informasi DPMPTSP Provinsi Contoh." in body and "Kalimantan" not in body
    pdfs = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert sorted(p.get_filename() for p in pdfs) == ["application_form.pdf", "checklist_form.pdf"]
    text = PdfReader(io.BytesIO(pdfs[0].get_content())).pages[0].extract_text()
    assert text.strip()
    assert FormMailing.objects.get().status == "sent"
    run_worker()  # idempotent: a second run sends nothing
    assert len(smtp.messages) == 1


@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as in production
def test_forms_mail_in_english(users, smtp, settings):
    smtp.use(settings)

    pak = PermitType.objects.get(code="PAK")
    logged_in(users, "cs").post(
        "/layanan-informasi/kirim-formulir/",
        {"email": "someone@example.com", "permit_type": pak.pk, "kind": "change"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    run_worker()
    body = smtp.body(smtp.wait_for("someone@example.com"))
    assert "List of requirements" in body
    assert "Service hours: Monday–Thursday 08.00–19.00 WITA, Friday 08.00–11.00 WITA." in body


def test_forms_mail_errors_name_the_field(users):
    r = logged_in(users, "info").post(
        "/layanan-informasi/kirim-formulir/", {"email": "not-an-address", "kind": "new"}
    )
    assert r.status_code == 400
    assert "Alamat e-mail penerima" in r.content.decode()
    assert not FormMailing.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection, as in production
def test_failed_mail_is_retried_later(users, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9},
        }
    }

    pak = PermitType.objects.get(code="PAK")
    logged_in(users, "info").post(
        "/layanan-informasi/kirim-formulir/", {"email": "a@b.id", "permit_type": pak.pk, "kind": "new"}
    )
    run_worker()
    mailing = FormMailing.objects.get()
    assert mailing.status == "pending" and mailing.error

    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after is not None and retry.args_kwargs["args"] == [mailing.pk, 2]
