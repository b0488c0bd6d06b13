"""Inbox and application-detail API with 10,000 applications in the database.

p50/p95 latency and SQL queries per request for: the inbox (GET /tasks), the list
(GET /applications), one application's detail (GET /applications/{id}), and the trivial
GET /health of the same app as the ceiling. In-process requests (Django test client):
this measures the application and the database, not a network.
Run: make bench, or  .venv/bin/python bench/api_latency.py [N_APPLICATIONS] [REQUESTS]
"""

import random
import sys
import time
from datetime import timedelta

from common import median, percentile, setup_database, teardown_database, vendor


def populate(n: int, users) -> int:  # type: ignore[no-untyped-def]
    """Bulk-load n applications spread over every state (volume only; one real one for detail)."""
    from django.utils import timezone

    from perizinan.applications.models import Application, Company
    from perizinan.catalog.models import PermitType
    from perizinan.demo import new_application, run_forward
    from perizinan.workflow.states import State

    real = run_forward(new_application(users), users)  # a complete application with its whole log
    pak = PermitType.objects.get(code="PAK")
    rnd = random.Random(7)
    companies = Company.objects.bulk_create(
        Company(
            name=f"Medika {i}",
            legal_form="PT",
            nib=f"{9000000000000 + i}",
            npwp="018550814412000",
            address="Samarinda",
            phone="0541",
            email=f"c{i}@example.id",
        )
        for i in range(500)
    )
    states = [s.value for s in State]
    today = timezone.now()
    apps = []
    for i in range(n - 1):
        state = states[i % len(states)]
        apps.append(
            Application(
                permit_type=pak,
                kind="new",
                company=companies[i % len(companies)],
                created_by=users["applicant"],
                director_name="Direktur",
                director_nik="6471011501900001",
                tech_lead_name="PJT",
                tech_lead_nik="6471015501900002",
                tech_lead_education="D3",
                building_status="owned",
                registration_number=None
                if state in ("draft", "submitted", "returned_by_cs", "accepted")
                else f"PAK-B-{i:06d}",
                step_due_date=(today + timedelta(days=rnd.randint(-5, 10))).date(),
                due_date=(today + timedelta(days=rnd.randint(0, 14))).date(),
                state_since=today,
            )
        )
    Application.objects.bulk_create(apps, batch_size=1000)
    # FSMField(protected=True) refuses direct assignment: spread the states with one UPDATE per state.
    ids = list(Application.objects.exclude(pk=real.pk).order_by("pk").values_list("pk", flat=True))
    for k, state in enumerate(states):
        Application.objects.filter(pk__in=ids[k :: len(states)]).update(state=state)
    return real.pk


def measure(client, path: str, headers: dict, requests: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path, **headers)  # warm
    times = []
    queries = 0
    for _ in range(requests):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            r = client.get(path, **headers)
            times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (path, r.status_code)
        queries = max(queries, len(ctx.captured_queries))
    return median(times), percentile(times, 95), queries


def main(n: int, requests: int) -> None:
    users = setup_database()
    from django.test import Client

    from perizinan.accounts.models import ApiToken

    t0 = time.perf_counter()
    real_id = populate(n, users)
    print(
        f"# API latency on {vendor()}, {n} applications (loaded in {time.perf_counter() - t0:.1f} s), {requests} requests each"
    )
    client = Client()
    cs = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(users['cs'])}"}
    head = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(users['office_head'])}"}
    print("| endpoint | p50 ms | p95 ms | queries/request |")
    print("|---|---|---|---|")
    for label, path, headers in [
        ("GET /health (ceiling)", "/api/v1/health", {}),
        ("GET /tasks (cs inbox)", "/api/v1/tasks?limit=100", cs),
        ("GET /tasks (office head inbox)", "/api/v1/tasks?limit=100", head),
        ("GET /applications?limit=100", "/api/v1/applications?limit=100", head),
        ("GET /applications/{id} (complete, 34 log entries)", f"/api/v1/applications/{real_id}", head),
    ]:
        p50, p95, q = measure(client, path, headers, requests)
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {q} |")
    teardown_database()


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(args[0] if args else 10_000, args[1] if len(args) > 1 else 200)
