"""Scale-out on one PostgreSQL (docs/deployment.md): two server processes and two task workers,
as two machines behind the reverse proxy would run them, take applications to the end at once,
each application's clients on one server or the other. Nothing is shared between the processes
but the database (and its cache table): the licence numbers still come out without gap or
repeat, every document is produced once by one of the workers, and the integrity check finds
nothing wrong."""

import io
import json
import os
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count

from perizinan.applications.models import Application
from perizinan.documents.models import DocumentJob, GeneratedDocument, JobState
from perizinan.licences.models import Licence
from tests.faults.harness import Burst, Server, free_port, wait_until, worker
from tests.helpers import FORWARD, create_complete

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL: make test"
    ),
]
APPS = 4


def test_two_servers_and_two_workers_on_one_database(api, application_data, users, tmp_path: Path):
    app_ids = [create_complete(api, application_data) for _ in range(APPS)]
    servers = [Server(free_port(), tmp_path / f"server{i}.log") for i in range(2)]
    workers = [worker(tmp_path / f"worker{i}.log") for i in range(2)]
    try:
        # Half the applications through each server, all at once.
        bursts = [Burst(s.base, users, app_ids[i::2]) for i, s in enumerate(servers)]
        threads = [t for b in bursts for t in b.start()]
        for t in threads:
            t.join(timeout=600)
        assert [b.failures for b in bursts] == [[], []]
        assert sum(b.succeeded() for b in bursts) == APPS * len(FORWARD)
        wait_until(
            lambda: not DocumentJob.objects.exclude(state=JobState.DONE).exists(), "every job done", limit=300
        )
    finally:
        for p in [*servers, *workers]:
            p.stop()

    assert set(Application.objects.filter(pk__in=app_ids).values_list("state", flat=True)) == {"completed"}
    # Numbered by two servers at once: 1..N, each once.
    sequence = sorted(int(n.split("/")[1]) for n in Licence.objects.values_list("number", flat=True))
    assert sequence == list(range(1, APPS + 1))
    # Each document once: no two workers produced the same job's kind.
    twice = (
        GeneratedDocument.objects.filter(application_id__in=app_ids)
        .values("log_entry_id", "kind")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert list(twice) == []
    produced = Counter(
        GeneratedDocument.objects.filter(application_id__in=app_ids).values_list("kind", flat=True)
    )
    assert produced["licence"] == APPS
    out = io.StringIO()
    call_command("check_integrity", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["problems"] == []
    assert report["counts"]["licence_numbers"] == APPS
