"""Help desk (step 5): consultations requested by CS, answered by the help desk, logged in the process map."""

import pytest
from django.test import Client

from perizinan.frontoffice.models import Consultation
from perizinan.workflow.models import ProcessLogEntry
from tests.helpers import act, create_complete

pytestmark = pytest.mark.django_db


def logged_in(users, username: str) -> Client:
    c = Client()
    c.force_login(users[username])
    return c


@pytest.fixture
def submitted(api, application_data):  # type: ignore[no-untyped-def]
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    return app_id


def test_cs_asks_and_the_help_desk_answers_into_the_process_log(users, submitted):
    cs, hd = logged_in(users, "cs"), logged_in(users, "helpdesk")
    r = cs.post("/help-desk/", {"application": str(submitted), "topic": "Izin edar alat radiasi?"})
    assert r.status_code == 302
    c = Consultation.objects.get()
    assert (c.desk, c.requested_by, c.application_id, c.ended_at) == (
        "helpdesk",
        users["cs"],
        submitted,
        None,
    )
    assert "Menunggu help desk" in hd.get("/help-desk/").content.decode()
    r = hd.post(
        f"/help-desk/{c.pk}/selesai/",
        {"explanation": "Perlu izin BAPETEN.", "duration_minutes": "20", "outcome": "answered"},
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.officer == users["helpdesk"] and c.duration_minutes == 20 and c.log_entry is not None
    entry = ProcessLogEntry.objects.get(application_id=submitted, action="helpdesk_consult")
    assert entry == c.log_entry and entry.step == 5
    page = cs.get(f"/help-desk/?application={submitted}").content.decode()
    assert (
        "Perlu izin BAPETEN." in page
        and "sesuai standar 10–30 menit" in page
        and "tercatat di map pengendali" in page
    )


def test_duration_outside_the_standard_is_shown(users, submitted):
    logged_in(users, "cs").post("/help-desk/", {"application": str(submitted), "topic": "Tanya"})
    c = Consultation.objects.get()
    logged_in(users, "helpdesk").post(
        f"/help-desk/{c.pk}/selesai/", {"explanation": "Dijawab.", "duration_minutes": "45"}
    )
    assert "melebihi 30 menit" in logged_in(users, "cs").get("/help-desk/").content.decode()


def test_request_for_a_ticket_without_an_application(users, client, open_hours):
    client.post("/antrian/", {"service": "cs"})
    r = logged_in(users, "cs").post("/help-desk/", {"ticket_number": "B-001", "topic": "Belum punya NIB"})
    assert r.status_code == 302
    c = Consultation.objects.get()
    assert c.ticket is not None and c.application is None and c.visitor_name == "B-001"
    logged_in(users, "helpdesk").post(
        f"/help-desk/{c.pk}/selesai/", {"explanation": "Daftar OSS dulu.", "duration_minutes": "10"}
    )
    c.refresh_from_db()
    assert c.ended_at is not None and c.log_entry is None


def test_request_needs_an_application_or_ticket(users):
    r = logged_in(users, "cs").post("/help-desk/", {"topic": "x"})
    assert r.status_code == 400
    assert "Isi nomor permohonan atau nomor antrian" in r.content.decode()
    r = logged_in(users, "cs").post("/help-desk/", {"application": "NOPE-1", "topic": "x"})
    assert "Permohonan dengan nomor itu tidak ditemukan" in r.content.decode()


def test_helpdesk_edges(users, client, submitted):
    assert client.get("/help-desk/")["Location"].startswith("/akun/masuk/")
    assert logged_in(users, "applicant").get("/help-desk/").status_code == 403
    assert logged_in(users, "info").get("/help-desk/").status_code == 403
    assert logged_in(users, "supervisor").get("/help-desk/").status_code == 200
    # only CS asks, only the help desk answers
    assert (
        logged_in(users, "helpdesk")
        .post("/help-desk/", {"application": str(submitted), "topic": "x"})
        .status_code
        == 403
    )
    logged_in(users, "cs").post("/help-desk/", {"application": str(submitted), "topic": "x"})
    c = Consultation.objects.get()
    assert (
        logged_in(users, "cs")
        .post(f"/help-desk/{c.pk}/selesai/", {"explanation": "y", "duration_minutes": "5"})
        .status_code
        == 403
    )
    assert (
        logged_in(users, "helpdesk")
        .post("/help-desk/99999/selesai/", {"explanation": "y", "duration_minutes": "5"})
        .status_code
        == 404
    )
    assert logged_in(users, "helpdesk").get(f"/help-desk/{c.pk}/selesai/").status_code == 405
    hd = logged_in(users, "helpdesk")
    hd.post(f"/help-desk/{c.pk}/selesai/", {"explanation": "y", "duration_minutes": "15"})
    again = hd.post(
        f"/help-desk/{c.pk}/selesai/", {"explanation": "z", "duration_minutes": "15"}, follow=True
    )
    assert "Konsultasi ini sudah dicatat" in again.content.decode()
    assert ProcessLogEntry.objects.filter(action="helpdesk_consult").count() == 1
    bad = hd.post(f"/help-desk/{c.pk}/selesai/", {"explanation": "", "duration_minutes": "0"}, follow=True)
    assert "Durasi (menit)" in bad.content.decode()
