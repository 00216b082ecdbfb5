"""The server opens its own pages once it has started and again when the data change, so that the first visitor
finds them computed (docs/design-notes.md, "The server warms up its own pages"; docs/performance.md, "After the
warm-up").

A page's first run after a start or an import computes what every later visitor then reads from the caches of
ui/runtime.py: at province scale 1-5 s a page, more again for each other year. The warm-up asks for the pages as a
browser does, over Streamlit's own protocol on the server's own address, one run at a time: the public pages at
their defaults, then the pages that follow the sidebar's year for each other year the sidebar offers, then the
rankings for every period and method each year offers, then the defaults again in a new session (the caches keep
the most recently used: what most visitors open stays). Nothing is worked out
here: the pages run exactly as for a visitor (not signed in), under the same cache keys.

It starts with the server (ui/server.py: `lifespan`), and again once requests stop coming for QUIET_S after a run of
this server found new data, settings or training targets (`ui/runtime.start_run` calls `request`): an import, a
rollback or a settings change in the app, or in another instance on the same DuckLake dataset, which the next
run here sees (an open browser asks every 10 s); the command line writes a database file only while the server is
stopped, and the next start warms up. INCENTIVE_WARM_UP=0 (or off, false, no) turns it off: tests that start many
servers. Behind a viewing password the warm-up stops at the gate, as any visitor, and says so in the log.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import http.client
import logging
import os
import ssl
import threading
import time
import urllib.request
from dataclasses import dataclass, field

from streamlit import config
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.exceptions import ConnectionClosed

from incentive.i18n import t
from incentive.race.scoring import METHODS

_LOG = logging.getLogger("incentive.warm_up")

PAGES = ("", "rankings", "training", "welfare", "movements", "appraisals")  # what a visitor can open (app.py)
YEAR_PAGES = PAGES  # each follows the sidebar's year (its default period is one of that year)
YEAR_KEY = "year"  # the sidebar's year, bound to the address (ui/frame.py)
# The rankings page's period and method: every value either offers, for every year, is opened too. A leader
# switching them waited for a ranking, its history and five charts (1.1-1.6 s at province scale in Chromium);
# the other pages' controls read what their year's first run computed.
RANKINGS = "rankings"
RANK_PERIOD, RANK_METHOD = "rank_period", "rank_method"  # the select boxes' keys
RANK_LINK = {RANK_PERIOD: "rank.period", RANK_METHOD: "rank.method"}  # their fields in the address (ui/link_state.py)
PATIENCE_S = 300  # one page's run at province scale takes seconds; a stuck one is given up
_STOPPING = (1001, 1012)  # "going away", "service restart": the server closes its sessions as it stops
QUIET_S = 5  # imports in a row (a bulk load, a clerk's files) warm up once, after the last
_wanted = threading.Event()
_started = threading.Lock()


def enabled() -> bool:
    return os.environ.get("INCENTIVE_WARM_UP", "1").strip().lower() not in ("0", "off", "false", "no")


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
    while True:
        _wanted.wait()
        while _wanted.wait(QUIET_S):  # not while the data are still changing; ends with no request pending
            _wanted.clear()
        started = time.perf_counter()
        try:
            base = _base_url()
            if not _until_healthy(base):
                continue
            runs = asyncio.run(warm(base))
        except ConnectionClosed as closed:
            if closed.rcvd is not None and closed.rcvd.code in _STOPPING:
                _LOG.warning("warm-up: the server is stopping")
            else:
                _LOG.warning("warm-up stopped: %r", closed)
            continue
        except Exception as failed:  # a failed warm-up leaves the pages to compute on a visit, as without one
            _LOG.warning("warm-up stopped: %r", failed)
            continue
        if runs:
            _LOG.warning("warm-up: %d page runs in %.1f s", runs, time.perf_counter() - started)
            _settle()
        else:  # the run itself says why on the page (and a storage fault in this log)
            _LOG.warning("warm-up: nothing to warm (no year offered: no data, a viewing password, or no database)")


def _settle() -> None:
    """Collect the garbage once, then leave what is alive now (the caches just filled, the modules) out of the
    garbage collector's future passes (`gc.freeze`): with twenty viewers each full pass over the warmed server's
    400,000 objects held the interpreter lock 0.3-0.7 s, one or two a round (docs/design-notes.md). Objects frozen
    are still freed when nothing refers to them; only garbage in reference cycles among them waits for the next
    warm-up, which unfreezes and collects first."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


@dataclass
class Opened:
    """What a page's run showed: the sidebar's years as it offered them and the one it showed, and every keyed
    select box's (options, the option shown) by its key."""

    years: list[str] = field(default_factory=list)
    year: str | None = None
    choices: dict[str, tuple[list[str], str | None]] = field(default_factory=dict)


