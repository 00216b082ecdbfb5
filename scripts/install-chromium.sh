#!/usr/bin/env bash
# Installs Debian's Chromium and CJK fonts: the browser tests drive them, and the briefing PDF is printed by them
# (Playwright cannot download browsers here); and poppler-utils, whose pdftoppm and pdftotext the briefing tests
# use to render each page as an image and read its word boxes.
# Does nothing when they are present; on a machine without apt-get it says so and the browser tests skip locally.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/pdftoppm ] && fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then
    exit 0
fi
bash "$(dirname "$0")/apt-install.sh" install-chromium chromium fonts-noto-cjk poppler-utils
