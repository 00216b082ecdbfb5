#!/usr/bin/env bash
# setup.sh [--dev]: the virtual environment .venv with the pinned packages (the test tools too with --dev) and the
# `incentive` command. Works on stock Debian: needs only python3 (no `python` alias), never installs into the
# system Python (which pip refuses, PEP 668), and installs Debian's python3-venv when venv cannot create one.
# Run it again after pulling: it installs what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
requirements=requirements.txt
if [ "${1:-}" = "--dev" ]; then requirements=requirements-dev.txt; fi
if [ ! -x .venv/bin/python ]; then
    if ! "$PY" -m venv .venv 2>/dev/null; then
        rm -rf .venv
        bash scripts/apt-install.sh setup python3-venv
        "$PY" -m venv .venv
    fi
fi
echo "setup: installing $requirements into .venv (a few minutes the first time)" >&2
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
echo "setup: ready. Run the app with .venv/bin/streamlit run serve.py; the CLI is .venv/bin/incentive" >&2
