"""Read endpoints of the API with N applications in the database (default 10,000).

p50/p95 latency and SQL queries per request for the inbox (GET /tasks), the list
(GET /applications, first page and a deep page), one application's detail, the public status
check and licence verification, beside GET /health of the same app as the floor.
The applications are bulk-loaded (bench/bulk_seed.py: COPY on PostgreSQL) with a realistic
spread over states, years, permit types and process-log entries; one is complete, made through
the services (its detail, status code and licence are the ones read).

  .venv/bin/python bench/api_latency.py [--size N] [--requests R]           in-process (test client)
  ... --http [--server-root DIR]   through the production server (gunicorn, config/gunicorn_conf.py)
                                   running the code of DIR (default this tree; another worktree
                                   gives a before/after in the same run on the same database)
  ... --load SECONDS [--connections 8,32]   plus wrk load runs (req/s, p95) per endpoint
"""

import argparse
import os
import time
from pathlib import Path

from common import ROOT, median, percentile, setup_database, teardown_database, vendor

# The endpoints of the wrk load runs besides /health (a minute each at two connection counts
# fit the run's budget): the inboxes, the list's first page, the detail.
LOADED = ("GET /tasks", "GET /applications?limit=100", "GET /applications/{id}")


def endpoints(users, real) -> list[tuple[str, str, dict[str, str]]]:  # type: ignore[no-untyped-def]
    from perizinan.accounts.models import ApiToken, User

    def bearer(name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {ApiToken.issue(users[name])}"}

    cs, head = bearer("cs"), bearer("office_head")
    users["pemohon0001"] = User.objects.get(username="pemohon0001")
    applicant = bearer("pemohon0001")
    n_log = real.log.count()
    return [
        ("GET /health (floor)", "/api/v1/health", {}),
        ("GET /tasks (cs inbox)", "/api/v1/tasks?limit=100", cs),
        ("GET /tasks (office head inbox)", "/api/v1/tasks?limit=100", head),
        ("GET /applications?limit=100", "/api/v1/applications?limit=100", head),
        ("GET /applications?limit=100&offset=5000", "/api/v1/applications?limit=100&offset=5000", head),
        ("GET /applications?limit=100&after=(page 51)", "AFTER", head),
        ("GET /applications?limit=100 (an applicant)", "/api/v1/applications?limit=100", applicant),
        (
            f"GET /applications/{{id}} (complete, {n_log} log entries)",
            f"/api/v1/applications/{real.pk}",
            head,
        ),
        (
            "GET /status/{reg}?code= (public)",
            f"/api/v1/status/{real.registration_number}?code={real.status_code}",
            {},
        ),
        (
            "GET /licences/verify/{code} (public, PDF check)",
            f"/api/v1/licences/verify/{real.licence.verification_code}",
            {},
        ),
    ]


def cursor_of_page_51(client, headers: dict[str, str]) -> str | None:  # type: ignore[no-untyped-def]
    """The `after` cursor that starts page 51 (rows 5,001..5,100), found by walking 50 pages."""
    path = "/api/v1/applications?limit=100"
    extra = {f"HTTP_{k.upper()}": v for k, v in headers.items()}
    cursor = None
    for _ in range(50):
        r = client.get(path + (f"&after={cursor}" if cursor else ""), **extra)
        cursor = r.headers.get("X-Next-Cursor")
        if cursor is None:
            return None
    return cursor


def explain(users, after: str | None) -> None:  # type: ignore[no-untyped-def]
    """EXPLAIN (ANALYZE on PostgreSQL, QUERY PLAN on SQLite) of each list and inbox query."""
    from django.db import connection

    from perizinan.accounts.permissions import is_officer
    from perizinan.applications.selectors import count_visible, list_page_query
    from perizinan.workflow.selectors import inbox_page_query

    options = {"analyze": True} if connection.vendor == "postgresql" else {}
    head = users["office_head"]
    queries = [
        ("list, first page (office head)", list_page_query(head, limit=100)),
        ("list, page 51 by cursor", list_page_query(head, limit=100, after=after)),
        ("list, ?state=at_agency", list_page_query(head, state="at_agency", limit=100)),
        ("list, an applicant", list_page_query(users["pemohon0001"], limit=100)),
    ]
    for name, user in users.items():
        if is_officer(user) and name not in {"supervisor", "info", "admin_monitoring"}:
            queries.append((f"inbox of {name}", inbox_page_query(user, limit=100)))
    print(f"\n### Query plans ({connection.vendor})\n")
    for label, qs in queries:
        print(f"{label}:\n```\n{qs.explain(**options)}\n```")
    with connection.cursor() as c:
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            count_visible(head)
        sql = ctx.captured_queries[-1]["sql"]
        c.execute(("EXPLAIN ANALYZE " if options else "EXPLAIN QUERY PLAN ") + sql)
        plan = "\n".join(" ".join(str(x) for x in row) for row in c.fetchall())
        print(f"count (capped at 10,000):\n```\n{plan}\n```")


def in_process(client, path: str, headers: dict[str, str], requests: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    extra = {f"HTTP_{k.upper()}": v for k, v in headers.items()}
    client.get(path, **extra)  # warm
    times = []
    queries = 0
    for _ in range(requests):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            r = client.get(path, **extra)
            times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (path, r.status_code)
        queries = max(queries, len(ctx.captured_queries))
    return median(times), percentile(times, 95), queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--http", action="store_true")
    parser.add_argument("--server-root", action="append", default=[], help="repeatable: one server per tree")
    parser.add_argument("--load", type=int, default=0, help="seconds per wrk run (0: no load runs)")
    parser.add_argument("--connections", default="8,32")
    parser.add_argument(
        "--explain", action="store_true", help="print the query plans of the list and inboxes"
    )
    args = parser.parse_args()

    users = setup_database()
    import bulk_seed
    from django.test import Client

    from perizinan.applications.models import Application
    from perizinan.demo import new_application, run_forward

    real = Application.objects.get(pk=run_forward(new_application(users), users).pk)
    t0 = time.perf_counter()
    counts = bulk_seed.seed(args.size - 1, template_app_id=real.pk)
    load_s = time.perf_counter() - t0
    broken = bulk_seed.check_chains()
    assert not broken, f"seeded chains that do not verify: {broken[:3]}"
    phases = ", ".join(f"{k} {v:.0f} s" for k, v in bulk_seed.TIMINGS.items())
    print(
        f"# API latency on {vendor()}, {args.size} applications "
        f"({', '.join(f'{v:,} {k}' for k, v in counts.items())} loaded in {load_s:.0f} s), "
        f"{args.requests} requests each; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"\nSeed phases: {phases}. verify_chain on 50 seeded applications: all pass.")
    eps = endpoints(users, real)
    client = Client()
    head = next(h for label, _, h in eps if "limit=100" in label)
    after = cursor_of_page_51(client, head)
    eps = [
        (label, f"/api/v1/applications?limit=100&after={after}" if p == "AFTER" else p, h)
        for label, p, h in eps
    ]
    if after is None:
        eps = [e for e in eps if "after=" not in e[0]]

    if args.explain:
        explain(users, after)
    print("\n| endpoint | p50 ms | p95 ms | queries/request |\n|---|---|---|---|")
    queries: dict[str, int] = {}
    for label, path, headers in eps:
        p50, p95, q = in_process(client, path, headers, args.requests)
        queries[label] = q
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {q} |", flush=True)

    if args.http:
        from http_server import Server

        roots = [Path(r).resolve() for r in args.server_root] or [ROOT]
        for root in roots:
            tree = "this tree" if root == ROOT else f"{root} (baseline, same settings)"
            extra: dict[str, str] = {}
            server = Server(root, extra)
            try:
                print(f"\n## gunicorn, {tree}; load average {os.getloadavg()[0]:.1f}")
                print("\n| endpoint | p50 ms | p95 ms |\n|---|---|---|")
                for label, path, headers in eps:
                    if "after=" in label and root != ROOT:
                        continue  # a baseline before keyset paging would ignore the cursor
                    p50, p95 = server.latency(path, headers, args.requests)
                    print(f"| {label} | {p50:.1f} | {p95:.1f} |", flush=True)
                if args.load and root == roots[0]:  # load runs on the first tree only
                    conns = [int(c) for c in args.connections.split(",")]
                    print(
                        f"\nwrk -t2, {args.load} s per run, loopback; load average {os.getloadavg()[0]:.1f}\n"
                        "\n| endpoint | connections | req/s | % of /health | p50 ms | p95 ms | p99 ms | errors | load avg |"
                        "\n|---|---|---|---|---|---|---|---|---|"
                    )
                    for c in conns:
                        floor = None
                        for label, path, headers in eps:
                            if label.split(" (")[0] not in LOADED and "(floor)" not in label:
                                continue
                            r = server.load(path, headers, c, args.load)
                            floor = floor or r["rps"]
                            print(
                                f"| {label} | {c} | {r['rps']:.0f} | {100 * r['rps'] / floor:.0f}% | "
                                f"{r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['errors']:.0f} | "
                                f"{os.getloadavg()[0]:.1f} |",
                                flush=True,
                            )
            finally:
                server.stop()
    teardown_database()


if __name__ == "__main__":
    main()
