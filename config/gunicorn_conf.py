"""gunicorn settings for `make serve` (docs/adr/0013-production-server.md).

Threaded workers (`gthread`): one process per core times WEB_WORKERS_PER_CORE (default 1,
at least 2), WEB_THREADS threads each (default 4) so a request waiting on PostgreSQL does
not hold a whole process; each thread keeps its database connection (CONN_MAX_AGE).
Override anything with WEB_CONCURRENCY, WEB_THREADS, or gunicorn's own flags/GUNICORN_CMD_ARGS.
"""

import os

_cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
workers = int(
    os.environ.get("WEB_CONCURRENCY", max(2, _cores * int(os.environ.get("WEB_WORKERS_PER_CORE", "1"))))
)
threads = int(os.environ.get("WEB_THREADS", "4"))
keepalive = 5  # seconds an idle keep-alive connection is held (behind a reverse proxy on loopback)
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))  # a worker silent this long is killed and replaced
graceful_timeout = 30
max_requests = 5000  # recycle workers now and then (bounded memory growth)
max_requests_jitter = 500
accesslog = os.environ.get("WEB_ACCESS_LOG") or None  # "-" for stdout
errorlog = "-"
wsgi_app = "config.wsgi:application"
