#!/usr/bin/env bash
# Prints the path of a Python >= 3.12: pyenv's versions first, then python3.13/3.12/python3 on PATH.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
for c in "${PYTHON:-}" $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV) \
         $(command -v python3.13 python3.12 python3 2>/dev/null); do
  [ -n "$c" ] && [ -x "$c" ] && ok "$c" && { echo "$c"; exit 0; }
done
echo "No Python >= 3.12 found; install one or set PYTHON=/path/to/python3.12" >&2
exit 1
