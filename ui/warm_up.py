"""The server opens its own pages once it has started and again when the data change, so that the first visitor
finds them computed (docs/performance.md, "Warm-up").

A page's first run after a start or an import computes what every later visitor then reads from the caches of
ui/runtime.py: at province scale 1-5 s a page, more again for each other year. The warm-up asks for the pages as a
browser does, over Streamlit's own protocol on the server's own address, one run at a time: the public pages at
their defaults, then the pages that follow the sidebar's year for each other year the sidebar offers. Nothing is
worked out here: the pages run exactly as for a visitor (not signed in), under the same cache keys.

It starts with the server (serve.py: `lifespan`), and again after any run that found a new data version (an import,
a rollback, a settings change, from the app or the command line: `ui/runtime.start_run` calls `request`).
INCENTIVE_WARM_UP=0 turns it off (tests that start many servers; a deployment behind a viewing password, whose
gate the warm-up cannot pass, gains nothing from it).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import ssl
import threading
import time
import urllib.request

from streamlit import config
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

_LOG = logging.getLogger("incentive.warm_up")

PAGES = ("", "rankings", "training", "welfare", "movements", "appraisals")  # what a visitor can open (app.py)
YEAR_PAGES = ("", "training", "movements", "appraisals")  # what follows the sidebar's year
YEAR_KEY = "year"  # the sidebar's year, bound to the address (ui/frame.py)
PATIENCE_S = 300  # one page's run at province scale takes seconds; a stuck one is given up
_wanted = threading.Event()
_started = threading.Lock()


def enabled() -> bool:
    return os.environ.get("INCENTIVE_WARM_UP", "1").strip() != "0"


def request() -> None:
    """Ask for a warm-up after the current one (or now): the data have changed."""
    _wanted.set()


@contextlib.asynccontextmanager
async def lifespan(_app):
    """st.App's lifespan hook: starts the warm-up thread once the runtime runs (once per process)."""
    if enabled() and _started.acquire(blocking=False):
        request()
        threading.Thread(target=_loop, name="incentive-warm-up", daemon=True).start()
    yield


def _loop() -> None:
    base = _base_url()
    while True:
        _wanted.wait()
        _wanted.clear()
        if not _until_healthy(base):
            continue
        started = time.perf_counter()
        try:
            runs = asyncio.run(warm(base))
        except Exception as failed:  # a failed warm-up leaves the pages to compute on a visit, as without one
            _LOG.warning("warm-up stopped: %r", failed)
            continue
        _LOG.warning("warm-up: %d page runs in %.1f s", runs, time.perf_counter() - started)


async def warm(base_url: str) -> int:
    """Open PAGES at their defaults, then YEAR_PAGES for every other year the sidebar offers, one run at a time,
    in one session; returns the number of runs. RuntimeError when a run fails or shows an exception."""
    from websockets.asyncio.client import connect  # the server's own dependency (requirements.txt)

    url = base_url.replace("http", "ws", 1) + "/_stcore/stream"
    secure = _insecure_context() if url.startswith("wss") else None
    async with connect(
        url, subprotocols=["streamlit"], max_size=None, ping_interval=None, proxy=None, ssl=secure
    ) as ws:
        years = []
        for page in PAGES:
            offered = await _run(ws, page, "")
            years = years or offered
        for year in years[1:]:  # the first is the default, done above
            for page in YEAR_PAGES:
                await _run(ws, page, f"{YEAR_KEY}={year}")
    return len(PAGES) + len(YEAR_PAGES) * max(len(years) - 1, 0)


async def _run(ws, page: str, query: str) -> list[str]:
    """One run of `page` with `query` (the address's query string); the sidebar's years as it offered them."""
    request = BackMsg()
    request.rerun_script.page_name = page
    request.rerun_script.query_string = query
    await ws.send(request.SerializeToString())
    run_id, years = None, []
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(ws.recv(), PATIENCE_S))
        kind = message.WhichOneof("type")
        if kind == "new_session":
            run_id = message.metadata.run.script_run_id
        elif kind == "page_not_found":
            raise RuntimeError(f"page {page!r} not found")
        elif kind == "delta":
            element = message.delta.new_element
            if element.WhichOneof("type") == "exception":
                raise RuntimeError(f"page {page!r} ({query}): {element.exception.message}")
            if element.WhichOneof("type") == "selectbox" and element.selectbox.query_param_key == YEAR_KEY:
                years = list(element.selectbox.options)
        elif kind == "script_finished" and not message.metadata.run.fragment_ids:
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                run_id = None  # the page asked for another run (a link restored, a default set)
            elif message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                raise RuntimeError(f"page {page!r} ({query}): script_finished {message.script_finished}")
            elif run_id is not None and message.metadata.run.script_run_id == run_id:
                return years


def _base_url(option=config.get_option) -> str:
    """The server's own address (`option`: Streamlit's settings by name): loopback when it listens on every
    interface."""
    address = (option("server.address") or "").strip() or "127.0.0.1"
    if address in ("0.0.0.0", "::"):
        address = "127.0.0.1"
    host = f"[{address}]" if ":" in address else address
    scheme = "https" if option("server.sslCertFile") else "http"
    base = (option("server.baseUrlPath") or "").strip("/")
    return f"{scheme}://{host}:{option('server.port')}" + (f"/{base}" if base else "")


def _insecure_context() -> ssl.SSLContext:
    # the server's own certificate, reached by its own address: often issued for another name
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _until_healthy(base_url: str, patience_s: float = 120) -> bool:
    """Wait until the server answers its health check (it starts listening after the lifespan hook has run)."""
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=_insecure_context())
    )
    deadline = time.monotonic() + patience_s
    while time.monotonic() < deadline:
        try:
            with opener.open(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    _LOG.warning("warm-up: the server did not answer at %s", base_url)
    return False
