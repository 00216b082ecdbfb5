#!/usr/bin/env bash
# Installs Debian's headless Chromium (chromium-headless-shell) and CJK fonts: the briefing PDF is printed by it,
# about twice as fast as the full browser would, and the browser tests drive it (Playwright cannot download
# browsers here); and poppler-utils, whose pdftoppm and pdftotext the briefing tests use to render each page as an
# image and read its word boxes. A machine that already has Debian's full `chromium` needs nothing more for the app.
# Does nothing when they are present; on a machine without apt-get it says so and the browser tests skip locally.
set -euo pipefail
# The fonts' check reads fc-list's whole output: `grep -q` would stop at the first match, fc-list would die of
# SIGPIPE, and under pipefail the fonts would read as missing (apt-get ran on a machine that had them, four
# times in ten, and failed for a user without sudo).
if [ -x /usr/bin/chromium-headless-shell ] && [ -x /usr/bin/pdftoppm ] \
    && fc-list : family 2>/dev/null | grep -F "Noto Sans CJK" >/dev/null; then
    exit 0
fi
bash "$(dirname "$0")/apt-install.sh" install-chromium chromium-headless-shell fonts-noto-cjk poppler-utils
