"""The kiosk, printed ticket, counter, board and time report pages, with their permission edges."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from perizinan.frontoffice.models import QueueTicket, TicketStatus
from perizinan.frontoffice.services import ensure_services
from perizinan.workdays.calendar import WITA
from tests.helpers import create_complete

pytestmark = pytest.mark.django_db


def logged_in(users, username: str) -> Client:
    c = Client()
    c.force_login(users[username])
    return c


def test_kiosk_issues_a_printable_ticket(client, users, open_hours):
    page = client.get("/antrian/")
    assert page.status_code == 200
    assert "Ambil nomor antrian" in page.content.decode()
    r = client.post("/antrian/", {"service": "pickup", "phone": "081234567890"})
    assert r.status_code == 302
    ticket = client.get(r["Location"])
    body = ticket.content.decode()
    assert ticket.status_code == 200
    assert "C-001" in body and "data-print" in body and "10.00 WITA" in body
    assert QueueTicket.objects.get().phone == "+6281234567890"


def test_kiosk_names_the_bad_phone_field(client, users, open_hours):
    r = client.post("/antrian/", {"service": "cs", "phone": "abc"})
    assert r.status_code == 400
    assert "Nomor HP tidak valid" in r.content.decode()
    assert not QueueTicket.objects.exists()


def test_kiosk_in_english(client, users, open_hours):
    r = client.post("/antrian/", {"service": "cs", "phone": "abc"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Invalid mobile number" in r.content.decode()


def test_kiosk_closed_shows_the_next_opening(client, users):
    with time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=WITA), tick=False):
        r = client.post("/antrian/", {"service": "cs"})
    assert r.status_code == 409
    assert "7 Desember 2026 08.00 WITA" in r.content.decode()


def test_ticket_link_cannot_be_guessed(client, users, open_hours):
    assert client.get("/antrian/tiket/1/").status_code == 404


def test_counter_edges(client, users, open_hours):
    assert client.get("/antrian/loket/")["Location"].startswith("/akun/masuk/")
    assert logged_in(users, "applicant").get("/antrian/loket/").status_code == 403
    assert logged_in(users, "verifier").get("/antrian/loket/").status_code == 403
    assert logged_in(users, "info").get("/antrian/loket/?service=cs").status_code == 403
    assert logged_in(users, "cs").get("/antrian/loket/panggil/").status_code == 405
    assert logged_in(users, "cs").get("/antrian/loket/").status_code == 200


def test_counter_calls_serves_and_links_a_ticket(client, users, api, application_data, open_hours):
    app_id = create_complete(api, application_data)
    client.post("/antrian/", {"service": "cs"})
    cs = logged_in(users, "cs")
    cs.get("/antrian/loket/?service=cs&counter=3")
    cs.post("/antrian/loket/panggil/")
    page = cs.get("/antrian/loket/").content.decode()
    assert "B-001" in page and "Loket 3" in page
    t = QueueTicket.objects.get()
    assert (t.status, t.counter, t.served_by) == (TicketStatus.CALLED, "3", users["cs"])
    board = client.get("/antrian/layar/isi/").content.decode()
    assert "B-001" in board and "silakan menuju loket 3" in board
    cs.post(f"/antrian/loket/tiket/{t.pk}/link/", {"registration_number": str(app_id)})
    assert QueueTicket.objects.get().application_id == app_id
    assert f"/permohonan/{app_id}/" in cs.get("/antrian/loket/").content.decode()
    bad = cs.post(f"/antrian/loket/tiket/{t.pk}/link/", {"registration_number": "nope"}, follow=True)
    assert "tidak ditemukan" in bad.content.decode()
    open_hours.shift(timedelta(minutes=12))
    cs.post(f"/antrian/loket/tiket/{t.pk}/done/")
    assert QueueTicket.objects.get().service_seconds == 720


def test_counter_actions_on_another_services_ticket(client, users, open_hours):
    client.post("/antrian/", {"service": "pickup"})
    t = QueueTicket.objects.get()
    assert logged_in(users, "cs").post(f"/antrian/loket/tiket/{t.pk}/skip/").status_code == 403
    assert logged_in(users, "pickup").post("/antrian/loket/tiket/999999/skip/").status_code == 404
    assert logged_in(users, "pickup").post(f"/antrian/loket/tiket/{t.pk}/explode/").status_code == 404
    assert logged_in(users, "pickup").get(f"/antrian/loket/tiket/{t.pk}/skip/").status_code == 405
    assert client.post(f"/antrian/loket/tiket/{t.pk}/skip/")["Location"].startswith("/akun/masuk/")


def test_board_is_public(client, users):
    r = client.get("/antrian/layar/")
    assert r.status_code == 200
    assert 'hx-trigger="every 3s"' in r.content.decode()
    assert client.post("/antrian/layar/").status_code == 405


def test_stats_for_supervisors(client, users, open_hours):
    client.post("/antrian/", {"service": "info"})
    info = logged_in(users, "info")
    info.get("/antrian/loket/?service=info&counter=1")
    open_hours.shift(timedelta(minutes=5))
    info.post("/antrian/loket/panggil/")
    open_hours.shift(timedelta(minutes=10))
    info.post(f"/antrian/loket/tiket/{QueueTicket.objects.get().pk}/done/")
    assert info.get("/antrian/statistik/").status_code == 403
    page = logged_in(users, "supervisor").get("/antrian/statistik/?from=2026-12-02&to=2026-12-02")
    assert page.status_code == 200
    row = page.content.decode()
    assert "<td>10.00</td><td>1</td><td>1</td><td>5,0</td><td>10,0</td>" in row
    assert logged_in(users, "supervisor").get("/antrian/statistik/?from=kemarin").status_code == 200


def test_counter_transfers_a_visitor(client, users, open_hours):
    client.post("/antrian/", {"service": "info"})
    info = logged_in(users, "info")
    info.get("/antrian/loket/?service=info&counter=1")
    info.post("/antrian/loket/panggil/")
    t = QueueTicket.objects.get()
    page = info.post(
        f"/antrian/loket/tiket/{t.pk}/transfer/", {"service": "cs"}, follow=True
    ).content.decode()
    assert "Pengunjung dialihkan dengan nomor B-001" in page
    bad = info.post(f"/antrian/loket/tiket/{t.pk}/transfer/", {"service": "cs"}, follow=True).content.decode()
    assert "Tiket ini sudah selesai" in bad


def test_service_hours_are_checked_in_the_admin(users):
    svc = ensure_services()[0]
    svc.service_hours = {"0": ["19:00", "08:00"], "9": ["08:00", "10:00"]}
    with pytest.raises(ValidationError) as err:
        svc.full_clean()
    assert len(err.value.message_dict["service_hours"]) == 2
    svc.service_hours = {"0": ["07:30", "12:00"]}
    svc.full_clean()
