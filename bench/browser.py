"""What a user of the running app waits for: every page opened in headless Chromium, and many viewers at once.

Run by bench/run.py as its `browser` stage, over the database the benchmark imported: it starts the app
(`streamlit run serve.py` on a free loopback port) and measures

- **in Chromium** (Debian's, through Playwright, at desktop width): for every page, the time from asking for it
  until its last element is drawn: opened by its address in a browser that has never opened the app (empty
  cache: the first run of that page since the server started, though what earlier pages cached stays), then
  opened again in new tabs of that browser (scripts cached, a new session each), reached from the overview by
  its sidebar link, and after changing a control to a value not shown before; and the bytes the server sent
  over the WebSocket for each;
- **the reference**: Streamlit alone (bench/reference_app.py: a bare page, one Plotly chart, one table) served
  and opened the same way in the same run, so that a page's wait reads against what Streamlit and Plotly take
  on the same cores before any figure of ours;
- **many viewers**: sessions opening the overview and then the rankings at the same moment, each a WebSocket
  client speaking Streamlit's own protocol (the browser's first request, then the page switch), timed until the
  server has finished the run; and the server's peak resident memory.

"Drawn" is what the user sees settle: the script run has finished, no element is stale, no skeleton is left,
every Plotly chart has drawn its SVG and every table its canvas (but for those in a folded expander, which draw
when opened), checked in the page on every animation frame.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from spread import spread
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from incentive.sharing.briefing import chromium_path  # bench/run.py puts the project on the path
from ui.warm_up import open_page

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = chromium_path() or "/usr/bin/chromium"  # the app's own choice (bench/run.py)
DESKTOP = {"width": 1440, "height": 900}
PATIENCE_S = 300  # a step that takes longer fails the stage: something is broken, not slow
VIEWERS = 20
VIEWER_ROUNDS = 3  # the first on a server that has cached nothing of these pages
SMALL_FRAME = 4096  # bytes: a script_finished or new_session message is far smaller; larger frames are elements

# The page's settled state, evaluated in the page on every animation frame once the script run has finished.
DRAWN_JS = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-stale=true], [data-testid=stSkeleton]')) return false;
  const shown = (e) => !e.closest('details:not([open])');  // a folded expander draws nothing until opened
  for (const chart of document.querySelectorAll('[data-testid=stPlotlyChart]'))
    if (shown(chart) && !chart.querySelector('svg.main-svg')) return false;
  for (const grid of document.querySelectorAll('[data-testid=stDataFrame]'))
    if (shown(grid) && !grid.querySelector('canvas')) return false;
  return true;
}"""

Controls = list[tuple[str, str]]  # (kind of control, widget key), as bench/run.py's INTERACTIONS


def browser_stage(db_path: Path, pages: dict[str, str], interactions: dict[str, Controls], runs: int) -> dict:
    """Figures of the app served over `db_path` (a database of the benchmark, or DuckLake through the
    environment): {"reference": _reference, "pages": {script: _page_figures}, "server_alone": _server_alone,
    "viewers": _viewers, "server_rss_mb": float, "warmed": _after_warm_up}. Times in seconds, bytes as sent over
    the WebSocket. `pages` maps each page's script to its address."""
    out: dict = {"reference": _reference(runs)}
    with _server(db_path) as (base_url, server, _):
        # Playwright is closed before the protocol's session below: it runs an event loop of its own
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            try:
                out["pages"] = {
                    script: _page_figures(chromium, base_url, path, interactions.get(script, []), runs)
                    for script, path in pages.items()
                }
            finally:
                chromium.close()
        out["server_alone"] = asyncio.run(_server_alone(base_url, pages, runs))
        out["server_rss_mb"] = _peak_rss_mb(server.pid)
    with _server(db_path) as (base_url, server, _):  # a new server: the first round of viewers finds nothing cached
        out["viewers"] = asyncio.run(_viewers(base_url, [("", "overview"), ("rankings", "rankings")]))
        out["viewers"]["server_rss_mb"] = _peak_rss_mb(server.pid)
    out["warmed"] = _after_warm_up(db_path, pages, interactions)
    return out


