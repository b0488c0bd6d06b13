"""The authorisation matrix of the API: every principal x every operation of the OpenAPI
document, and every principal x every workflow action x every state.

Expectations come from tests/security/authz_rules.py (the contract, ADR 0002 and the
hand-written transition table), never from the code under test. A new operation without a
rule fails `test_every_operation_has_a_rule`. Each request runs in a rolled-back savepoint.
Counts are printed at the end of the run ("authorisation matrix / ...: N tried, M failed").
"""

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse

from perizinan.accounts.models import ApiToken, User
from perizinan.accounts.roles import Role
from perizinan.api.main import api as ninja_api
from perizinan.applications.models import Application
from perizinan.applications.selectors import get_application_for_user
from perizinan.demo import DEMO_APPLICATION, pdf_upload
from perizinan.errors import Conflict, NotFound
from perizinan.workflow.models import ProcessLogEntry
from perizinan.workflow.services import take_action
from perizinan.workflow.states import State
from tests.clients import PASSWORD

from .authz_rules import (
    ANONYMOUS,
    API_RULES,
    GRAPH,
    PRINCIPALS,
    REFERRED_STATES,
    ROLES,
    STATES,
    action_outcome,
    api_outcome,
    offered,
)
from .authz_world import World, attach_files, build_world, isolated

pytestmark = pytest.mark.django_db

TAKE = ("POST", "/api/v1/applications/{pk}/actions/{name}")
# The two applications the endpoint matrix reads: at customer service (not yet referred) and
# back with the applicant after the technical review (referred to the agency).
ENDPOINT_STATES = ("submitted", "agency_returned")
STATUS_OF = {NotFound: 404, PermissionDenied: 403, Conflict: 409, ValidationError: 422}
# On the referred application: the team now sees it, the owner and CS may edit it again.
REFERRED_READERS = ("technical_team", "applicant", "cs", "other_applicant")
# Rendered afresh on each call (WeasyPrint): one allowed reader per application.
COSTLY = {"/api/v1/applications/{pk}/process-sheet.pdf"}


def schema_operations() -> set[tuple[str, str]]:
    paths = ninja_api.get_openapi_schema()["paths"]
    return {(method.upper(), path) for path, ops in paths.items() for method in ops}


def test_every_operation_has_a_rule():
    assert schema_operations() == set(API_RULES)


def test_every_role_and_state_is_in_the_matrix():
    assert set(ROLES) == {r.value for r in Role}
    assert set(STATES) == {s.value for s in State}


@pytest.fixture
def world(users) -> World:  # type: ignore[no-untyped-def]
    w = build_world(STATES)
    for state in ENDPOINT_STATES:
        attach_files(w, Application.objects.get(pk=w.apps[state]))
    return w


def _json(body: dict[str, Any]) -> dict[str, Any]:
    return {"data": json.dumps(body), "content_type": "application/json"}


def request_for(world: World, method: str, path: str, principal: str, pk: int) -> HttpResponse:
    """One call of the operation with valid input, as `principal`."""
    client = world.api(principal)
    headers = dict(client.headers)
    values = {
        "{pk}": str(pk),
        "{doc_id}": str(world.documents.get(pk, 0)),
        "{job_id}": str(world.jobs.get(pk, 0)),
        "{number}": "1",
        "{code}": "PAK",
        "{registration_number}": "REG-0",
        "{tracking_code}": "PGD-UNKNOWN",
        "{ticket_id}": str(world.ticket),
    }
    url = path
    for key, value in values.items():
        url = url.replace(key, value)
    if path.endswith("/generated/{doc_id}"):
        url = path.replace("{pk}", str(pk)).replace("{doc_id}", str(world.generated.get(pk, 0)))
    if path == "/api/v1/licences/verify/{code}":
        url = "/api/v1/licences/verify/UNKNOWN"
    bodies: dict[tuple[str, str], dict[str, Any]] = {
        ("POST", "/api/v1/auth/token"): {"username": "cs", "password": PASSWORD},
        ("POST", "/api/v1/applications"): DEMO_APPLICATION,
        ("PUT", "/api/v1/applications/{pk}"): DEMO_APPLICATION,
        ("POST", "/api/v1/applications/{pk}/checklist/{number}"): {"ticked": True},
        ("POST", "/api/v1/surveys"): {"answers": {f"u{i}": 3 for i in range(1, 10)}},
        ("POST", "/api/v1/complaints"): {"category": "other", "description": "Antrian lama."},
        ("POST", "/api/v1/queue/tickets"): {"service": "cs"},
        ("POST", "/api/v1/queue/call-next"): {"service": "cs", "counter": "2"},
        ("POST", "/api/v1/queue/tickets/{ticket_id}/transfer"): {"service": "info"},
    }
    c = client.client
    if (method, path) == ("DELETE", "/api/v1/auth/token") and principal != ANONYMOUS:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.users[principal])}"}
    if path.endswith("/documents") and method == "POST":
        return c.post(url, {"requirement": "2", "file": pdf_upload("r2.pdf")}, **headers)
    if path == "/api/v1/licences/verify-pdf":
        return c.post(url, {"file": pdf_upload("x.pdf")}, **headers)
    query: dict[str, str] = {}
    if path.endswith("/requirements"):
        query = {"kind": "new"}
    if path.endswith("/deadline"):
        query = {"start": "2026-01-05", "days": "3"}
    if method == "GET":
        return c.get(url, query, **headers)
    if method == "DELETE":
        return c.delete(url, **headers)
    body = bodies.get((method, path), {})
    return getattr(c, method.lower())(url, **_json(body), **headers)


