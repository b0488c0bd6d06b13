#!/usr/bin/env bash
# The suite in two runs, each in fresh processes:
#   1. everything but the tests marked `alone`, in parallel (pytest-xdist, one process per core,
#      a test file in one process). Files are handed out in the order tests/conftest.py gives
#      (--no-loadscope-reorder): the longest first, the browser tests (tests/e2e) after all
#      the others, because their live server empties the database after each test;
#   2. the tests marked `alone` (the fault test that restarts its PostgreSQL cluster). On
#      PostgreSQL they get a throwaway cluster of their own (scripts/with-postgres.sh again) and
#      run beside the first run; their output follows its output. On SQLite they run after it.
# Arguments go to every run; a run that selects no test (pytest's exit code 5) is no failure.
set -uo pipefail
# Keep compiled bytecode (see the Makefile): each process would otherwise compile everything again.
unset PYTHONDONTWRITEBYTECODE
cd "$(dirname "$0")/.."
PY=.venv/bin/python
XDIST=(-n "${TEST_WORKERS:-auto}" --dist loadfile --no-loadscope-reorder)
run() {
  local start=$SECONDS
  "$PY" -m pytest "$@"
  local rc=$?
  [ $rc -eq 5 ] && rc=0
  echo "run took $((SECONDS - start)) s"
  return $rc
}
if [ "${RUN_TESTS_PART:-}" = alone ]; then
  run -m alone "$@"
  exit $?
fi
status=0
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  log=$(mktemp)
  env -u PGPORT_TEST RUN_TESTS_PART=alone scripts/with-postgres.sh scripts/run-tests.sh "$@" >"$log" 2>&1 &
  alone=$!
  run "${XDIST[@]}" -m "not alone" "$@" || status=1
  wait "$alone" || status=1
  cat "$log"
  rm -f "$log"
else
  run "${XDIST[@]}" -m "not alone" "$@" || status=1
  run -m alone "$@" || status=1
fi
exit $status