async def warm(base_url: str) -> int:
    """Open PAGES at their defaults, then YEAR_PAGES for every other year the sidebar offers, with each year's
    rankings for every period and method it offers, one run at a time in one session; then PAGES again in a new
    session, which remembers no choice of the first (ui/link_state.py), and the default year's rankings: the
    caches keep the most recently used (32 figures of a kind: ui/shared_charts.py), and these are what visitors
    open most. Returns the number of runs, 0 when the first page offered no year (no data, or the viewing
    password's gate). RuntimeError when a run fails, shows an exception or shows another year."""
    url = base_url.replace("http", "ws", 1) + "/_stcore/stream"
    async with _session(url) as ws:
        opened = await open_page(ws, PAGES[0])
        if not opened.years:
            return 0
        links = [(page, "") for page in PAGES[1:]]  # first, for whoever comes while the rest warms up
        links += [(page, f"{YEAR_KEY}={year}") for year in opened.years[1:] for page in YEAR_PAGES]
        runs = 1 + len(links)
        for page, query in links:
            shown = await open_page(ws, page, query)
            if query and shown.year != query.split("=", 1)[1]:
                raise RuntimeError(f"page {page!r} ({query}) showed the year {shown.year!r}")
            if query and page == RANKINGS:  # the default year's: last, below
                runs += await _open_rankings(ws, rank_choices(shown, query))
    async with _session(url) as ws:
        for page in PAGES:
            shown = await open_page(ws, page)
            runs += 1 + await _open_rankings(ws, rank_choices(shown, "") if page == RANKINGS else [])
    return runs


async def _open_rankings(ws, queries: list[str]) -> int:
    for query in queries:
        await open_page(ws, RANKINGS, query)
    return len(queries)


@contextlib.asynccontextmanager
async def _session(url: str):
    """A WebSocket to the server's own stream, as a browser opens one: a new session."""
    from websockets.asyncio.client import connect  # the server's own dependency (requirements.txt)

    secure = _insecure_context() if url.startswith("wss") else None
    async with connect(
        url, subprotocols=["streamlit"], max_size=None, ping_interval=None, proxy=None, ssl=secure
    ) as ws:
        yield ws


def rank_choices(shown: Opened, year_query: str) -> list[str]:
    """The queries that open the rankings page as `shown` (its run for `year_query`: `year=2025`, or "" for the
    default year) with each period and method it offered, every pair: the one it showed is read from the cache
    again, which is cheaper than telling for sure which it was (a session shows a page as last left). The methods
    are offered by their labels in the default language (the warm-up's session has no other)."""
    methods = {t(f"method_{method}"): method for method in METHODS}
    periods, labels = shown.choices.get(RANK_PERIOD), shown.choices.get(RANK_METHOD)
    if not periods or not labels:  # no ranking that year (no race data): the page said so
        return []
    prefix = f"{year_query}&" if year_query else ""
    return [
        f"{prefix}{RANK_LINK[RANK_PERIOD]}={period}&{RANK_LINK[RANK_METHOD]}={methods[label]}"
        for period in periods[0]
        for label in labels[0]
        if label in methods
    ]


async def open_page(ws, page: str, query: str = "") -> Opened:
    """Ask the session on `ws` for `page` with `query` (the address's query string), as a browser does, and read the
    server's messages until the run it started has finished (the script_finished of the run_id its new_session
    announced; a finish without one follows a request the server could not handle): what it showed (`Opened`).
    RuntimeError for an exception drawn on the page, an unknown page, a run ended otherwise or one this request
    did not start; TimeoutError after PATIENCE_S without a message. The benchmark's viewers speak through it too
    (bench/browser.py)."""
    request = BackMsg()
    request.rerun_script.page_name = page
    request.rerun_script.query_string = query
    await ws.send(request.SerializeToString())
    label = f"page {page!r}" + (f" ({query})" if query else "")
    run_id, opened = None, Opened()
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(ws.recv(), PATIENCE_S))
        kind = message.WhichOneof("type")
        if kind == "new_session":
            run_id = message.metadata.run.script_run_id
        elif kind == "page_not_found":
            raise RuntimeError(f"{label} not found")
        elif kind == "delta":
            element = message.delta.new_element
            if element.WhichOneof("type") == "exception":
                raise RuntimeError(f"{label}: {element.exception.message}")
            if element.WhichOneof("type") == "selectbox":
                box = element.selectbox
                options, chosen = list(box.options), _chosen(box)
                if box.query_param_key == YEAR_KEY:
                    opened.years, opened.year = options, chosen
                opened.choices[box.id.rpartition("-")[2]] = (options, chosen)  # a keyed box's id ends in its key
        elif kind == "script_finished" and not message.metadata.run.fragment_ids:
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                run_id = None  # the page asked for another run (a link restored, a default set): a new_session follows
            elif message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                raise RuntimeError(f"{label}: script_finished {message.script_finished}")
            elif run_id is None or message.metadata.run.script_run_id != run_id:
                raise RuntimeError(f"{label}: a run finished that this request did not start")
            else:
                return opened


def _chosen(box) -> str | None:
    """The option a select box shows: the value the server set (a link's), else its default."""
    if box.set_value and box.HasField("raw_value"):
        return box.raw_value
    return box.options[box.default] if box.HasField("default") and box.default < len(box.options) else None


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
        except (OSError, http.client.HTTPException):  # not listening yet, or answering half
            pass
        time.sleep(0.5)
    _LOG.warning("warm-up: the server did not answer at %s", base_url)
    return False
