#!/usr/bin/env bash
# apt-install.sh WHO PACKAGE...: installs Debian packages (with sudo unless root) for the install-*.sh scripts;
# on a machine without apt-get it says so and succeeds, so the tests that need them skip locally.
set -euo pipefail
who="$1"; shift
if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: no apt-get here; install $* yourself." >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
