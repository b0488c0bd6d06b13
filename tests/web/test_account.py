"""Account pages: sign-up, e-mail verification (also through a real SMTP server), password reset,
login of an unverified account, and the edges (wrong method, logged-in user, bad input)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from perizinan.accounts import services as accounts
from perizinan.accounts.models import User
from tests.e2e.smtp import smtp_fixture  # noqa: F401  (provides the `smtp` fixture)

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "sehat",
    "full_name": "Dian Kusuma Wardani",
    "email": "dian@sehatsentosa.id",
    "password1": "Kalimantan-Timur-2026",
    "password2": "Kalimantan-Timur-2026",
    "accept_terms": "on",
}


def _link(body: str) -> str:
    match = re.search(r"https?://\S+/akun/verifikasi/\S+/", body)
    assert match, body
    return match.group(0)


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def signed_up(client, users, mailoutbox, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/akun/daftar/", SIGNUP)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/akun/daftar/terkirim/"
    return User.objects.get(username="sehat")


def test_signup_page_says_the_company_comes_with_the_first_application(client, users):
    response = client.get("/akun/daftar/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "NIB dan NPWP" in page and "permohonan pertama" in page
    for label in ("Nama pengguna", "Nama lengkap", "E-mail", "Kata sandi", "Ulangi kata sandi"):
        assert f">{label}" in page


def test_signup_creates_an_inactive_applicant_and_mails_the_link(signed_up, mailoutbox):
    user = signed_up
    assert not user.is_active
    assert user.first_name == "Dian" and user.last_name == "Kusuma Wardani"
    assert list(user.groups.values_list("name", flat=True)) == ["applicant"]
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["dian@sehatsentosa.id"]
    assert "Aktivasi" in message.subject
    assert "/akun/verifikasi/" in message.body and "sehat" in message.body


def test_verification_confirms_then_activates_and_logs_in(client, signed_up, mailoutbox):
    path = _path(_link(mailoutbox[0].body))
    page = client.get(path)
    assert page.status_code == 200
    assert "Aktifkan akun" in page.content.decode()
    signed_up.refresh_from_db()
    assert not signed_up.is_active  # a GET (a mail scanner) activates nothing
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == "/pemohon/"
    signed_up.refresh_from_db()
    assert signed_up.is_active
    assert client.get("/pemohon/").status_code == 200  # signed in, as an applicant
    # The link has done its work: used again it activates nothing and asks to log in.
    client.logout()
    again = client.post(path)
    assert again.status_code == 302 and again["Location"] == "/akun/masuk/"
    assert "sudah aktif" in client.get(path).content.decode()


def test_verification_link_expires_after_three_days(client, signed_up, mailoutbox):
    path = _path(_link(mailoutbox[0].body))
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        page = client.get(path)
        assert page.status_code == 400
        assert "kedaluwarsa" in page.content.decode()
        assert client.post(path).status_code == 400
    signed_up.refresh_from_db()
    assert not signed_up.is_active


@pytest.mark.parametrize("token", ["abc", "1.deadbeef:1abc:xyz", "999999.x:1tq:bad"])
def test_invalid_verification_token_is_a_clear_page(client, users, token):
    response = client.get(f"/akun/verifikasi/{token}/")
    assert response.status_code == 400
    assert "tidak valid" in response.content.decode()


def test_tampered_token_for_a_real_user_is_refused(client, signed_up):
    token = accounts.make_verification_token(signed_up)
    _value, _sep, rest = token.partition(":")
    forged = f"{signed_up.pk}.{'0' * 32}:{rest}"
    assert client.post(f"/akun/verifikasi/{forged}/").status_code == 400
    signed_up.refresh_from_db()
    assert not signed_up.is_active


def test_deactivated_account_is_not_revived_by_an_old_link(client, signed_up, mailoutbox):
    path = _path(_link(mailoutbox[0].body))
    client.post(path)
    signed_up.refresh_from_db()
    signed_up.is_active = False  # an administrator blocks the account after it was used
    signed_up.save()
    assert client.post(path).status_code == 400
    signed_up.refresh_from_db()
    assert not signed_up.is_active


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"password2": "lain-sama-sekali-99"}, "id_password2", "tidak sama"),
        ({"username": "applicant"}, "id_username", "sudah dipakai"),
        ({"username": "APPLICANT"}, "id_username", "sudah dipakai"),
        ({"username": "nama dengan spasi"}, "id_username", ""),
        ({"email": "applicant@demo.perizinan.local"}, "id_email", "sudah terdaftar"),
        ({"email": "bukan-email"}, "id_email", "tidak valid"),
        ({"password1": "12345678", "password2": "12345678"}, "id_password1", ""),
        ({"password1": "abc", "password2": "abc"}, "id_password1", ""),
        ({"full_name": ""}, "id_full_name", "wajib diisi"),
        ({"accept_terms": ""}, "id_accept_terms", "Centang pernyataan"),
    ],
)
def test_signup_refuses_bad_input_next_to_the_field(client, users, mailoutbox, django_capture_on_commit_callbacks,
                                                   change, field, message):  # fmt: skip
    before = User.objects.count()
    data = {**SIGNUP, **change}
    data = {k: v for k, v in data.items() if v != ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/akun/daftar/", data)
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="{field}_error"' in page
    assert f'aria-describedby="{field}_error"' in page or f'{field}_error"' in page
    assert message in page
    assert User.objects.count() == before
    assert mailoutbox == []


def test_signup_wrong_method_and_logged_in_user(client, users):
    assert client.put("/akun/daftar/").status_code == 405
    assert client.delete("/akun/verifikasi/abc/").status_code == 405
    client.force_login(users["applicant"])
    assert client.get("/akun/daftar/").status_code == 302


def test_unverified_account_cannot_log_in_and_is_told_why(client, signed_up):
    response = client.post("/akun/masuk/", {"username": "sehat", "password": SIGNUP["password1"]})
    assert response.status_code == 200
    assert "belum aktif" in response.content.decode()
    wrong = client.post("/akun/masuk/", {"username": "sehat", "password": "salah-sandi"})
    assert "belum aktif" not in wrong.content.decode()


def test_applicant_login_lands_on_my_applications(client, users):
    response = client.post("/akun/masuk/", {"username": "applicant", "password": "demo12345"})
    assert response.status_code == 302 and response["Location"] == "/pemohon/"
    client.logout()
    officer = client.post("/akun/masuk/", {"username": "cs", "password": "demo12345"})
    assert officer["Location"] == "/"


def test_resend_verification_sends_a_fresh_link_and_reveals_nothing(
    client, signed_up, mailoutbox, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/akun/verifikasi/kirim-ulang/", {"email": "DIAN@sehatsentosa.id"})
        unknown = client.post("/akun/verifikasi/kirim-ulang/", {"email": "siapa@contoh.id"})
    assert known.status_code == unknown.status_code == 302
    assert len(mailoutbox) == 2  # the sign-up's and the fresh one
    assert client.post(_path(_link(mailoutbox[1].body))).status_code == 302
    signed_up.refresh_from_db()
    assert signed_up.is_active
    empty = client.post("/akun/verifikasi/kirim-ulang/", {"email": ""})
    assert empty.status_code == 422 and 'id="id_email_error"' in empty.content.decode()


def test_resend_quota_per_address(client, signed_up, mailoutbox, django_capture_on_commit_callbacks):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            client.post("/akun/verifikasi/kirim-ulang/", {"email": "dian@sehatsentosa.id"})
    assert len(mailoutbox) == 1 + 3


def test_password_reset_round_trip(client, users, mailoutbox):
    cache.clear()
    assert client.get("/akun/reset/").status_code == 200
    response = client.post("/akun/reset/", {"email": "applicant@demo.perizinan.local"})
    assert response.status_code == 302 and response["Location"] == "/akun/reset/terkirim/"
    assert client.get(response["Location"]).status_code == 200
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/akun/reset/\S+/\S+/", mailoutbox[0].body).group(0)
    page = client.get(_path(link), follow=True)
    assert page.status_code == 200 and "Kata sandi baru" in page.content.decode()
    set_url = page.redirect_chain[-1][0]
    bad = client.post(set_url, {"new_password1": "Samarinda-Kota-2026", "new_password2": "lain"})
    assert bad.status_code == 422 and 'id="id_new_password2_error"' in bad.content.decode()
    done = client.post(
        set_url, {"new_password1": "Samarinda-Kota-2026", "new_password2": "Samarinda-Kota-2026"}
    )
    assert done.status_code == 302 and done["Location"] == "/akun/reset/selesai/"
    assert client.get("/akun/reset/selesai/").status_code == 200
    assert client.login(username="applicant", password="Samarinda-Kota-2026")
    # The link is spent.
    client.logout()
    spent = client.get(_path(link), follow=True)
    assert "Tautan tidak valid" in spent.content.decode()


def test_password_reset_unknown_address_looks_the_same(client, users, mailoutbox):
    response = client.post("/akun/reset/", {"email": "tidak-ada@contoh.id"})
    assert response.status_code == 302 and response["Location"] == "/akun/reset/terkirim/"
    assert mailoutbox == []
    invalid = client.post("/akun/reset/", {"email": "bukan-email"})
    assert invalid.status_code == 422 and "tidak valid" in invalid.content.decode()
    assert client.put("/akun/reset/").status_code == 405


def test_register_applicant_service_rolls_back_without_mail(
    users, mailoutbox, django_capture_on_commit_callbacks
):

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as exc:
        accounts.register_applicant(username="", email="x", password="1", full_name="")
    assert set(exc.value.message_dict) == {"username", "email", "password", "full_name"}
    assert mailoutbox == []
    assert Group.objects.filter(name="applicant").exists()


def test_signup_and_verification_through_a_real_smtp_server(
    client, users, smtp, settings, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    smtp.use(settings)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/akun/daftar/", SIGNUP)
    assert response.status_code == 302
    message = smtp.wait_for("dian@sehatsentosa.id")
    assert "Aktivasi" in str(message["Subject"])
    link = smtp.link(message, "/akun/verifikasi/")
    assert link.startswith("http://testserver/akun/verifikasi/")
    assert client.post(_path(link)).status_code == 302
    assert User.objects.get(username="sehat").is_active
