#!/usr/bin/env bash
# Installs Debian's Chromium and CJK fonts: the browser tests drive them, and the briefing PDF is printed by them
# (Playwright cannot download browsers here).
# Does nothing when they are present; on a machine without apt-get it says so and the browser tests skip locally.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: no apt-get here; install Chromium and Noto CJK fonts yourself (or set CHROMIUM)." >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
