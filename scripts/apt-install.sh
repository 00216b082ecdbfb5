#!/usr/bin/env bash
# apt-install.sh WHO PACKAGE...: installs Debian packages (with sudo unless root) for the install-*.sh scripts;
# on a machine without apt-get it says so and succeeds, so the tests that need them skip locally.
set -euo pipefail
who="$1"; shift
if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: no apt-get here; install $* yourself." >&2
    exit 0
fi
SUDO=()
if [ "$(id -u)" != "0" ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        # a stock Debian installed with a root password has no sudo: say what to run instead of "command not found"
        echo "$who: installing $* needs root, and sudo is not installed. Run as root: su -c 'apt-get install $*'" >&2
        exit 1
    fi
    SUDO=(sudo)
fi
echo "$who: installing $* with apt-get (this can take minutes)" >&2
"${SUDO[@]}" apt-get update -qq
# through env, since sudo drops variables set before it
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
