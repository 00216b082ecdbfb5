#!/usr/bin/env bash
# Installs Debian's Chromium and CJK fonts: the browser tests drive them, and the briefing PDF is printed by them
# (Playwright cannot download browsers here).
# Does nothing when they are present; on a machine without apt-get it says so and the browser tests skip locally.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then
    exit 0
fi
bash "$(dirname "$0")/apt-install.sh" install-chromium chromium fonts-noto-cjk