REFERENCE_PAGES = {"bare": "", "chart": "chart", "table": "table"}  # bench/reference_app.py's, by address


def _reference(runs: int) -> dict:
    """Streamlit's own floor (bench/reference_app.py), opened as the app's pages are in a browser of its own:
    {page: _page_figures} for a bare page, one Plotly chart, one table."""
    with _server(None, script="bench/reference_app.py") as (base_url, _, _), sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        try:
            return {name: _page_figures(chromium, base_url, path, [], runs) for name, path in REFERENCE_PAGES.items()}
        finally:
            chromium.close()


def _after_warm_up(db_path: Path, pages: dict[str, str], interactions: dict[str, Controls]) -> dict:
    """The same, on a server that has warmed up (ui/warm_up.py) before anyone asks: {"seconds": the warm-up's own
    time, "runs": its page runs, "pages": _page_figures of two runs, "viewers": one round, "server_rss_mb"}."""
    with _server(db_path, warm_up=True) as (base_url, server, (runs, seconds)):
        with sync_playwright() as playwright:  # closed before the viewers: it runs an event loop of its own
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            try:
                figures = {
                    script: _page_figures(chromium, base_url, path, interactions.get(script, []), 2)
                    for script, path in pages.items()
                }
            finally:
                chromium.close()
        viewers = asyncio.run(_viewers(base_url, [("", "overview"), ("rankings", "rankings")], rounds=1))
        rss_mb = _peak_rss_mb(server.pid)
        return {"runs": runs, "seconds": seconds, "pages": figures, "viewers": viewers, "server_rss_mb": rss_mb}


# ---------------------------------------------------------------- one viewer in Chromium


def _page_figures(chromium, base_url: str, path: str, controls: Controls, runs: int) -> dict:
    """One page `runs` times: {"opened_first": _Tab.measure, "opened", "linked", "changed": _summary or None,
    "controls": keys changed, "skipped": keys that offered nothing to change}."""
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN")  # one browser: its cache fills on first use
    url = f"{base_url}/{path}"
    opened, linked, changed, used, skipped = [], [], [], {}, set()
    try:
        for i in range(runs):
            tab = _Tab(context.new_page())  # a new tab: a new session
            opened.append(tab.measure(partial(tab.page.goto, url, timeout=PATIENCE_S * 1000)))
            if path:  # from the overview by the sidebar link, as in a meeting
                tab.measure(partial(tab.page.goto, f"{base_url}/", timeout=PATIENCE_S * 1000))
                linked.append(tab.measure(tab.page.locator(f'[data-testid=stSidebarNav] a[href$="/{path}"]').click))
            if controls:
                kind, key = controls[i % len(controls)]
                figure = tab.change(kind, key, used.setdefault(key, set()))
                if figure is None:
                    skipped.add(key)
                else:
                    changed.append({**figure, "control": key})
            tab.page.close()
    finally:
        context.close()
    return {
        "opened_first": opened[0],
        "opened": _summary(opened[1:]),
        "linked": _summary(linked),
        "changed": _summary(changed),
        "controls": sorted({c["control"] for c in changed}),
        "skipped": sorted(skipped),
    }


