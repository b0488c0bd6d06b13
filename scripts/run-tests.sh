#!/usr/bin/env bash
# The suite in two runs, each in fresh processes:
#   1. everything but the tests marked `alone`, in parallel (pytest-xdist, one process per core,
#      a test file in one process). Files are handed out in the order tests/conftest.py gives
#      (--no-loadscope-reorder): the longest first, the browser tests (tests/e2e) after all
#      the others, because Playwright keeps an asyncio loop running in its process, where
#      pyHanko's synchronous signing cannot run afterwards;
#   2. the tests marked `alone` (the fault test that restarts the PostgreSQL cluster the others
#      share).
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
status=0
run "${XDIST[@]}" -m "not alone" "$@" || status=1
run -m "alone" "$@" || status=1
exit $status
