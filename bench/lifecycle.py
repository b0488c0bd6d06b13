"""The commit path of a step and the worker behind it, measured apart.

N PAK applications (created with all their uploads, not timed) are taken through the 13
actions of the forward path (steps 3-17) via `take_action`, as the demo accounts. For each
transition: wall time (p50/p95 ms) and SQL queries. Beside it, in the same run and on the
same database, the floor of any transactional write: a bare loop of `SELECT ... FOR UPDATE`
+ `UPDATE` + `INSERT` in one transaction per "transition" (the machine is shared and noisy:
compare the ratio, not the absolute rate). Then the task worker drains the document jobs
the steps left (django-tasks-db's own `Worker.run_task`): documents per second.

Run: make bench (SQLite and PostgreSQL), or  .venv/bin/python bench/lifecycle.py [N]
The last line on stdout is
RESULT transitions_per_s=<float> queries_per_transition=<float> db=<sqlite|postgresql> n=<int>
"""

import sys
import time
from collections import defaultdict

from common import median, percentile, setup_database, teardown_database, vendor


def baseline(users, n_transitions: int) -> float:  # type: ignore[no-untyped-def]
    """Transactions/s of the bare write: lock a row, update it, insert one row."""
    from django.db import transaction

    from perizinan.accounts.models import Office
    from perizinan.workdays.models import OfficeClosure

    office = Office.current()
    start = time.perf_counter()
    for i in range(n_transitions):
        with transaction.atomic():
            Office.objects.select_for_update().filter(pk=office.pk).values_list("pk").first()
            Office.objects.filter(pk=office.pk).update(name=f"Kantor {i}")
            OfficeClosure.objects.create(date=_day(i), reason="bench", created_by=users["cs"])
    elapsed = time.perf_counter() - start
    OfficeClosure.objects.filter(reason="bench").delete()
    return n_transitions / elapsed


def _day(i: int):  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    return date(2200, 1, 1) + timedelta(days=i)


def drain_worker() -> None:
    """The real worker, `manage.py db_worker --batch`: runs every due task, then exits."""
    from django.core.management import call_command

    call_command("db_worker", batch=True, reload=False, interval=0, verbosity=0, startup_delay=False)


def main(n: int) -> None:
    users = setup_database()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from perizinan.applications.models import Application
    from perizinan.demo import forward_path, new_application, step_files
    from perizinan.documents.models import GeneratedDocument
    from perizinan.workflow.services import take_action

    apps = [new_application(users) for _ in range(n)]
    steps = forward_path()
    times: dict[str, list[float]] = defaultdict(list)
    queries: dict[str, list[int]] = defaultdict(list)
    t0 = time.perf_counter()
    for app in apps:
        for s in steps:
            fresh = Application.objects.select_related("permit_type", "company").get(pk=app.pk)
            files = step_files(s)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as ctx:
                take_action(application=fresh, name=s.action, by=users[s.actor], data=s.data, files=files)
            times[s.action].append((time.perf_counter() - started) * 1000)
            queries[s.action].append(len(ctx.captured_queries))
    commit_s = time.perf_counter() - t0
    transitions = n * len(steps)
    rate = transitions / commit_s
    floor = baseline(users, transitions)

    t1 = time.perf_counter()
    drain_worker()
    worker_s = time.perf_counter() - t1
    docs = GeneratedDocument.objects.filter(log_entry__isnull=False).count()

    all_q = [q for qs in queries.values() for q in qs]
    all_t = [t for ts in times.values() for t in ts]
    q_mean = sum(all_q) / len(all_q)
    print(f"# lifecycle on {vendor()}, N={n} applications, {transitions} transitions")
    print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| transitions/s (commit path, take_action) | {rate:.1f} |")
    print(f"| baseline: bare lock+update+insert transactions/s, same run | {floor:.1f} |")
    print(f"| ratio take_action / baseline | {rate / floor:.3f} |")
    print(
        f"| step answered in, p50 / p95 / max ms | {median(all_t):.1f} / {percentile(all_t, 95):.1f} / {max(all_t):.1f} |"
    )
    print(f"| queries per transition, mean / max | {q_mean:.2f} / {max(all_q)} |")
    print(f"| worker: documents made | {docs} in {worker_s:.1f} s = {docs / worker_s:.2f} documents/s |")
    print()
    print("| action | p50 ms | p95 ms | queries (min-max) |")
    print("|---|---|---|---|")
    for s in steps:
        ts, qs = times[s.action], queries[s.action]
        print(f"| {s.action} | {median(ts):.1f} | {percentile(ts, 95):.1f} | {min(qs)}-{max(qs)} |")
    teardown_database()
    print(f"RESULT transitions_per_s={rate:.2f} queries_per_transition={q_mean:.2f} db={vendor()} n={n}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
