"""Production settings: `check --deploy` reports only the documented W019; HSTS is sent; the API
docs page needs a signed-in user while the schema stays public (the contract)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_reports_only_the_deliberate_frame_option():
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "perizinan.example",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    run = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    found = sorted({w.split(")")[0] for w in run.stderr.split("(")[1:] if w.startswith("security.")})
    assert found == ["security.W019"], run.stderr


@pytest.mark.django_db
def test_hsts_and_https_redirect_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/").status_code == 301  # plain HTTP goes to HTTPS
    r = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert r.status_code == 200 and r["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_api_docs_need_a_login_in_production_but_the_schema_is_public(client, users, settings):
    settings.PERIZINAN_API_DOCS_PUBLIC = False
    assert client.get("/api/v1/docs").status_code == 302
    assert client.get("/api/v1/openapi.json").status_code == 200
    client.force_login(users["applicant"])
    assert client.get("/api/v1/docs").status_code == 200
    settings.PERIZINAN_API_DOCS_PUBLIC = True
    client.logout()
    assert client.get("/api/v1/docs").status_code == 200