class _Tab:
    """A browser tab with a count of its WebSocket's finished script runs and of the bytes the server sent."""

    def __init__(self, page) -> None:
        self.page = page
        self.received = 0
        self.finished = 0  # full script runs the server reported finished
        page.on("websocket", self._socket)

    def _socket(self, ws) -> None:
        if ws.url.endswith("/_stcore/stream"):
            ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if not isinstance(payload, bytes):
            return
        self.received += len(payload)
        if len(payload) > SMALL_FRAME:  # parsing every element on the measured cores would slow what it measures
            return
        message = ForwardMsg()
        message.ParseFromString(payload)
        if _full_run_finished(message):
            self.finished += 1

    def measure(self, action) -> dict:
        """Seconds from `action` until the script run it asked for has finished ("finished") and the page is
        drawn ("drawn"), and the bytes received meanwhile."""
        finished_before, received_before = self.finished, self.received
        started = time.perf_counter()
        action()
        deadline = started + PATIENCE_S
        while self.finished == finished_before:
            if time.perf_counter() > deadline:
                raise SystemExit(f"no finished script run within {PATIENCE_S} s at {self.page.url}")
            self.page.wait_for_timeout(5)  # lets Playwright deliver the frames
        finished = time.perf_counter()
        self.page.wait_for_function(DRAWN_JS, polling="raf", timeout=PATIENCE_S * 1000)
        drawn = time.perf_counter()
        if self.page.locator("[data-testid=stException]").count():
            raise SystemExit(f"an exception on {self.page.url}")
        return {"finished": finished - started, "drawn": drawn - started, "bytes": self.received - received_before}

    def change(self, kind: str, key: str, used: set) -> dict | None:
        """Give the control `key` (a selectbox or a segmented control) a value not in `used` and not shown now,
        so the page computes it rather than reading its cache, and measure until drawn; None when the control is
        not on the page, is disabled or has nothing else to offer. The value is added to `used`."""
        box = self.page.locator(f".st-key-{key}").first
        if not box.count() or not box.is_visible():
            return None
        if kind == "segmented_control":
            return self._choose_segment(box, used)
        return self._choose_option(box, key, used)

    def _choose_segment(self, box, used: set) -> dict | None:
        for button in box.locator("[role=radio][aria-checked=false]").all():
            label = button.inner_text().strip()
            if label not in used:
                used.add(label)
                return self.measure(button.click)
        return None

    def _choose_option(self, box, key: str, used: set) -> dict | None:
        field = box.locator("input[role=combobox]")  # Streamlit's selectbox: a react-aria combo box
        if field.is_disabled():
            return None
        used.add(field.input_value().strip())  # shown now: its figures are cached
        options = self.page.locator("[role=listbox] [role=option]")
        for _ in range(3):  # a redraw of the page (the data-version watch) can close the list as it opens
            box.locator("button[aria-haspopup=listbox]").click()
            try:
                options.first.wait_for(timeout=5_000)
                break
            except PlaywrightTimeout:
                self.page.keyboard.press("Escape")
        else:
            raise SystemExit(f"the list of {key} did not open at {self.page.url}")
        for option in options.all():
            label = option.inner_text().strip()
            if label not in used:
                used.add(label)
                return self.measure(option.click)
        self.page.keyboard.press("Escape")
        return None


def _full_run_finished(message: ForwardMsg) -> bool:
    """A full script run (not a fragment's) ended normally: the page it draws is complete."""
    return (
        message.WhichOneof("type") == "script_finished"
        and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
        and not message.metadata.run.fragment_ids
    )


# ---------------------------------------------------------------- many viewers over the protocol


async def _viewers(base_url: str, steps: list[tuple[str, str]], rounds: int = VIEWER_ROUNDS) -> dict:
    """VIEWER_ROUNDS rounds of VIEWERS sessions started together, each asking for `steps` in turn ((page name,
    label)): {"sessions": int, "rounds": [{"errors": [str], label: spread of the seconds from each request
    until the run finished}]}. A round with an error gives no figures: the sessions that failed stopped
    competing for the cores, which would flatter the others."""
    done = []
    for _ in range(rounds):
        results = await asyncio.gather(*(_viewer(base_url, steps) for _ in range(VIEWERS)), return_exceptions=True)
        errors = [repr(r) for r in results if isinstance(r, BaseException)]
        done.append(
            {
                "errors": errors,
                **{label: None if errors else spread([r[label] for r in results]) for _, label in steps},
            }
        )
    return {"sessions": VIEWERS, "rounds": done}


