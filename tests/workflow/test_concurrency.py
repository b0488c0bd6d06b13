"""Real concurrency on PostgreSQL: row locks and optimistic state checks."""

import os
import threading

import pytest
from django.db import close_old_connections, connection, transaction

from perizinan.catalog.models import PermitType
from perizinan.demo import new_application
from perizinan.licences.models import LicenceNumber
from perizinan.licences.services import draw_number
from perizinan.workflow.models import ProcessLogEntry
from tests.clients import Api
from tests.conftest import on_postgres
from tests.helpers import create_complete

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL: make test"
    ),
]


def _run_threads(n: int, target) -> None:  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(n)

    def worker(i: int) -> None:
        try:
            barrier.wait()
            target(i)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)


def test_20_concurrent_identical_actions_one_succeeds(api, application_data, users):
    assert on_postgres()
    app_id = create_complete(api, application_data)
    api("applicant").post(f"/applications/{app_id}/actions/submit", {})
    clients = [Api(users["cs"]) for _ in range(20)]
    statuses: list[int] = [0] * 20

    def call(i: int) -> None:
        statuses[i] = (
            clients[i].post(f"/applications/{app_id}/actions/cs_accept", {"confirm_all": True}).status_code
        )

    _run_threads(20, call)
    assert sorted(statuses) == [200] + [409] * 19, statuses
    assert ProcessLogEntry.objects.filter(application_id=app_id, action="cs_accept").count() == 1


def test_50_concurrent_numberings_are_gap_free(users):
    assert on_postgres()

    pak = PermitType.objects.get(code="PAK")
    app = new_application(users)
    registry = users["registry"]
    errors: list[BaseException] = []

    def number(i: int) -> None:
        try:
            with transaction.atomic():
                draw_number(permit_type=pak, year=2026, application=app, by=registry)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    _run_threads(50, number)
    assert errors == []
    seqs = sorted(LicenceNumber.objects.filter(permit_type=pak, year=2026).values_list("seq", flat=True))
    assert seqs == list(range(1, 51))
    assert LicenceNumber.objects.values("number").distinct().count() == 50
