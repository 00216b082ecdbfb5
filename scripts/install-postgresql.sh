#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries: the DuckLake tests start a private server from them on loopback
# (their own data directory and port; the system service is not used). Does nothing when initdb is present; on a
# machine without apt-get it says so and the DuckLake tests skip locally.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
bash "$(dirname "$0")/apt-install.sh" install-postgresql postgresql