async def _server_alone(base_url: str, pages: dict[str, str], runs: int) -> dict:
    """Each page opened by one session over the protocol, no browser, `runs` new sessions one after the other,
    on the server Chromium has just used (what its tabs computed is cached, as for its "opened"): {script:
    spread of the seconds until the run finished}. The browser's own share of a wait is the rest: Chromium reads
    the server's messages in order on the page's thread, between drawing the elements that came first, so the
    run's end is seen there only after them (the bracketed part of _page_figures is a lower bound of drawing)."""
    seconds: dict[str, list[float]] = {script: [] for script in pages}
    for _ in range(runs):
        result = await _viewer(base_url, [(path, script) for script, path in pages.items()])
        for script, value in result.items():
            seconds[script].append(value)
    return {script: spread(values) for script, values in seconds.items()}


async def _viewer(base_url: str, steps: list[tuple[str, str]]) -> dict[str, float]:
    """One session over the protocol, as the browser speaks it: {label: seconds until the run finished}. No
    keep-alive pings (a browser sends none) and no proxy (the server is on loopback)."""
    url = base_url.replace("http://", "ws://") + "/_stcore/stream"
    seconds = {}
    async with connect(
        url, subprotocols=["streamlit"], max_size=None, open_timeout=PATIENCE_S, ping_interval=None, proxy=None
    ) as ws:
        for page_name, label in steps:
            started = time.perf_counter()
            await open_page(ws, page_name)  # the app's own client of its protocol (ui/warm_up.py)
            seconds[label] = time.perf_counter() - started
    return seconds


# ---------------------------------------------------------------- the server


@contextmanager
def _server(db_path: Path | None, warm_up: bool = False, script: str = "serve.py"):
    """`streamlit run serve.py` (or another `script` of the project) over `db_path` on a free loopback port: (base
    URL, process, (runs, seconds) of its warm-up or None), stopped after. Without `warm_up` the server does not
    warm up (ui/warm_up.py), so that the first visits find nothing cached; with it, it is yielded once the warm-up
    has finished. Its output goes to a temporary file whose end a failure to start quotes."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "INCENTIVE_WARM_UP": str(int(warm_up))}
    if db_path is not None:
        env["INCENTIVE_DB"] = str(db_path)
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port), "--server.fileWatcherType", "none"]
    command += ["--browser.gatherUsageStats", "false"]
    base_url = f"http://127.0.0.1:{port}"
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + PATIENCE_S
            while not _healthy(no_proxy, base_url):
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    tail = log.read().decode(errors="replace")[-3000:]
                    raise SystemExit(f"the app server did not start within {PATIENCE_S} s:\n{tail}")
                time.sleep(0.3)
            yield base_url, server, _warmed(log, server) if warm_up else None
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _warmed(log, server) -> tuple[int, float]:
    """Wait for the server's line saying its warm-up has finished: (page runs, seconds)."""
    deadline = time.monotonic() + PATIENCE_S * 4
    while time.monotonic() < deadline and server.poll() is None:
        text = os.pread(log.fileno(), 1 << 24, 0).decode(errors="replace")  # not moving the server's offset
        if "warm-up stopped" in text:
            raise SystemExit(f"the app server's warm-up failed:\n{text[-3000:]}")
        done = re.search(r"warm-up: (\d+) page runs in ([\d.]+) s", text)
        if done:
            return int(done[1]), float(done[2])
        time.sleep(0.5)
    raise SystemExit("the app server did not finish its warm-up")


def _healthy(opener, base_url: str) -> bool:
    try:
        with opener.open(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _summary(figures: list[dict]) -> dict | None:
    """spread of the seconds until drawn of `figures` (_Tab.measure), with the median part after the run had
    finished ("after_finish_median", run by run) and the median bytes; None for no figures."""
    if not figures:
        return None
    return {
        **spread([f["drawn"] for f in figures]),
        "after_finish_median": statistics.median(f["drawn"] - f["finished"] for f in figures),
        "bytes_median": statistics.median(f["bytes"] for f in figures),
    }
