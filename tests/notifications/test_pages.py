"""Each person's channel choice, and the delivery status on the application page."""

import pytest
from django.test import Client

from perizinan.notifications.fanout import fan_out
from perizinan.notifications.models import ContactPreference, Notification
from perizinan.workflow.models import ProcessLogEntry
from tests.helpers import act, create_complete

pytestmark = pytest.mark.django_db


def logged_in(users, username: str) -> Client:
    c = Client()
    c.force_login(users[username])
    return c


def test_preferences_edges_and_save(client, users):
    assert client.get("/akun/notifikasi/")["Location"].startswith("/akun/masuk/")
    applicant = logged_in(users, "applicant")
    assert applicant.get("/akun/notifikasi/").status_code == 200
    assert applicant.put("/akun/notifikasi/").status_code == 405
    bad = applicant.post("/akun/notifikasi/", {"email": "on", "sms": "on", "phone": "", "language": "id"})
    assert bad.status_code == 400 and "Isi nomor HP untuk SMS atau WhatsApp" in bad.content.decode()
    bad = applicant.post("/akun/notifikasi/", {"sms": "on", "phone": "123", "language": "id"})
    assert bad.status_code == 400 and "Nomor HP tidak valid" in bad.content.decode()
    ok = applicant.post("/akun/notifikasi/", {"whatsapp": "on", "phone": "0812-3456-7890", "language": "en"})
    assert ok.status_code == 302
    pref = ContactPreference.objects.get(user=users["applicant"])
    assert (pref.email, pref.sms, pref.whatsapp, pref.phone, pref.language) == (
        False,
        False,
        True,
        "+6281234567890",
        "en",
    )
    assert logged_in(users, "cs").get("/akun/notifikasi/").status_code == 200


def test_delivery_status_on_the_application_page(api, application_data, users):
    app_id = create_complete(api, application_data)
    act(api, app_id, "applicant", "submit")
    entry = ProcessLogEntry.objects.get(application_id=app_id, action="submit")
    fan_out.call(event="submitted", entry_id=entry.pk, application_id=app_id)  # what the worker does
    n = Notification.objects.get()
    page = logged_in(users, "cs").get(f"/permohonan/{app_id}/").content.decode()
    assert "Pemberitahuan terkirim" in page and n.to in page and "Menunggu" in page
    mine = logged_in(users, "applicant").get(f"/permohonan/{app_id}/").content.decode()
    assert n.to in mine
    Notification.objects.filter(pk=n.pk).update(recipient=users["applicant2"])
    assert n.to not in logged_in(users, "applicant").get(f"/permohonan/{app_id}/").content.decode()
