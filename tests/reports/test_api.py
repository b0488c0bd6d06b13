"""/api/v1/reports: who may read it, bad input, and the figures of the hand-counted history."""

import pytest

from .conftest import OCTOBER

pytestmark = pytest.mark.django_db

PATHS = ["/reports/summary", "/reports/staff"]
READERS = ["section_head", "division_head", "office_head", "supervisor"]


@pytest.mark.parametrize("path", PATHS)
def test_anonymous_is_401(api, path):
    r = api().get(path)
    assert r.status_code == 401 and r.json()["detail"]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("user", ["applicant", "cs", "verifier", "technical_team", "registry"])
def test_other_roles_are_403(api, path, user):
    r = api(user).get(path)
    assert r.status_code == 403 and r.json()["detail"]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("user", READERS)
def test_heads_and_supervisor_may_read(api, path, user):
    assert api(user).get(path).status_code == 200


@pytest.mark.parametrize("path", PATHS)
def test_wrong_method_is_405(api, path):
    assert api("office_head").post(path, {}).status_code == 405


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-13-01"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "2026-10-31", "to": "2026-10-01"}, "to"),
        ({"from": "2020-01-01", "to": "2026-01-01"}, "to"),
        ({"kind": "renewal"}, "kind"),
        ({"permit_type": "NOPE"}, "permit_type"),
    ],
)
def test_bad_filters_are_422_naming_the_field(api, params, field):
    r = api("office_head").get("/reports/summary", **params)
    assert r.status_code == 422
    assert field in r.json()["errors"]


def test_summary_in_english_names_the_field_in_english(api):
    r = api("office_head").client.get(
        "/api/v1/reports/summary",
        {"from": "2026-10-31", "to": "2026-10-01"},
        HTTP_ACCEPT_LANGUAGE="en",
        **api("office_head").headers,
    )
    assert r.status_code == 422
    assert "before" in r.json()["errors"]["to"][0]


def test_summary_and_staff_figures(api, history):
    s = api("division_head").get("/reports/summary", **OCTOBER).json()
    assert s["from"] == "2026-10-01" and s["to"] == "2026-10-31"
    assert (s["received"], s["registered"], s["issued"], s["declined"], s["withdrawn"]) == (5, 5, 3, 1, 1)
    assert (s["in_progress"], s["overdue"]) == (1, 1)
    assert s["on_time_rate"] == pytest.approx(0.6667, abs=1e-4)
    assert s["median_working_days_to_issue"] == 4
    step6 = next(r for r in s["steps"] if r["step"] == 6)
    assert (step6["count"], step6["median_minutes"], step6["late"]) == (5, 30.0, 0)
    staff = {(r["username"], r["role"]): r for r in api("supervisor").get("/reports/staff", **OCTOBER).json()}
    assert staff[("section_head", "section_head")]["returns_given"] == 1
    assert staff[("registration", "registration")]["median_minutes"] == 30.0
    assert staff[("verifier", "verifier")]["on_time_rate"] == 0.75
