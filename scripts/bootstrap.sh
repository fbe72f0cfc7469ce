#!/usr/bin/env bash
# Set up everything the project needs, from its own files only:
# a virtual environment in .venv with the pinned Python packages.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt

# Debian packages for the browser and HTML-validity tests: Chromium (driven by
# Playwright, never its own browser download) and a Java runtime for vnu.jar.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "bootstrap: install ${missing[*]} (Debian packages) to run the browser tests" >&2
  fi
fi
