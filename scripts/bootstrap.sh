#!/usr/bin/env bash
# Creates .venv with a Python >= 3.12 and installs the locked dependencies (uv, offline-friendly).
set -euo pipefail
cd "$(dirname "$0")/.."
export UV_PYTHON_DOWNLOADS=never
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  PY=$(scripts/find-python.sh)
  rm -rf .venv
  "$PY" -m venv .venv
fi
scripts/system-deps.sh
if [ ! -x .venv/bin/uv ]; then
  .venv/bin/python -m pip --version >/dev/null 2>&1 || .venv/bin/python -m ensurepip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check uv
fi
# --inexact keeps pip and uv themselves in the environment (a later run needs them).
.venv/bin/uv sync --frozen --inexact --python .venv/bin/python -q
.venv/bin/python scripts/compile_messages.py >/dev/null
