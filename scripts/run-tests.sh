#!/usr/bin/env bash
# The suite in three runs, each in fresh processes:
#   1. everything but the browser and the fault tests, in parallel (pytest-xdist, one process
#      per core, a test file in one process);
#   2. the browser tests (tests/e2e, marked `browser`), in parallel: Playwright keeps an asyncio loop running in
#      its process, where pyHanko's synchronous signing cannot run, so no other test shares it;
#   3. the tests marked `alone` (fault tests that kill or restart the servers the others share).
# Arguments go to every run; a run that selects no test (pytest's exit code 5) is no failure.
set -uo pipefail
# Keep compiled bytecode (see the Makefile): each process would otherwise compile everything again.
unset PYTHONDONTWRITEBYTECODE
cd "$(dirname "$0")/.."
PY=.venv/bin/python
XDIST=(-n "${TEST_WORKERS:-auto}" --dist loadfile)
run() {
  local start=$SECONDS
  "$PY" -m pytest "$@"
  local rc=$?
  [ $rc -eq 5 ] && rc=0
  echo "run took $((SECONDS - start)) s"
  return $rc
}
status=0
run "${XDIST[@]}" -m "not browser and not alone" "$@" || status=1
run "${XDIST[@]}" -m "browser and not alone" "$@" || status=1
run -m "alone and not browser" "$@" || status=1
exit $status
