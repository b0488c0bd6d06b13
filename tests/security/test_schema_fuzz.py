"""Schema fuzz: schemathesis generates requests from /api/v1/openapi.json and sends them to the
Django application in-process (WSGI) as several roles. No response may be a server error, and
every response must have a status code the document declares and a body of its schema.

Valid and invalid requests alike (schemathesis' positive and negative modes).
Bounded: PERIZINAN_FUZZ_EXAMPLES examples per operation and role (default 3), derandomised so
a CI run is repeatable. A longer local run: `PERIZINAN_FUZZ_EXAMPLES=200 pytest
tests/security/test_schema_fuzz.py` (PERIZINAN_FUZZ_RANDOM=1 for fresh examples each run).
"""

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from perizinan.accounts.models import ApiToken
from perizinan.ops.heartbeat import beat

from .authz_rules import ANONYMOUS
from .authz_world import World, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXAMPLES = int(os.environ.get("PERIZINAN_FUZZ_EXAMPLES", "3"))
RANDOM = os.environ.get("PERIZINAN_FUZZ_RANDOM") == "1"
FUZZ_ROLES = (ANONYMOUS, "applicant", "cs", "office_head", "supervisor")
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def in_process_wsgi() -> Iterator[WSGIHandler]:
    """Django's WSGI handler inside the test's transaction: like Django's test client, the
    connection is not closed at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_world(users) -> World:  # type: ignore[no-untyped-def]
    # A worker's heartbeat: the system as it runs, so readiness answers 200, not its declared 503
    # (tests/api/test_health.py proves both with a real worker process).
    beat("fuzz-worker", started_at=timezone.now())
    return build_world(("draft", "submitted", "at_agency", "handed_over"))


def _path_parameters(world: World) -> dict[str, Any]:
    """Real objects for the path parameters that name one (the rest are generated)."""
    return {"pk": world.apps["submitted"], "ticket_id": world.ticket}


def _runner(
    operation: Any, strategy: Any, world: World, principal: str, failures: list[str], tally: Any
) -> Any:
    label = f"schema fuzz / {principal}"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=not RANDOM,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        headers = {}
        if principal != ANONYMOUS:
            # A fresh token per call: the fuzz may revoke it (DELETE /auth/token).
            headers["Authorization"] = f"Bearer {ApiToken.issue(world.users[principal])}"
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as failure:  # schemathesis: Failure / FailureGroup
            tally.check(label, False, f"{operation.label}: {failure}")
            failures.append(f"{principal} {operation.label}: {failure}")
        else:
            tally.check(label, True, "")

    return run


def fuzz(schema: Any, world: World, principal: str, tally: Any) -> list[str]:
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        params = {k: v for k, v in _path_parameters(world).items() if f"{{{k}}}" in operation.path}
        strategy = st.one_of(
            operation.as_strategy(mode, path_parameters=params or None)
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        )
        _runner(operation, strategy, world, principal, failures, tally)()
    return failures


@pytest.mark.parametrize("principal", FUZZ_ROLES)
def test_schema_fuzz(principal, fuzz_world, in_process_wsgi, tally):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", in_process_wsgi)
    failures = fuzz(schema, fuzz_world, principal, tally)
    assert not failures, "\n\n".join(failures[:20])
