"""Lifecycle throughput: N PAK applications through all 17 steps via the services.

Prints applications per second (transitions only, and with the document uploads) and
the SQL queries per transition for two sizes, which must not grow with N.
Run: make bench   (SQLite and PostgreSQL), or  .venv/bin/python bench/lifecycle.py [N...]
"""

import sys
import time
from collections import defaultdict

from common import setup_database, teardown_database, vendor


def main(sizes: list[int]) -> None:
    users = setup_database()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from perizinan.applications.models import Application
    from perizinan.demo import forward_path, new_application, step_files
    from perizinan.workflow.services import take_action

    print(f"# lifecycle on {vendor()}")
    print(
        "| N | uploads+create s | transitions s | apps/s (transitions) | apps/s (incl. uploads) | max queries/transition |"
    )
    print("|---|---|---|---|---|---|")
    per_action_by_size: dict[int, dict[str, float]] = {}
    for n in sizes:
        t0 = time.perf_counter()
        apps = [new_application(users) for _ in range(n)]
        t1 = time.perf_counter()
        queries: dict[str, list[int]] = defaultdict(list)
        for app in apps:
            for s in forward_path():
                fresh = Application.objects.select_related("permit_type", "company").get(pk=app.pk)
                files = step_files(s)
                connection.queries_log.clear()
                with CaptureQueriesContext(connection) as ctx, transaction.atomic():
                    take_action(application=fresh, name=s.action, by=users[s.actor], data=s.data, files=files)
                queries[s.action].append(len(ctx.captured_queries))
        t2 = time.perf_counter()
        per_action = {a: sum(q) / len(q) for a, q in queries.items()}
        per_action_by_size[n] = per_action
        print(
            f"| {n} | {t1 - t0:.2f} | {t2 - t1:.2f} | {n / (t2 - t1):.1f} | {n / (t2 - t0):.1f} | "
            f"{max(max(q) for q in queries.values())} |"
        )
    print()
    print("| transition | " + " | ".join(f"queries (N={n})" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for action in per_action_by_size[sizes[0]]:
        print(f"| {action} | " + " | ".join(f"{per_action_by_size[n][action]:.1f}" for n in sizes) + " |")
    teardown_database()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [20, 200])
