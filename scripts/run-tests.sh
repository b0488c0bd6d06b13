#!/usr/bin/env bash
# The suite in two runs: everything in parallel (pytest-xdist, one process per core, a test file
# in one process), then the tests marked `alone` (fault tests that kill or restart the servers
# the other processes share) in a process of their own. Arguments go to both runs; a run that
# selects no test (pytest's exit code 5) is not a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
"$PY" -m pytest -n "${TEST_WORKERS:-auto}" --dist loadfile -m "not alone" "$@"
rc=$?
[ $rc -eq 5 ] && rc=0
[ $rc -ne 0 ] && exit $rc
"$PY" -m pytest -m alone "$@"
rc=$?
[ $rc -eq 5 ] && rc=0
exit $rc
