#!/usr/bin/env bash
# lock.sh: regenerates requirements.txt and requirements-dev.txt from pyproject.toml: every transitive package
# pinned with the hashes of all its files, for every platform (--universal) from Python 3.11 on. Run it after
# changing a dependency in pyproject.toml, then `bash scripts/setup.sh --dev` and commit the three files together.
# uv is pinned in the dev extra, so after `bash scripts/setup.sh --dev` it is .venv/bin/uv; set UV to use another
# (the same version: `python3 -m pip install uv==0.13.8` into any virtual environment).
set -euo pipefail
cd "$(dirname "$0")/.."
UV="${UV:-.venv/bin/uv}"
common=(--universal --python-version 3.11 --generate-hashes --group build --quiet
        --custom-compile-command "bash scripts/lock.sh")
"$UV" pip compile pyproject.toml "${common[@]}" -o requirements.txt
"$UV" pip compile pyproject.toml --extra dev "${common[@]}" -o requirements-dev.txt
