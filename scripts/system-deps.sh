#!/usr/bin/env bash
# Debian packages the project needs at run time (WeasyPrint's Pango/HarfBuzz, a font) and for
# the docs (poppler-utils' pdftoppm). Installs what is missing when run as root; otherwise
# says what to install and carries on.
set -uo pipefail
PKGS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-dejavu-core poppler-utils)
command -v dpkg-query >/dev/null || exit 0
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Please install: sudo apt-get install ${missing[*]}" >&2
fi
