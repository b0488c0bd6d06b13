#!/usr/bin/env bash
# What the browser tests need beyond Python packages: Debian's Chromium (never `playwright install`,
# which downloads a browser) and axe-core from the npm registry (package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Please install Chromium: sudo apt-get install chromium" >&2; exit 1
  fi
fi
