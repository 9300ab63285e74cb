#!/usr/bin/env bash
# Installs Debian's chromium for the tests that open the storage map's HTML page in a headless browser
# (render it, read its numbers, apply its filters). Idempotent: apt does nothing when it is installed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
apt_install chromium
echo "peers: chromium ready ($(command -v chromium))"
