"""The real app in a real browser: a Streamlit server on a free loopback port over a fresh copy of the sample
database, driven by Debian's Chromium through Playwright.

A module that imports, rolls back or otherwise changes what later pages show gets its own server and database
(`app_url`), so it cannot change what another module sees; the modules that write nothing another test reads
share one server per test process (`shared_app_url`, taken as their `app_url`). Screenshots land in
artifacts/screenshots/ (git-ignored) on every run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from loopback import free_port
from playwright.sync_api import expect, sync_playwright

from incentive.sharing.briefing import chromium_path

from .browser_steps import PATIENCE_MS, open_view

ROOT = Path(__file__).resolve().parents[2]
# The browser the app prints briefings with (CHROMIUM, else Debian's headless build, else the full browser)
CHROMIUM = chromium_path() or "/usr/bin/chromium-headless-shell"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
START_TIMEOUT_S = 180
ADMIN, ADMIN_PASSWORD = "测试管理员", "browser-test-password"


def wait_healthy(base_url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer /_stcore/health within {START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


# expect(...) gives an element this long to appear or change after the script run that draws it has finished
# (Playwright's default is 5 s, short on two loaded cores: charts draw after the run).
expect.set_options(timeout=60_000)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: bash scripts/install-chromium.sh (or set CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


_LOGS: dict[str, Path] = {}


def server_log(base_url: str) -> Path:
    """The output of the app server at `base_url` (started by `app_url`)."""
    return _LOGS[base_url]


@contextlib.contextmanager
def running_app(chromium, database: Path, folder: Path, *, env: dict[str, str] | None = None, args: tuple = ()):
    """`streamlit run serve.py` on a free loopback port over `database`, with the test administrator, `env` and
    more command-line `args`; yields its base URL once a first script run has finished, and stops it afterwards.
    Its output goes to `folder`/streamlit.log (`server_log`)."""
    port = free_port()
    log = folder / "streamlit.log"
    from incentive.access import hash_password

    env = {
        **os.environ,
        "INCENTIVE_DB": str(database),
        "PYTHONUNBUFFERED": "1",
        "INCENTIVE_ADMINS": f"{ADMIN}:{hash_password(ADMIN_PASSWORD)}",
        "INCENTIVE_WARM_UP": "0",  # its own test turns it on (test_warm_up_in_browser.py): 18 runs at each start
        **(env or {}),
    }
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "serve.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *args,
    ]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base_url, server, log)
        warm_up = chromium.new_page()
        open_view(warm_up, base_url)  # the first script run opens the database and fills the caches
        warm_up.close()
        _LOGS[base_url] = log
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def sample_with_clerk(sample_db_file, folder: Path, name: str, county: str, password: str) -> Path:
    """A copy of the loaded sample in `folder` with one county clerk among its users (added by ADMIN)."""
    from incentive.accounts import users
    from incentive.accounts.roles import COUNTY_CLERK
    from incentive.store.database import Database

    path = folder / "app.duckdb"
    shutil.copy(sample_db_file, path)
    database = Database(path)
    users.add(database, name, COUNTY_CLERK, county, password, ADMIN)
    database.close()
    return path


@pytest.fixture(scope="module")
def app_url(chromium, sample_db_file, tmp_path_factory):
    """Base URL of a running app whose database is a fresh copy of the loaded sample; stopped after the module."""
    folder = tmp_path_factory.mktemp("app")
    database = folder / "app.duckdb"
    shutil.copy(sample_db_file, database)
    with running_app(chromium, database, folder) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def shared_app_url(chromium, sample_db_file, tmp_path_factory):
    """Base URL of one running app for the whole test process (each pytest-xdist worker has its own) over its own
    copy of the loaded sample: the `app_url` of the modules that read the sample and write nothing another test
    reads (each says so where it takes it). A server's start costs 5-12 s of the worker on two cores (its imports,
    then the first script run filling the caches), once per module with `app_url`.

    A module that imports, rolls back, publishes, adds accounts or changes settings keeps a server of its own
    (`app_url`): those change what every later page shows. What the sharing modules do write is read back only by
    the test that wrote it: the audit log's sign-ins, and short or pinned links under keys drawn at random
    (incentive/sharing/permalinks.py)."""
    folder = tmp_path_factory.mktemp("shared-app")
    database = folder / "app.duckdb"
    shutil.copy(sample_db_file, database)
    with running_app(chromium, database, folder) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def _browser_context(chromium):
    """The browser profile of a module's `page`s. One per module rather than per test: the first page a new
    context opens fetches and compiles Streamlit's scripts again (0.9 s of every test on two cores), which a
    browser keeps in its cache from one visit to the next."""
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    yield context
    context.close()


@pytest.fixture
def page(_browser_context):
    """A new tab at desktop size with no cookies (so signed out): a new session of the app, as after a restart of
    the browser. Tests of what a new profile sees make their own context (test_sharing_in_browser.py)."""
    _browser_context.clear_cookies()
    tab = _browser_context.new_page()
    tab.set_default_timeout(PATIENCE_MS // 2)  # a click or a locator; waits for script runs have their own
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
