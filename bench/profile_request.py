"""One read endpoint under cProfile, in-process, with its SQL (what a request spends its time on).

  .venv/bin/python bench/profile_request.py [--size N] [--requests R] [--top K] [LABEL-SUBSTRING ...]

Seeds like api_latency.py (bench/bulk_seed.py), then for each endpoint of api_latency.endpoints
whose label contains one of the given substrings (all without any): the SQL of one request with
each statement's time, then cProfile over R requests sorted by own time and by cumulative time.
"""

import argparse
import cProfile
import io
import pstats
import time

from common import setup_database, teardown_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("labels", nargs="*")
    args = parser.parse_args()

    users = setup_database()
    import bulk_seed
    from api_latency import endpoints
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from perizinan.applications.models import Application
    from perizinan.demo import new_application, run_forward

    real = Application.objects.get(pk=run_forward(new_application(users), users).pk)
    t0 = time.perf_counter()
    counts = bulk_seed.seed(args.size - 1, template_app_id=real.pk)
    print(f"seeded {counts} in {time.perf_counter() - t0:.0f} s")
    broken = bulk_seed.check_chains()
    assert not broken, f"seeded chains that do not verify: {broken[:3]}"
    client = Client()
    for label, path, headers in endpoints(users, real):
        if path == "AFTER" or (args.labels and not any(s in label for s in args.labels)):
            continue
        extra = {f"HTTP_{k.upper()}": v for k, v in headers.items()}
        client.get(path, **extra)
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            r = client.get(path, **extra)
            total = (time.perf_counter() - t0) * 1000
        print(f"\n## {label}: {r.status_code}, {len(r.content)} bytes, {total:.1f} ms, {len(ctx)} queries")
        for q in ctx.captured_queries:
            print(f"  {float(q['time']) * 1000:7.2f} ms  {q['sql'][:300]}")
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(args.requests):
            client.get(path, **extra)
        prof.disable()
        for key in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats(key).print_stats(args.top)
            print("\n".join(out.getvalue().splitlines()[6:]))
    teardown_database()


if __name__ == "__main__":
    main()
