"""Officer pages with the Django test client: edges, constant query counts, login throttling."""

import pytest
from django.conf import settings
from django.test import Client

from perizinan.demo import new_application
from perizinan.workflow.services import take_action

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def submitted(users, n: int) -> list:  # type: ignore[no-untyped-def]
    apps = []
    for _ in range(n):
        app = new_application(users)
        take_action(application=app, name="submit", by=users["applicant"], data={})
        apps.append(app)
    return apps


def test_inbox_and_supervision_edges(client, users):
    assert client.get("/petugas/").status_code == 302  # anonymous -> login
    assert client_for(users["applicant"]).get("/petugas/").status_code == 403
    assert client_for(users["cs"]).post("/petugas/").status_code == 405
    assert client_for(users["cs"]).get("/petugas/pengawasan/").status_code == 403
    assert client_for(users["supervisor"]).get("/petugas/pengawasan/").status_code == 200


def test_inbox_queries_do_not_grow_with_applications(users, django_assert_max_num_queries):
    cs = client_for(users["cs"])
    submitted(users, 2)
    with django_assert_max_num_queries(12):
        assert cs.get("/petugas/").status_code == 200
    submitted(users, 8)
    with django_assert_max_num_queries(12):
        r = cs.get("/petugas/?q=Contoh")
    assert r.status_code == 200 and r.content.count(b"/permohonan/") >= 10
    head = client_for(users["section_head"])
    with django_assert_max_num_queries(12):
        assert head.get("/petugas/pengawasan/").status_code == 200


def test_application_page_queries_are_bounded(users, django_assert_max_num_queries):
    [app] = submitted(users, 1)
    cs = client_for(users["cs"])
    with django_assert_max_num_queries(45):
        r = cs.get(f"/permohonan/{app.pk}/")
    assert r.status_code == 200
    assert "Nyatakan lengkap dan benar" in r.content.decode()


def test_application_page_edges(client, users):
    [app] = submitted(users, 1)
    assert client.get(f"/permohonan/{app.pk}/").status_code == 302
    assert client_for(users["applicant2"]).get(f"/permohonan/{app.pk}/").status_code == 404
    assert client_for(users["cs"]).post(f"/permohonan/{app.pk}/").status_code == 405
    assert client_for(users["cs"]).get(f"/permohonan/{app.pk}/aksi/cs_accept/").status_code == 405
    assert client_for(users["verifier"]).post(f"/permohonan/{app.pk}/aksi/cs_accept/").status_code == 403
    assert client_for(users["cs"]).post(f"/permohonan/{app.pk}/aksi/tidak_ada/").status_code == 404
    doc = app.documents.first()
    assert client_for(users["applicant2"]).get(f"/permohonan/{app.pk}/berkas/{doc.pk}/").status_code == 404
    r = client_for(users["cs"]).get(f"/permohonan/{app.pk}/berkas/{doc.pk}/")
    assert r.status_code == 200 and r["Content-Disposition"].startswith("inline")


def test_login_is_throttled_after_five_failures(client, users):
    for _ in range(5):
        r = client.post("/akun/masuk/", {"username": "cs", "password": "salah"})
        assert r.status_code == 200
    r = client.post("/akun/masuk/", {"username": "cs", "password": "demo12345"})
    assert "Terlalu banyak percobaan" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_security_headers(client):
    r = client.get("/")
    assert "script-src 'self'" in r["Content-Security-Policy"]
    assert "unsafe-inline" not in r["Content-Security-Policy"]

    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"
