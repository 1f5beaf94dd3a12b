#!/usr/bin/env bash
# Set up (once) and run every test: unit, AppTest and headless-Chromium browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests" >&2
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq chromium
fi
if [ ! -x /usr/sbin/nginx ]; then
  # tests/browser/test_proxy.py serves two app processes through deploy/nginx.conf.
  echo "Installing Debian's nginx for the proxy test" >&2
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq nginx-light
fi
source scripts/venv.sh requirements-dev.txt
# Style first: ruff's lint and format checks (settings in pyproject.toml), then every test.
.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
