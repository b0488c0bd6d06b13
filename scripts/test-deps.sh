#!/usr/bin/env bash
# What the browser tests need beyond Python packages: Debian's Chromium, its headless shell (never
# `playwright install`, which downloads a browser; ADR 0020), and axe-core from the npm registry
# (package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium-headless-shell >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null
  else
    echo "Please install Chromium's headless shell: sudo apt-get install chromium-headless-shell" >&2; exit 1
  fi
fi
