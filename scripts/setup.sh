#!/usr/bin/env bash
# setup.sh [--dev]: the virtual environment .venv with the locked packages (the test tools and linter too with
# --dev) and the `incentive` command. Works on stock Debian: needs only python3 (no `python` alias), never installs
# into the system Python (which pip refuses, PEP 668), and installs Debian's python3-venv when venv cannot create
# one. Run it again after pulling: it installs what changed.
#
# Installs are reproducible: requirements.txt / requirements-dev.txt (made from pyproject.toml by
# scripts/lock.sh) pin every package, transitive ones included, with its hashes, and pip refuses anything else
# (--require-hashes). The lock includes the build backend (setuptools), so the project itself installs with
# --no-build-isolation and --no-deps: nothing unhashed is fetched.
set -euo pipefail
cd "$(dirname "$0")/.."
# The interpreter: $PYTHON when set; else the distribution's own /usr/bin/python3 when it is 3.11 or newer, the one
# a county server runs the app on, even where another python3 comes first on the PATH (pyenv's shims); else the
# PATH's python3. Debian builds its Python with profile-guided and link-time optimization, which a Python built
# by pyenv lacks unless asked: pure Python took a quarter less CPU on Debian's 3.11.2 than on pyenv's 3.11.7
# (docs/design-notes.md#the-distributions-python).
if [ -n "${PYTHON:-}" ]; then
    PY="$PYTHON"
elif /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY=/usr/bin/python3
else
    PY=python3
fi
lock=requirements.txt
if [ "${1:-}" = "--dev" ]; then lock=requirements-dev.txt; fi
if [ ! -x .venv/bin/python ]; then
    if ! "$PY" -m venv .venv 2>/dev/null; then
        rm -rf .venv
        bash scripts/apt-install.sh setup python3-venv
        "$PY" -m venv .venv
    fi
fi
pip=(.venv/bin/python -m pip --disable-pip-version-check)
echo "setup: installing $lock into .venv (a few minutes the first time)" >&2
"${pip[@]}" install --quiet --require-hashes -r "$lock"
"${pip[@]}" install --quiet --no-deps --no-build-isolation -e .
# The project's own modules byte-compiled, as pip compiles what it installs: an editable install is not, and where
# PYTHONDONTWRITEBYTECODE is set every process (the app, each command) compiled them again, 0.3 s a start on two
# cores. Python checks each file's time against its source, so an edit after this is simply compiled again.
.venv/bin/python -m compileall -q -j 0 incentive ui
echo "setup: ready. Run the app with .venv/bin/streamlit run serve.py; the CLI is .venv/bin/incentive" >&2
