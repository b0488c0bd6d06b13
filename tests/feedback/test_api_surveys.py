"""POST /api/v1/surveys and GET /api/v1/ikm as the contract says."""

from datetime import timedelta

import pytest
from django.utils import timezone

from perizinan.feedback.models import SurveyChannel, SurveyResponse
from perizinan.workdays.calendar import today_wita

from .conftest import ANSWERS

pytestmark = pytest.mark.django_db


def test_survey_by_the_code_on_the_handover_receipt(api, handed_over):
    app_id, code = handed_over
    r = api().post(
        "/surveys", {"survey_code": code.lower(), "answers": ANSWERS, "comment": "Cepat dan ramah"}
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["survey_code"] == code and body["permit_type"] == "PAK" and body["low_elements"] == []
    saved = SurveyResponse.objects.get(reference=body["reference"])
    assert saved.application_id == app_id and saved.channel == SurveyChannel.CODE
    assert saved.comment == "Cepat dan ramah"
    # One response per code.
    again = api().post("/surveys", {"survey_code": code, "answers": ANSWERS})
    assert again.status_code == 409 and again.json()["detail"]
    assert SurveyResponse.objects.count() == 1


def test_unknown_survey_code_is_422(api, users):
    r = api().post("/surveys", {"survey_code": "NOPE1234", "answers": ANSWERS})
    assert r.status_code == 422 and "survey_code" in r.json()["errors"]


def test_public_survey_without_code(api, users):
    r = api().post(
        "/surveys",
        {"answers": ANSWERS, "permit_type": "PAK", "profile": {"sex": "female", "education": "s1"}},
    )
    assert r.status_code == 201, r.content
    saved = SurveyResponse.objects.get()
    assert (saved.survey_code, saved.permit_type.code, saved.sex, saved.education) == (
        None,
        "PAK",
        "female",
        "s1",
    )


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({**ANSWERS, "u3": 5}, "answers.u3"),
        ({**ANSWERS, "u1": 0}, "answers.u1"),
        ({**ANSWERS, "u9": "4"}, "answers.u9"),
        ({**ANSWERS, "u2": 2.5}, "answers.u2"),
        ({**ANSWERS, "u5": True}, "answers.u5"),
        ({k: v for k, v in ANSWERS.items() if k != "u7"}, "answers.u7"),
        ({**ANSWERS, "u10": 3}, "answers"),
    ],
)
def test_out_of_range_or_missing_answers_are_422(api, users, answers, field):
    r = api().post("/surveys", {"answers": answers})
    assert r.status_code == 422, r.content
    assert field in r.json()["errors"] and r.json()["detail"].startswith(field)
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "body", [{}, {"answers": None}, {"answers": [3] * 9}, {"answers": ANSWERS, "profile": {"sex": "x"}}]
)
def test_malformed_bodies_are_422(api, users, body):
    assert api().post("/surveys", body).status_code == 422


def test_low_answers_offer_a_complaint(api, users):
    r = api().post("/surveys", {"answers": {**ANSWERS, "u3": 1, "u6": 2}})
    assert r.status_code == 201
    body = r.json()
    assert body["low_elements"] == ["U3", "U6"]
    assert f"/pengaduan/?survei={body['reference']}" in body["complaint_url"]


def test_a_kiosk_may_post_60_an_hour_but_not_unlimited(api, users):
    for _ in range(120):
        assert api().post("/surveys", {"answers": ANSWERS}).status_code == 201
    r = api().post("/surveys", {"answers": ANSWERS})
    assert r.status_code == 429 and int(r["Retry-After"]) > 0 and r.json()["detail"]
    assert SurveyResponse.objects.count() == 120


def _answered(api, answers):  # type: ignore[no-untyped-def]
    r = api().post("/surveys", {"answers": answers, "permit_type": "PAK"})
    assert r.status_code == 201


def test_ikm_for_supervisors(api, users):
    # Two respondents: all 4, and all 3 except U4 = 2.
    # NRR: 3.5 for every element but U4 (3.0); sum of NRR = 8 x 3.5 + 3 = 31; /9 x 25 = 86.111 -> 86.11, B.
    _answered(api, dict.fromkeys(ANSWERS, 4))
    _answered(api, {**ANSWERS, "u4": 2})
    for role in ("supervisor", "section_head", "division_head", "office_head"):
        r = api(role).get("/ikm")
        assert r.status_code == 200, (role, r.content)
    body = api("supervisor").get("/ikm").json()
    assert body["respondents"] == 2 and body["ikm"] == 86.11
    assert (body["grade"], body["performance"]) == ("B", "Baik")
    assert body["elements"][0] == {
        "code": "U1", "name": "Persyaratan", "nrr": 3.5, "nrr_weighted": 0.3889, "converted": 87.5, "flagged": False,
    }  # fmt: skip
    assert body["elements"][3]["nrr"] == 3.0 and body["elements"][3]["flagged"]
    start = today_wita()
    assert body["from"] <= start.isoformat() <= body["to"]
    assert body["by_permit_type"] == [
        {"group": "PAK", "label": "PAK", "respondents": 2, "ikm": 86.11, "grade": "B", "performance": "Baik"}
    ]
    assert body["by_group"]["sex"] == [
        {
            "group": "",
            "label": "Tidak disebutkan",
            "respondents": 2,
            "ikm": 86.11,
            "grade": "B",
            "performance": "Baik",
        }
    ]


def test_ikm_period_and_service_filters(api, users):
    _answered(api, ANSWERS)
    old = SurveyResponse.objects.get()
    SurveyResponse.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=400))
    _answered(api, dict.fromkeys(ANSWERS, 4))
    today = today_wita().isoformat()
    body = api("supervisor").get("/ikm", **{"from": today, "to": today}).json()
    assert body["respondents"] == 1 and body["ikm"] == 100.0
    assert api("supervisor").get("/ikm", permit_type="PAK").json()["permit_type"] == "PAK"


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-12-31", "to": "2026-01-01"},
        {"from": "2026-13-01", "to": "2026-12-31"},
        {"permit_type": "XX"},
    ],
)
def test_ikm_bad_query_is_422(api, users, params):
    r = api("supervisor").get("/ikm", **params)
    assert r.status_code == 422 and r.json()["detail"]


def test_ikm_permission_edges(api, users):
    assert api().get("/ikm").status_code == 401
    for role in ("applicant", "cs", "registration", "technical_team"):
        assert api(role).get("/ikm").status_code == 403
    assert api("supervisor").post("/ikm").status_code == 405
    assert api().get("/surveys").status_code == 405


def test_openapi_declares_the_feedback_codes(api, users):
    paths = api().get("/openapi.json").json()["paths"]
    assert set(paths["/api/v1/surveys"]["post"]["responses"]) >= {"201", "409", "422", "429"}
    assert set(paths["/api/v1/ikm"]["get"]["responses"]) >= {"200", "401", "403", "422"}
    assert set(paths["/api/v1/complaints"]["post"]["responses"]) >= {"201", "422", "429"}
    assert set(paths["/api/v1/complaints/{tracking_code}"]["get"]["responses"]) >= {"200", "404"}
