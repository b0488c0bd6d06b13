#!/usr/bin/env bash
# Runs "$@" against a throwaway PostgreSQL cluster on 127.0.0.1, then stops and removes it.
# Installs the server from Debian's packages when it is missing (needs root).
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  elif command -v pg_ctl >/dev/null; then
    PGBIN=$(dirname "$(command -v pg_ctl)")
  else
    echo "PostgreSQL server not found; install it (Debian: apt-get install postgresql)" >&2; exit 1
  fi
fi
# The given port, else 54329 when free, else any free port (other jobs' clusters may hold it).
PORT=${PGPORT_TEST:-$(python3 -c 'import socket
s = socket.socket()
try:
    s.bind(("127.0.0.1", 54329))
except OSError:
    s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')}
D=$(mktemp -d /tmp/perizinan-pg.XXXXXX)
RUN=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$D"; RUN=(runuser -u postgres --)
fi
cleanup() { "${RUN[@]}" "$PGBIN/pg_ctl" -D "$D/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$D"; }
trap cleanup EXIT
"${RUN[@]}" "$PGBIN/initdb" -D "$D/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$D/data" -l "$D/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $D -c fsync=off -c max_connections=100" start >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/perizinan"
# For the fault tests (tests/faults/), which restart this throwaway cluster mid-run.
export PERIZINAN_TEST_PGBIN="$PGBIN" PERIZINAN_TEST_PGDATA="$D/data" PERIZINAN_TEST_PGLOG="$D/server.log"
export PERIZINAN_TEST_PGUSER_OS="${RUN[*]:+postgres}"
"$@"
