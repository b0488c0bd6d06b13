"""Every endpoint's edges: anonymous, wrong role, another applicant, wrong method."""

import pytest
from django.test import Client

from perizinan.accounts.models import TechnicalAgency
from perizinan.demo import pdf_upload
from tests.helpers import act, create_complete

pytestmark = pytest.mark.django_db

PROTECTED_GETS = [
    "/applications",
    "/applications/{id}",
    "/applications/{id}/actions",
    "/tasks",
    "/applications/{id}/log/verify",
    "/applications/{id}/documents/1",
]


@pytest.fixture
def app_id(api, application_data):
    return create_complete(api, application_data)


@pytest.mark.parametrize("path", PROTECTED_GETS)
def test_anonymous_get_is_401(api, app_id, path):
    r = api().get(path.format(id=app_id))
    assert r.status_code == 401
    assert r.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/applications"),
        ("put", "/applications/{id}"),
        ("post", "/applications/{id}/actions/submit"),
        ("post", "/applications/{id}/checklist/1"),
        ("post", "/applications/{id}/documents"),
    ],
)
def test_anonymous_write_is_401(api, app_id, method, path):
    assert getattr(api(), method)(path.format(id=app_id), {}).status_code == 401


def test_bad_token_is_401(api, app_id):
    r = api().client.get("/api/v1/applications", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert r.status_code == 401


def test_token_wrong_password_401(api):
    assert api().post("/auth/token", {"username": "cs", "password": "wrong"}).status_code == 401
    r = api().post("/auth/token", {"username": "cs", "password": "demo12345"})
    assert r.status_code == 200
    token = r.json()["token"]
    assert api().client.get("/api/v1/tasks", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_session_login_works_too(api, users, app_id):
    c = Client()
    c.force_login(users["applicant"])
    assert c.get(f"/api/v1/applications/{app_id}").status_code == 200


@pytest.mark.parametrize(
    "path", ["/applications/{id}", "/applications/{id}/actions", "/applications/{id}/log/verify"]
)
def test_another_applicant_gets_404(api, app_id, path):
    assert api("applicant2").get(path.format(id=app_id)).status_code == 404


def test_another_applicant_cannot_act_upload_or_edit(api, app_id, application_data):
    assert api("applicant2").post(f"/applications/{app_id}/actions/submit").status_code == 404
    r = api("applicant2").upload(
        f"/applications/{app_id}/documents", {"requirement": "1", "file": pdf_upload("x.pdf")}
    )
    assert r.status_code == 404
    assert api("applicant2").put(f"/applications/{app_id}", application_data).status_code == 404
    assert app_id not in [a["id"] for a in api("applicant2").get("/applications").json()]


def test_another_applicant_cannot_download(api, app_id):
    doc = api("applicant").get(f"/applications/{app_id}").json()["documents"][0]
    assert api("applicant2").get(f"/applications/{app_id}/documents/{doc['id']}").status_code == 404
    r = api("applicant").get(f"/applications/{app_id}/documents/{doc['id']}")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF-")
    assert api("cs").get(f"/applications/{app_id}/documents/{doc['id']}").status_code == 200


def test_same_nib_from_another_account_stays_separate(api, application_data):
    first = api("applicant").post("/applications", application_data).json()["id"]
    r = api("applicant2").post("/applications", application_data)
    assert r.status_code == 201
    second = r.json()["id"]
    assert [a["id"] for a in api("applicant2").get("/applications").json()] == [second]
    assert api("applicant2").get(f"/applications/{first}").status_code == 404
    assert api("applicant").get(f"/applications/{second}").status_code == 404


def test_wrong_role_action_is_403(api, app_id):
    act(api, app_id, "applicant", "submit")
    for user in ["verifier", "registration", "applicant", "supervisor", "technical_team"]:
        r = api(user).post(f"/applications/{app_id}/actions/cs_accept", {})
        assert r.status_code in (403, 404), user
    assert api("verifier").post(f"/applications/{app_id}/actions/cs_accept", {}).status_code == 403


def test_technical_team_sees_only_referred_applications(api, app_id, users):
    assert api("technical_team").get(f"/applications/{app_id}").status_code == 404
    for actor, name, data in [
        ("applicant", "submit", {}),
        ("cs", "cs_accept", {"confirm_all": True}),
        ("registration", "register", {}),
        ("verifier", "verify", {}),
        ("liaison", "deliver_to_agency", {"received_by": "X"}),
    ]:
        act(api, app_id, actor, name, data)
    assert api("technical_team").get(f"/applications/{app_id}").status_code == 200
    # A team member of another agency sees nothing.

    other = TechnicalAgency.objects.create(code="dlh", name="Dinas Lingkungan Hidup")
    users["technical_team"].agency = other
    users["technical_team"].save()
    assert api("technical_team").get(f"/applications/{app_id}").status_code == 404


def test_applicant_cannot_see_tasks(api):
    assert api("applicant").get("/tasks").status_code == 403


def test_only_cs_or_applicant_creates(api, application_data):
    assert api("verifier").post("/applications", application_data).status_code == 403


def test_cs_creates_for_walk_in_applicant(api, application_data):
    data = {**application_data, "agent": {"name": "Joni Kuasa", "nik": "6471011501900001"}}
    r = api("cs").post("/applications", data)
    assert r.status_code == 201
    numbers = [row["number"] for row in r.json()["checklist"]]
    assert 34 in numbers  # the agent's power of attorney


def test_checklist_tick_only_cs(api, app_id):
    act(api, app_id, "applicant", "submit")
    assert api("applicant").post(f"/applications/{app_id}/checklist/1", {"ticked": True}).status_code == 403
    r = api("cs").post(f"/applications/{app_id}/checklist/1", {"ticked": True, "note": "Asli diperlihatkan"})
    assert r.status_code == 200
    row = next(x for x in r.json()["checklist"] if x["number"] == 1)
    assert row["ticked"] and row["note"] == "Asli diperlihatkan"
    assert api("cs").post(f"/applications/{app_id}/checklist/7", {"ticked": True}).status_code == 422


def test_log_verify_is_for_supervisors(api, app_id):
    assert api("cs").get(f"/applications/{app_id}/log/verify").status_code == 403
    r = api("supervisor").get(f"/applications/{app_id}/log/verify")
    assert r.status_code == 200 and r.json()["ok"] is True


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("delete", "/applications"),
        ("put", "/tasks"),
        ("get", "/applications/{id}/actions/submit"),
        ("get", "/auth/token"),
        ("delete", "/permit-types"),
    ],
)
def test_wrong_method_is_405(api, app_id, method, path):
    assert getattr(api("cs"), method)(path.format(id=app_id)).status_code == 405


