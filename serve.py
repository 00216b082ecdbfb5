"""Start the dashboard: `streamlit run serve.py`. Streamlit's own server, plus the browser-session cookie, the
sign-in route and the upload guard (ui/server.py). `app.py` is the page script it runs."""

import importlib
import pkgutil

import streamlit as st

import incentive
from incentive import config, file_modes
from ui import server

# The database, the lake's files, backups: the service account's alone, whatever umask it was started with
# (incentive/file_modes.py). Before anything is opened.
file_modes.keep_private()

# A memory or thread setting that is not valid stops the server here with its sentence; in a page's run it would
# leave a blank page.
config.memory_limit()
config.duckdb_threads()

# The library every page builds on, and what it brings (pandas, DuckDB, Plotly, SciPy, HiGHS: about 2 s), loaded
# while the server starts rather than in the first visitor's first run (docs/performance.md). Not the command line.
for module in pkgutil.walk_packages(incentive.__path__, "incentive."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
# and what the library imports only where it is used, so that a command of the CLI starts without it: the audit's
# solver (incentive/disclosure.py) and the workbook writer (incentive/sharing/export.py)
for name in ("highspy", "scipy.sparse", "xlsxwriter"):
    importlib.import_module(name)

# The server then opens its own pages (and again when the data change), so that a visitor finds them computed; as
# it stops (Ctrl+C, SIGTERM) it closes its copies of a lake (ui/server.py: lifespan).
app = st.App("app.py", routes=server.routes(), middleware=server.middleware(), lifespan=server.lifespan)
