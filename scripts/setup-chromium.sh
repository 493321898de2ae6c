#!/usr/bin/env bash
# Debian's chromium for the browser tests (tests/test_web_browser.py drives it with Playwright; nothing is
# downloaded at run time). Installed with apt-get when /usr/bin/chromium is missing; idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup-chromium: not root and no sudo: install Debian's chromium" >&2; exit 2; }
  SUDO="sudo"
fi
echo "installing Debian's chromium for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || true
$SUDO apt-get install -y -qq chromium >/dev/null
[ -x /usr/bin/chromium ] || { echo "setup-chromium: /usr/bin/chromium still missing" >&2; exit 2; }
