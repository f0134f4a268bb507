#!/usr/bin/env bash
# Makes sure the browser tests have Debian's Chromium and ChromeDriver (never a downloaded
# browser). Installs them with apt-get when they are missing and we may; otherwise says what to do.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing chromium and chromium-driver for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  exit 0
fi
echo "The browser tests need Chromium and ChromeDriver at /usr/bin/chromium and /usr/bin/chromedriver." >&2
echo "On Debian/Ubuntu run: sudo apt-get install chromium chromium-driver" >&2
exit 1
