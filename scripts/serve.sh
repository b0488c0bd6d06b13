#!/usr/bin/env bash
# Production-style serving (docs/adr/0013-production-server.md): gunicorn (threaded workers,
# sized to the cores) and the task worker with its heartbeat, against the database of
# DATABASE_URL (default: SQLite db.sqlite3; PostgreSQL: postgres://user@host:port/name).
# Migrates and collects static files first (WhiteNoise serves them). Ctrl-C stops both.
# PORT=8001 make serve; WEB_CONCURRENCY / WEB_THREADS size the server (config/gunicorn_conf.py).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export PORT="${PORT:-8000}" HOST="${HOST:-127.0.0.1}"
export DJANGO_DEBUG="${DJANGO_DEBUG:-0}"
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  # A key made once for this installation, kept out of the repository (var/ is ignored).
  mkdir -p var
  [ -s var/secret_key ] || (umask 077 && $PY -c 'import secrets; print(secrets.token_urlsafe(50))' >var/secret_key)
  DJANGO_SECRET_KEY="$(cat var/secret_key)"
  export DJANGO_SECRET_KEY
fi

$PY manage.py migrate --noinput
$PY manage.py collectstatic --noinput -v 0

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

$PY manage.py run_worker --no-reload --interval 0.5 &
pids+=($!)
.venv/bin/gunicorn -c config/gunicorn_conf.py &
pids+=($!)

cat <<MSG

  Perizinan (gunicorn) berjalan di http://$HOST:$PORT/ — siap: http://$HOST:$PORT/api/v1/health/ready
  Pekerja tugas berjalan di latar. Tekan Ctrl-C untuk menghentikan keduanya.

MSG
# Whichever stops first stops the other.
wait -n "${pids[@]}"
