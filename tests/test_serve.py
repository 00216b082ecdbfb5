"""serve.py: the server loads the whole library as it starts (not the command line), so that the first visitor's
first run does not import it; a setting it cannot work with stops it there."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT
from loopback import free_port

import incentive


def _start(then: str = "", umask: int = -1, **environment: str) -> subprocess.CompletedProcess:
    """Run serve.py as `streamlit run` does at start (its module code), then the Python of `then`; started with
    `umask` when given."""
    return subprocess.run(
        [sys.executable, "-c", f"import runpy, sys; runpy.run_path('serve.py'); {then}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **environment},
        umask=umask,
    )


@pytest.mark.slow
def test_the_server_starts_with_every_library_module_loaded_and_the_command_line_not_run():
    started = _start("print('\\n'.join(sorted(sys.modules)))")
    assert started.returncode == 0, started.stderr
    loaded = started.stdout.split()
    library = {m.name for m in pkgutil.walk_packages(incentive.__path__, "incentive.")} - {"incentive.__main__"}
    assert library and library <= set(loaded), sorted(library - set(loaded))
    # and what the library imports where it is used, which a command of the CLI starts without (test_cli.py)
    assert {"highspy", "scipy.sparse", "xlsxwriter", "docx"} <= set(loaded)
    assert "incentive.__main__" not in loaded  # importing it would run the command line


@pytest.mark.slow
def test_the_server_makes_its_files_its_user_s_alone_whatever_umask_it_started_with():
    """The database file, the lake's files, backups: made with no permission bit for the group or others
    (incentive/file_modes.py; test_file_modes.py checks the files the command line makes under the same rule)."""
    started = _start("import os; print(oct(os.umask(0)))", umask=0o022)  # a login shell's
    assert started.returncode == 0, started.stderr
    assert started.stdout.split()[-1] == "0o77"


@pytest.mark.parametrize(
    "name, value, said",
    [("INCENTIVE_MEMORY_LIMIT", "lots", "256MB"), ("INCENTIVE_DUCKDB_THREADS", "two", "at least 1")],
)
@pytest.mark.slow
def test_a_memory_or_thread_setting_that_is_not_valid_stops_the_server_with_its_sentence(name, value, said):
    """In a page's run the refusal would leave a blank page: the server refuses to start instead."""
    started = _start(**{name: value})
    assert started.returncode == 1
    assert f"{name}={value!r}" in started.stderr and said in started.stderr


@pytest.mark.slow
def test_the_server_starts_without_asking_the_internet_for_its_address(tmp_path):
    """A server without a screen (headless), started as the README says (no address given), printed its public
    address, which Streamlit asks checkip.amazonaws.com for; on a closed intranet that ended in "Did not auto
    detect external IP" after two 1 s timeouts. The app's config gives the address (.streamlit/config.toml)."""
    port = free_port()
    log = tmp_path / "streamlit.log"
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true"]
    environment = {**os.environ, "INCENTIVE_DB": str(tmp_path / "app.duckdb"), "INCENTIVE_WARM_UP": "0"}
    with log.open("w") as out:
        server = subprocess.Popen(
            [*command, "--server.port", str(port)], cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 120
        while "URL:" not in log.read_text() and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as response:
            assert response.read().strip() == b"ok"
    finally:
        server.terminate()
        server.wait(timeout=30)
    said = log.read_text()
    assert f"URL: http://localhost:{port}" in said, said
    assert "external IP" not in said and "External URL" not in said, said


def test_the_server_watches_no_files_and_reruns_nothing_on_save():
    """A server's sessions watched the whole checkout for changes (Streamlit's default watcher), and a server log
    said "Inotify queue overflowed". The app's config turns the watcher off (.streamlit/config.toml), under the
    option names the installed Streamlit reads."""
    read = subprocess.run(
        [
            sys.executable,
            "-c",
            "from streamlit import config; config.get_config_options(force_reparse=True); "
            "print(config.get_option('server.fileWatcherType'), config.get_option('server.runOnSave'), "
            "config.get_where_defined('server.fileWatcherType'))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ,
    )
    assert read.returncode == 0, read.stderr
    watcher, on_save, where = read.stdout.split(maxsplit=2)
    assert (watcher, on_save) == ("none", "False"), read.stdout
    assert where.strip().endswith(".streamlit/config.toml"), read.stdout