def _status_ok(status: int, expected: int | tuple[int, ...]) -> bool:
    return status in (expected if isinstance(expected, tuple) else (expected,))


def test_api_endpoints(world, tally):
    for method, path in sorted(API_RULES):
        if (method, path) == TAKE:
            continue  # every action x state x principal: test_workflow_actions
        rule = API_RULES[(method, path)]
        for state in ENDPOINT_STATES if rule.scoped else ENDPOINT_STATES[:1]:
            pk = world.apps[state]
            rendered = False
            for principal in PRINCIPALS if state == ENDPOINT_STATES[0] else REFERRED_READERS:
                expected = api_outcome(rule, principal, referred=state in REFERRED_STATES)
                if path in COSTLY and expected == rule.ok:
                    if rendered:
                        continue  # the same code path for every reader: one render per application
                    rendered = True
                with isolated():
                    r = request_for(world, method, path, principal, pk)
                tally.check(
                    "authorisation matrix / API endpoints",
                    _status_ok(r.status_code, expected),
                    f"{method} {path} [{state}] as {principal}: {r.status_code}, expected {expected}",
                )
    assert not tally.failures, "\n".join(tally.failures)


def _service_status(user: User, app: Application | None, action: str) -> int:
    """The status the API gives: it loads the application for the caller (None: 404), then
    takes the action; perizinan/api/main.py maps each exception of the service to its status."""
    if app is None:
        return 404
    try:
        take_action(application=app, name=action, by=user, data={})
    except (NotFound, PermissionDenied, Conflict, ValidationError) as exc:
        return next(code for kind, code in STATUS_OF.items() if isinstance(exc, kind))
    return 200


def _footprint() -> tuple[int, list[tuple[int, str]]]:
    return ProcessLogEntry.objects.count(), list(
        Application.objects.order_by("pk").values_list("pk", "state")
    )


def _load(user: User, pk: int) -> Application | None:
    try:
        return get_application_for_user(user, pk)
    except NotFound:
        return None


def test_workflow_actions(world, tally):
    """Every action x every state x every signed-in principal (ADR 0002's table) at the service
    the endpoint calls: 404, 403 or 409 as the rules say. Allowed ones go through HTTP in
    test_workflow_actions_over_http."""
    before = _footprint()
    for state in STATES:
        pk = world.apps[state]
        for principal in PRINCIPALS:
            if principal == ANONYMOUS:
                continue  # no user to act as: 401 over HTTP below
            user = world.users[principal]
            app = _load(user, pk)
            for action in sorted(GRAPH):
                expected = action_outcome(principal, action, state)
                if expected == "allowed":
                    continue
                got = _service_status(user, app, action)
                tally.check(
                    "authorisation matrix / workflow actions (service)",
                    got == expected,
                    f"{action} in {state} as {principal}: {got}, expected {expected}",
                )
    assert not tally.failures, "\n".join(tally.failures[:50])
    assert _footprint() == before  # no refused action wrote a log entry or moved an application


def _http_sample(state: str, principal: str) -> list[str]:
    """Every allowed action, and the first refused one (the service covers every refusal)."""
    allowed = [a for a in sorted(GRAPH) if action_outcome(principal, a, state) == "allowed"]
    refused = [a for a in sorted(GRAPH) if action_outcome(principal, a, state) != "allowed"]
    return allowed + refused[:1]


def test_workflow_actions_over_http(world, tally):
    """Through the API: every allowed action in every state succeeds or is refused with a 422
    naming the missing input (the rows are bare: no documents, no checklist); one refused action
    for every principal in every state (401, 404, 403 or 409)."""
    for state in STATES:
        pk = world.apps[state]
        for principal in PRINCIPALS:
            for action in _http_sample(state, principal):
                expected = action_outcome(principal, action, state)
                with isolated():
                    r = world.api(principal).post(f"/applications/{pk}/actions/{action}", {})
                if expected == "allowed":
                    ok = r.status_code == 200 or (r.status_code == 422 and bool(r.json().get("detail")))
                else:
                    ok = r.status_code == expected
                tally.check(
                    "authorisation matrix / workflow actions (HTTP)",
                    ok,
                    f"{action} in {state} as {principal}: {r.status_code} {r.content[:160]!r}, expected {expected}",
                )
    assert not tally.failures, "\n".join(tally.failures[:50])


def test_offered_actions(world, tally):
    """GET /actions: exactly the actions of the caller's roles in the state (or 401/404)."""
    for state in STATES:
        pk = world.apps[state]
        for principal in PRINCIPALS:
            r = world.api(principal).get(f"/applications/{pk}/actions")
            want = offered(principal, state)
            probe = action_outcome(principal, "submit", state)
            if probe in (401, 404):
                ok = r.status_code == probe
            else:
                ok = r.status_code == 200 and {a["name"] for a in r.json()} == want
            tally.check(
                "authorisation matrix / offered actions",
                ok,
                f"actions in {state} as {principal}: {r.status_code} {r.content[:200]!r}, expected {want}",
            )
    assert not tally.failures, "\n".join(tally.failures)
