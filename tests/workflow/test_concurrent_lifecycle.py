"""Ten clients take ten applications through the whole lifecycle at once, through the
HTTP API, while the task worker makes their documents: no request fails with a server error
(on SQLite too: no "database is locked", which ten users at once used to get), and afterwards
every document every step declared exists, once, linked to its log entry.

Runs on whichever database the suite runs on (`make test`: PostgreSQL; `make test-sqlite`).
"""

import threading

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from perizinan.accounts.models import ApiToken
from perizinan.applications.models import Application
from perizinan.demo import pdf_upload
from perizinan.documents.models import DocumentJob, GeneratedDocument, JobState
from perizinan.workflow.actions import get_action
from perizinan.workflow.log import verify_chain
from perizinan.workflow.models import ProcessLogEntry
from tests.clients import Api
from tests.helpers import FORWARD, create_complete
from tests.worker import drain, running_worker

pytestmark = pytest.mark.django_db(transaction=True)
CLIENTS = 10


class HttpClient(Api):
    """An API client that reports a server error as a status, as a browser would see it."""

    def __init__(self, user) -> None:  # type: ignore[no-untyped-def]
        self.client = Client(raise_request_exception=False)
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)}"}
        self.user = user


def _drive(app_id: int, users, statuses: list[int]) -> None:  # type: ignore[no-untyped-def]
    clients = {name: HttpClient(users[name]) for name in {actor for actor, _n, _d in FORWARD}}
    try:
        for actor, name, data in FORWARD:
            c = clients[actor]
            offered = c.get(f"/applications/{app_id}/actions")
            statuses.append(offered.status_code)
            if name in {"recommend", "receive_recommendation"}:
                payload = {
                    "recommendation_number": "445/77/Farmalkes",
                    "recommendation_date": "2026-11-20",
                    "inspection_report": pdf_upload("bap.pdf"),
                    "recommendation": pdf_upload("rek.pdf"),
                }
                r = c.upload(f"/applications/{app_id}/actions/{name}", payload)
            else:
                r = c.post(f"/applications/{app_id}/actions/{name}", data)
            statuses.append(r.status_code)
            if r.status_code != 200:
                return
    finally:
        close_old_connections()
        connection.close()


def test_ten_clients_through_the_whole_lifecycle_at_once(api, application_data, users):
    app_ids = [create_complete(api, application_data) for _ in range(CLIENTS)]
    statuses: list[list[int]] = [[] for _ in range(CLIENTS)]
    with running_worker():
        threads = [
            threading.Thread(target=_drive, args=(app_id, users, statuses[i]))
            for i, app_id in enumerate(app_ids)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=600)
    drain()  # whatever the running worker had not reached yet

    flat = [s for per_client in statuses for s in per_client]
    assert not [s for s in flat if s >= 500], statuses
    assert set(flat) == {200}, statuses
    assert set(Application.objects.filter(pk__in=app_ids).values_list("state", flat=True)) == {"completed"}
    assert not DocumentJob.objects.exclude(state=JobState.DONE).exists()
    for app_id in app_ids:
        assert verify_chain(app_id).ok
        for entry in ProcessLogEntry.objects.filter(application_id=app_id, direction="forward"):
            action = get_action(entry.action)
            assert action is not None
            app = Application.objects.get(pk=app_id)
            wanted = sorted(d.kind for d in action.documents if d.wanted(app))
            stored = sorted(GeneratedDocument.objects.filter(log_entry=entry).values_list("kind", flat=True))
            assert stored == wanted, (app_id, entry.action)
