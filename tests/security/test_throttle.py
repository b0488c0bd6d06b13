"""One throttle for every way in (perizinan/throttle.py): per account and per account+address for
sign-ins, per address and per looked-up object for anonymous lookups; a 429 with Retry-After."""

import io

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client

from perizinan.demo import new_application
from perizinan.workflow.services import take_action

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"


def client_at(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def token(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/auth/token", {"username": username, "password": password}, content_type="application/json"
    )


def registered(users):  # type: ignore[no-untyped-def]
    app = new_application(users)
    for actor, name, data in [
        ("applicant", "submit", {}),
        ("cs", "cs_accept", {"confirm_all": True}),
        ("registration", "register", {}),
    ]:
        take_action(application=app, name=name, by=users[actor], data=data)
        app.refresh_from_db()
    return app


def test_login_locks_the_account_not_the_address(users):
    office = client_at("10.1.1.1")
    for _ in range(5):
        assert office.post(LOGIN, {"username": "cs", "password": "salah"}).status_code == 200
    locked = office.post(LOGIN, {"username": "cs", "password": "demo12345"})
    assert locked.status_code == 429 and int(locked["Retry-After"]) > 0
    assert "Terlalu banyak percobaan" in locked.content.decode()
    assert "_auth_user_id" not in office.session
    # Another account behind the same office NAT signs in.
    other = client_at("10.1.1.1")
    assert other.post(LOGIN, {"username": "verifier", "password": "demo12345"}).status_code == 302
    # The locked account from another address is not locked by that address's failures.
    home = client_at("10.9.9.9")
    assert home.post(LOGIN, {"username": "cs", "password": "demo12345"}).status_code == 302


def test_login_counts_per_account_across_addresses(users, settings):
    settings.PERIZINAN_THROTTLES = {"login": {"account": (4, 900)}}
    for i in range(4):
        client_at(f"10.2.0.{i}").post(LOGIN, {"username": "cs", "password": "salah"})
    r = client_at("10.2.0.99").post(LOGIN, {"username": "cs", "password": "demo12345"})
    assert r.status_code == 429


def test_token_post_is_limited_and_shares_the_login_lock(users):
    c = client_at("10.3.3.3")
    for _ in range(5):
        assert token(c, "registration", "salah").status_code == 401
    r = token(c, "registration", "demo12345")
    assert r.status_code == 429 and int(r["Retry-After"]) > 0 and r.json()["detail"]
    # Locked by the web login: the API refuses too.
    web = client_at("10.4.4.4")
    for _ in range(5):
        web.post(LOGIN, {"username": "verifier", "password": "salah"})
    assert token(client_at("10.4.4.4"), "verifier", "demo12345").status_code == 429
    # Nobody else is hindered.
    assert token(client_at("10.4.4.4"), "cs", "demo12345").status_code == 200


def test_429_json_is_english_on_request(users):
    c = client_at("10.5.5.5")
    for _ in range(5):
        token(c, "cs", "salah")
    r = c.post(
        "/api/v1/auth/token",
        {"username": "cs", "password": "salah"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert r.status_code == 429 and "Too many attempts" in r.json()["detail"]


def test_counters_are_in_the_shared_database_cache(users, settings):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    token(client_at("10.6.6.6"), "cs", "salah")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM perizinan_cache WHERE cache_key LIKE %s", ["%throttle:login:%"])
        assert cursor.fetchone()[0] == 2  # the account, the account+address


def test_status_api_and_page_share_one_throttle(users, settings):
    settings.PERIZINAN_THROTTLES = {"status": {"address": (3, 900)}}
    app = registered(users)
    c = client_at("10.7.7.7")
    for _ in range(2):
        assert c.get(f"/api/v1/status/{app.registration_number}", {"code": "WRONG123"}).status_code == 404
    page = c.post("/status/", {"registration_number": app.registration_number, "code": "WRONG123"})
    assert page.status_code == 404
    api = c.get(f"/api/v1/status/{app.registration_number}", {"code": app.status_code})
    assert api.status_code == 429 and int(api["Retry-After"]) > 0
    page = c.post("/status/", {"registration_number": app.registration_number, "code": app.status_code})
    assert page.status_code == 429 and page["Retry-After"]


def test_status_guessing_one_number_from_many_addresses_is_limited(users, settings):
    settings.PERIZINAN_THROTTLES = {"status": {"object": (3, 900)}}
    app = registered(users)
    for i in range(3):
        client_at(f"10.8.0.{i}").get(f"/api/v1/status/{app.registration_number}", {"code": "WRONG123"})
    r = client_at("10.8.0.50").get(
        f"/api/v1/status/{app.registration_number.lower()}", {"code": app.status_code}
    )
    assert r.status_code == 429


def test_status_page_is_a_post_in_any_letter_case(users):
    app = registered(users)
    c = client_at("10.9.0.1")
    r = c.post(
        "/status/", {"registration_number": app.registration_number.lower(), "code": app.status_code.lower()}
    )
    assert r.status_code == 200 and app.registration_number in r.content.decode()
    assert 'method="post"' in r.content.decode()
    # The code in the address is never looked up.
    r = c.get("/status/", {"registration_number": app.registration_number, "code": app.status_code})
    assert r.status_code == 200 and "Terdaftar, verifikasi berkas" not in r.content.decode()
    api = c.get(f"/api/v1/status/{app.registration_number.lower()}", {"code": app.status_code.lower()})
    assert api.status_code == 200


@pytest.mark.parametrize("code", ["é", "\u0000", "x" * 5000])
def test_status_api_odd_codes_are_not_found(users, code):
    app = registered(users)
    r = client_at("10.9.0.2").get(f"/api/v1/status/{app.registration_number}", {"code": code})
    assert r.status_code in (404, 422) and r.json()["detail"]


def test_pdf_check_is_limited_in_the_api_and_the_page(users, settings):
    settings.PERIZINAN_THROTTLES = {"pdf_check": {"address": (2, 3600)}}
    c = client_at("10.10.0.1")
    for _ in range(2):
        f = io.BytesIO(b"%PDF-1.4 not really")
        f.name = "a.pdf"
        assert c.post("/api/v1/licences/verify-pdf", {"file": f}).status_code in (200, 422)
    f = io.BytesIO(b"%PDF-1.4")
    f.name = "a.pdf"
    r = c.post("/api/v1/licences/verify-pdf", {"file": f})
    assert r.status_code == 429 and r["Retry-After"] and r.json()["detail"]
    page = c.post("/verifikasi/", {"file": io.BytesIO(b"%PDF")})
    assert page.status_code == 429 and page["Retry-After"]
    assert "Terlalu banyak percobaan" in page.content.decode()


@pytest.mark.parametrize(
    ("path", "scope", "data"),
    [
        ("/akun/daftar/", "signup", {"username": "x"}),
        ("/akun/reset/", "password_reset", {"email": "a@b.id"}),
    ],
)
def test_signup_and_reset_are_limited_with_a_friendly_page(users, settings, path, scope, data):
    settings.PERIZINAN_THROTTLES = {scope: {"address": (1, 3600)}}
    c = client_at("10.11.0.1")
    c.post(path, data)
    r = c.post(path, data, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 429 and int(r["Retry-After"]) > 0
    assert "Too many attempts" in r.content.decode()


def test_window_ends(users, settings):
    settings.PERIZINAN_THROTTLES = {"login": {"account_address": (1, 60)}}
    with time_machine.travel("2026-12-02 10:00 +0800", tick=False) as t:
        c = client_at("10.12.0.1")
        c.post(LOGIN, {"username": "cs", "password": "salah"})
        assert c.post(LOGIN, {"username": "cs", "password": "demo12345"}).status_code == 429
        t.shift(61)
        assert c.post(LOGIN, {"username": "cs", "password": "demo12345"}).status_code == 302
    cache.clear()
