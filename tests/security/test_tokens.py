"""API tokens: revoked by DELETE, by a password change or reset, deactivation and loss of a role;
ended by inactivity; listed (and revocable) on the account page."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from perizinan.accounts.models import ApiToken
from perizinan.accounts.roles import Role

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def works(raw: str) -> bool:
    r = Client().get("/api/v1/tasks", **bearer(raw))
    assert r.status_code in (200, 401)
    return r.status_code == 200


def test_delete_revokes_the_token_it_carries(users):
    raw, other = ApiToken.issue(users["cs"]), ApiToken.issue(users["cs"])
    r = Client().delete("/api/v1/auth/token", **bearer(raw))
    assert r.status_code == 204
    assert not works(raw) and works(other)
    assert Client().delete("/api/v1/auth/token", **bearer(raw)).status_code == 401


def test_delete_without_a_token_is_401_even_with_a_session(users):
    assert Client().delete("/api/v1/auth/token").status_code == 401
    c = Client()
    c.force_login(users["cs"])
    assert c.delete("/api/v1/auth/token").status_code == 401
    assert "detail" in c.delete("/api/v1/auth/token").json()


def test_a_password_change_revokes_every_token(users):
    user = users["cs"]
    raw = ApiToken.issue(user)
    user.set_password("a-new-password-1")
    user.save()
    assert not works(raw)


def test_a_password_reset_through_the_pages_revokes_every_token(users):
    user = users["applicant"]
    raw = ApiToken.issue(user)
    c = Client()
    url = f"/akun/reset/{urlsafe_base64_encode(force_bytes(user.pk))}/{default_token_generator.make_token(user)}/"
    form = c.get(url, follow=True)
    r = c.post(
        form.redirect_chain[-1][0], {"new_password1": "Xy-long-pass-91", "new_password2": "Xy-long-pass-91"}
    )
    assert r.status_code == 302
    assert not works(raw)


def test_signing_in_keeps_the_tokens(users):
    raw = ApiToken.issue(users["cs"])
    assert Client().post("/akun/masuk/", {"username": "cs", "password": "demo12345"}).status_code == 302
    assert works(raw)


def test_deactivation_revokes_every_token(users):
    user = users["verifier"]
    raw = ApiToken.issue(user)
    user.is_active = False
    user.save()
    assert not ApiToken.objects.filter(user=user).exists()
    user.is_active = True
    user.save()
    assert not works(raw)


@pytest.mark.parametrize(
    "how", ["user.groups.remove", "group.user_set.remove", "group.user_set.clear", "user.groups.clear"]
)
def test_losing_a_role_revokes_every_token(users, how):
    user = users["registration"]
    raw = ApiToken.issue(user)
    keeps = ApiToken.issue(users["cs"])
    group = Group.objects.get(name=Role.REGISTRATION.value)
    {
        "user.groups.remove": lambda: user.groups.remove(group),
        "group.user_set.remove": lambda: group.user_set.remove(user),
        "group.user_set.clear": lambda: group.user_set.clear(),
        "user.groups.clear": lambda: user.groups.clear(),
    }[how]()
    assert not ApiToken.objects.filter(user=user).exists() and not works(raw)
    assert works(keeps)


def test_gaining_a_role_keeps_the_tokens(users):
    user = users["cs"]
    raw = ApiToken.issue(user)
    user.groups.add(Group.objects.get(name=Role.VERIFIER.value))
    assert works(raw)


def test_tokens_end_after_inactivity(users, settings):
    settings.PERIZINAN_TOKEN_IDLE_DAYS = 30
    raw = ApiToken.issue(users["cs"])
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert works(raw)  # used: the idle clock starts again
    with time_machine.travel(timezone.now() + timedelta(days=58)):
        assert works(raw)
    with time_machine.travel(timezone.now() + timedelta(days=89)):
        assert not works(raw)


def test_use_is_noted_at_most_hourly(users):
    raw = ApiToken.issue(users["cs"])
    token = ApiToken.objects.get(user=users["cs"])
    assert ApiToken.find(raw) is not None
    token.refresh_from_db()
    first = token.last_used_at
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        ApiToken.find(raw)
    token.refresh_from_db()
    assert token.last_used_at > first


def test_the_account_page_lists_and_revokes_tokens(users):
    raw = ApiToken.issue(users["cs"])
    theirs = ApiToken.issue(users["verifier"])
    mine = ApiToken.objects.get(user=users["cs"])
    c = Client()
    assert c.get("/akun/").status_code == 302  # anonymous: to the login
    c.force_login(users["cs"])
    page = c.get("/akun/")
    assert (
        page.status_code == 200
        and raw[:6] in page.content.decode()
        and theirs[:6] not in page.content.decode()
    )
    assert c.get(f"/akun/token/{mine.pk}/cabut/").status_code == 405
    other = ApiToken.objects.get(user=users["verifier"])
    assert c.post(f"/akun/token/{other.pk}/cabut/").status_code == 404
    assert works(theirs)
    r = c.post(f"/akun/token/{mine.pk}/cabut/")
    assert r.status_code == 302 and not works(raw)
    assert "Tidak ada token API yang aktif." in c.get("/akun/").content.decode()