def test_every_response_code_is_declared(api):
    schema = api().get("/openapi.json").json()
    take = schema["paths"]["/api/v1/applications/{pk}/actions/{name}"]["post"]["responses"]
    assert set(take) >= {"200", "401", "403", "404", "409", "422"}
    create = schema["paths"]["/api/v1/applications"]["post"]["responses"]
    assert set(create) >= {"201", "401", "403", "422"}


def test_cs_submits_a_walk_in_application_but_not_an_applicants(api, application_data):
    walk_in = create_complete(
        api, {**application_data, "agent": {"name": "Joni", "nik": "6471011501900001"}}, owner="cs"
    )
    app = act(api, walk_in, "cs", "submit")
    assert app["state"] == "submitted" and app["timeline"][-1]["role"] == "cs"
    online = create_complete(api, application_data)
    assert api("cs").post(f"/applications/{online}/actions/submit", {}).status_code == 403


def test_cs_inbox_holds_walk_in_applications_waiting_for_the_applicant(api, application_data):
    walk_in = create_complete(api, application_data, owner="cs")
    assert walk_in in [t["id"] for t in api("cs").get("/tasks").json()]  # draft, CS to submit for the walk-in
    act(api, walk_in, "cs", "submit")
    act(api, walk_in, "cs", "cs_return", {"reason": "Lengkapi akta"})
    assert walk_in in [t["id"] for t in api("cs").get("/tasks").json()]
    online = create_complete(api, application_data)
    assert online not in [t["id"] for t in api("cs").get("/tasks").json()]
