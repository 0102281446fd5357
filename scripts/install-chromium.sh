#!/usr/bin/env bash
# Installs Debian's Chromium for the headless-browser tests, if it is not there.
# playwright-core drives it through executablePath; nothing is downloaded by npm.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "install-chromium: chromium is missing and this is not root; run: sudo apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
command -v chromium
