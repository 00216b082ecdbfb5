"""serve.py: the server loads the whole library as it starts (not the command line), so that the first visitor's
first run does not import it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

from conftest import ROOT

import incentive


def test_the_server_starts_with_every_library_module_loaded_and_the_command_line_not_run():
    loaded = subprocess.run(
        [sys.executable, "-c", "import runpy, sys; runpy.run_path('serve.py'); print('\\n'.join(sorted(sys.modules)))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    library = {m.name for m in pkgutil.walk_packages(incentive.__path__, "incentive.")} - {"incentive.__main__"}
    assert library and library <= set(loaded), sorted(library - set(loaded))
    assert "incentive.__main__" not in loaded  # importing it would run the command line


def test_a_memory_limit_that_is_not_a_size_stops_the_server_with_its_sentence():
    """In a page's run the refusal would leave a blank page: the server refuses to start instead."""
    import os

    started = subprocess.run(
        [sys.executable, "-c", "import runpy; runpy.run_path('serve.py')"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "INCENTIVE_MEMORY_LIMIT": "lots"},
    )
    assert started.returncode == 1
    assert "INCENTIVE_MEMORY_LIMIT='lots'" in started.stderr and "256MB" in started.stderr
