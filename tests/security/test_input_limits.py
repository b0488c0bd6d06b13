"""No input makes a 500: every finding of the probe becomes a 4xx with the contract's JSON error,
in debug and in production alike."""

import io
import json

import pytest
from django.test import Client
from PIL import Image

from tests.helpers import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(api, application_data):  # type: ignore[no-untyped-def]
    r = api("applicant").post("/applications", application_data)
    assert r.status_code == 201
    return r.json()["id"]


def json_error(r, *codes: int) -> dict:  # type: ignore[no-untyped-def]
    assert r.status_code in codes, (r.status_code, r.content[:300])
    assert r["Content-Type"].startswith("application/json"), r.content[:300]
    body = r.json()
    assert body["detail"]
    return body


def png(width: int, height: int) -> io.BytesIO:
    buf = io.BytesIO()
    Image.new("1", (width, height)).save(buf, "PNG", optimize=True)
    buf.seek(0)
    buf.name = "huge.png"
    return buf


def test_an_image_of_too_many_pixels_is_refused_from_its_header(api, draft):
    big = png(13000, 13000)  # 169 MP, a few hundred KB compressed
    assert len(big.getvalue()) < 1_000_000
    r = api("applicant").upload(f"/applications/{draft}/documents", {"requirement": "1", "file": big})
    body = json_error(r, 422)
    assert "file" in body["errors"] and "piksel" in body["detail"]


def test_an_ordinary_image_is_accepted(api, draft):
    r = api("applicant").upload(
        f"/applications/{draft}/documents", {"requirement": "1", "file": png(800, 600)}
    )
    assert r.status_code == 201


def test_a_thousand_character_filename_is_accepted_and_shortened(api, draft):
    f = pdf_upload("x" * 1000 + ".pdf")
    r = api("applicant").upload(f"/applications/{draft}/documents", {"requirement": "1", "file": f})
    assert r.status_code == 201, r.content


@pytest.mark.parametrize("path", ["/applications", "/tasks"])
@pytest.mark.parametrize("offset", [str(10**24), "-5", "abc"])
def test_huge_offsets_are_422(api, path, offset):
    r = api("cs").get(path, offset=offset)
    if offset == "-5":
        assert r.status_code in (200, 422)
    else:
        json_error(r, 422)


def test_deeply_nested_json_is_400(api):
    body = "[" * 100_000 + "]" * 100_000
    r = api("applicant").client.post(
        "/api/v1/applications", body, content_type="application/json", **api("applicant").headers
    )
    json_error(r, 400, 422)


def test_a_15_mb_json_body_is_413_before_it_is_read(api):
    body = json.dumps({"permit_type": "PAK", "pad": "x" * (15 * 1024 * 1024)})
    r = api("applicant").client.post(
        "/api/v1/applications", body, content_type="application/json", **api("applicant").headers
    )
    json_error(r, 413)


def test_an_anonymous_oversized_body_is_413(client):
    r = client.generic(
        "POST",
        "/api/v1/auth/token",
        b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    json_error(r, 413)
    page = client.generic("POST", "/verifikasi/", b"", CONTENT_LENGTH=str(200 * 1024 * 1024))
    assert page.status_code == 413


def test_multipart_without_boundary_on_the_public_pdf_check(client):
    r = client.generic("POST", "/api/v1/licences/verify-pdf", b"--x\r\n", content_type="multipart/form-data")
    json_error(r, 400, 422)
    page = client.generic("POST", "/verifikasi/", b"--x\r\n", content_type="multipart/form-data")
    assert page.status_code in (400, 422)


def test_status_with_a_non_ascii_code(client, users):
    r = client.get("/api/v1/status/PAK-2026-000001", {"code": "é"})
    json_error(r, 404)


def test_anonymous_posts_get_401_not_a_csrf_403():
    c = Client(enforce_csrf_checks=True)
    r = c.post("/api/v1/applications", "{}", content_type="application/json")
    assert json_error(r, 401)
    r = c.post("/api/v1/queue/call-next", "{}", content_type="application/json")
    json_error(r, 401)


def test_a_session_post_without_csrf_is_still_refused(users):
    c = Client(enforce_csrf_checks=True)
    c.force_login(users["applicant"])
    r = c.post("/api/v1/applications", "{}", content_type="application/json")
    assert r.status_code == 403


def test_errors_are_json_in_production(settings, api, client):
    settings.DEBUG = False
    json_error(client.get("/api/v1/tidak-ada"), 404)
    r = api("applicant").client.post(
        "/api/v1/applications", "[" * 100_000, content_type="application/json", **api("applicant").headers
    )
    json_error(r, 400, 422)
    r = client.generic("POST", "/api/v1/licences/verify-pdf", b"--x", content_type="multipart/form-data")
    json_error(r, 400, 422)
