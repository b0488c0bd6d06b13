"""Public status check: registration number plus the secret code printed on the receipt."""

import pytest

from tests.helpers import act, create_complete, run_until

pytestmark = pytest.mark.django_db


def test_status_with_the_right_code_only(api, application_data):
    app_id = create_complete(api, application_data)
    app = run_until(api, app_id, stop_before="verify")
    code = api("applicant").get(f"/applications/{app_id}").json()["status_code"]
    assert len(code) == 8
    reg = app["registration_number"]
    r = api().get(f"/status/{reg}", code=code.lower())
    assert r.status_code == 200
    body = r.json()
    assert body["step"] == 7 and body["state"] == "registered" and body["applicant_must"] == ""
    assert "company" not in body and "timeline" not in body  # nothing private
    assert api().get(f"/status/{reg}", code="WRONG123").status_code == 404
    assert api().get("/status/PAK-2026-999999", code=code).status_code == 404
    assert api().get(f"/status/{reg}").status_code == 422

    act(api, app_id, "verifier", "verify_return", {"reason": "x"})
    act(api, app_id, "cs", "cs_request_fix", {"reason": "Lengkapi akta perubahan"})
    body = api().get(f"/status/{reg}", code=code).json()
    assert body["waiting_on_applicant"] is True and body["applicant_must"] == "Lengkapi akta perubahan"
