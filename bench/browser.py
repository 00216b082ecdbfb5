"""What a user of the running app waits for: every page opened in headless Chromium, and many viewers at once.

Run by bench/run.py as its `browser` stage, over the database the benchmark imported: it starts the app
(`streamlit run serve.py` on a free loopback port) and measures

- **in Chromium** (Debian's, through Playwright, one tab at desktop width): for every page, the time from asking
  for it until its last element is drawn, opened by its address in a new tab (the first time after the server
  started, when nothing of that page is cached, and again) and reached by its sidebar link; then the time from
  changing a control until the page is drawn again; and the bytes the server sent over the WebSocket for each;
- **many viewers**: sessions opening the overview and then the rankings at the same moment, each a WebSocket
  client speaking Streamlit's own protocol (the browser's first request, then the page switch), timed until the
  server has sent the whole page; and the server's peak resident memory.

"Drawn" is what the user sees settle: the script run has finished, no element is stale, no skeleton is left,
every Plotly chart has drawn its SVG and every table its canvas (but for those in a folded expander, which draw
when opened), checked in the page on every animation frame.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"width": 1440, "height": 900}
PATIENCE_S = 300  # a step that takes longer fails the stage: something is broken, not slow
VIEWERS = 20
VIEWER_ROUNDS = 3  # the first on a server that has cached nothing of these pages

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


def browser_stage(db_path: Path, pages: dict[str, str], interactions: dict, runs: int) -> dict:
    """Figures of the app served over `db_path` (a database of the benchmark, or DuckLake through the
    environment): {"pages": {script: {...}}, "viewers": {...}, "server_rss_mb": float}. Times in seconds,
    bytes as sent over the WebSocket. `pages` maps each page's script to its address; `interactions` gives
    the controls changed on each page, as bench/run.py's INTERACTIONS."""
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with _server(db_path) as (base_url, server), sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        try:
            out["pages"] = {
                script: _page_figures(chromium, base_url, path, interactions.get(script, []), runs)
                for script, path in pages.items()
            }
        finally:
            chromium.close()
        out["server_rss_mb"] = _peak_rss_mb(server.pid)
    with _server(db_path) as (base_url, server):  # a new server: the first round of viewers finds nothing cached
        out["viewers"] = asyncio.run(_viewers(base_url, [("", "overview"), ("rankings", "rankings")]))
        out["viewers"]["server_rss_mb"] = _peak_rss_mb(server.pid)
    return out


# ---------------------------------------------------------------- one viewer in Chromium


def _page_figures(chromium, base_url: str, path: str, controls: list, runs: int) -> dict:
    opened, again, linked, changed = [], [], [], []
    for i in range(runs):
        context = chromium.new_context(viewport=DESKTOP, locale="zh-CN")
        tab = _Tab(context.new_page())
        figure = tab.measure(lambda tab=tab: tab.page.goto(f"{base_url}/{path}", timeout=PATIENCE_S * 1000))
        (opened if i == 0 else again).append(figure)
        if path:  # from the overview by the sidebar link, as in a meeting
            tab.measure(lambda tab=tab: tab.page.goto(f"{base_url}/", timeout=PATIENCE_S * 1000))
            link = tab.page.locator(f'[data-testid=stSidebarNav] a[href$="/{path}"]')
            linked.append(tab.measure(link.click))
        if controls:
            kind, key = controls[i % len(controls)]
            figure = tab.change(kind, key)
            if figure is not None:
                changed.append({**figure, "control": key})
        context.close()
    return {
        "opened_first": opened[0],
        "opened": _summary(again),
        "linked": _summary(linked),
        "changed": _summary(changed),
        "controls": sorted({c["control"] for c in changed}),
    }


class _Tab:
    """A browser tab with a count of its WebSocket's script runs and of the bytes the server sent."""

    def __init__(self, page) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.page = page
        self.received = 0
        self.finished = 0  # full script runs the server reported finished
        self._ForwardMsg = ForwardMsg
        page.on("websocket", self._socket)

    def _socket(self, ws) -> None:
        if ws.url.endswith("/_stcore/stream"):
            ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if not isinstance(payload, bytes):
            return
        self.received += len(payload)
        message = self._ForwardMsg()
        message.ParseFromString(payload)
        if (
            message.WhichOneof("type") == "script_finished"
            and message.script_finished == self._ForwardMsg.FINISHED_SUCCESSFULLY
            and not message.metadata.run.fragment_ids
        ):
            self.finished += 1

    def measure(self, action) -> dict:
        """Seconds from `action` until the script run it asked for has finished ("finished") and the page is
        drawn ("drawn"), and the bytes received meanwhile."""
        finished, received = self.finished, self.received
        started = time.perf_counter()
        action()
        deadline = started + PATIENCE_S
        while self.finished == finished:
            if time.perf_counter() > deadline:
                raise SystemExit(f"no finished script run within {PATIENCE_S} s at {self.page.url}")
            self.page.wait_for_timeout(5)  # lets Playwright deliver the frames
        run_done = time.perf_counter()
        self.page.wait_for_function(DRAWN_JS, polling="raf", timeout=PATIENCE_S * 1000)
        drawn = time.perf_counter()
        if self.page.locator("[data-testid=stException]").count():
            raise SystemExit(f"an exception on {self.page.url}")
        return {"finished": run_done - started, "drawn": drawn - started, "bytes": self.received - received}

    def change(self, kind: str, key: str) -> dict | None:
        """Pick another value of the control `key` (a selectbox or segmented control) and measure until drawn;
        None when the control is not on the page or offers nothing else."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        box = self.page.locator(f".st-key-{key}")
        if not box.count() or not box.first.is_visible():
            return None
        if kind == "segmented_control":
            others = box.locator("[role=radio][aria-checked=false]")
            return self.measure(others.first.click) if others.count() else None
        field = box.locator("input[role=combobox]")  # Streamlit's selectbox: a react-aria combo box
        if field.is_disabled():
            return None
        current = field.input_value().strip()
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
        other = next((o for o in options.all() if o.inner_text().strip() != current), None)
        if other is None:
            self.page.keyboard.press("Escape")
            return None
        return self.measure(other.click)


# ---------------------------------------------------------------- many viewers over the protocol


async def _viewers(base_url: str, steps: list[tuple[str, str]]) -> dict:
    """VIEWER_ROUNDS rounds of VIEWERS sessions started together, each asking for `steps` in turn ((page name,
    label)); seconds from each request until the server reported the run finished."""
    rounds = []
    for _ in range(VIEWER_ROUNDS):
        results = await asyncio.gather(*(_viewer(base_url, steps) for _ in range(VIEWERS)), return_exceptions=True)
        errors = [repr(r) for r in results if isinstance(r, BaseException)]
        times = [r for r in results if not isinstance(r, BaseException)]
        rounds.append(
            {
                "errors": errors,
                **{label: _summary([t[label] for t in times], key=None) for _, label in steps},
            }
        )
    return {"sessions": VIEWERS, "rounds": rounds}


async def _viewer(base_url: str, steps: list[tuple[str, str]]) -> dict[str, float]:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    url = base_url.replace("http://", "ws://") + "/_stcore/stream"
    seconds = {}
    async with connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=PATIENCE_S) as ws:
        for page_name, label in steps:
            request = BackMsg()
            request.rerun_script.query_string = ""
            request.rerun_script.page_name = page_name
            started = time.perf_counter()
            await ws.send(request.SerializeToString())
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(ws.recv(), PATIENCE_S))
                kind = message.WhichOneof("type")
                if kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                    raise RuntimeError(f"{label}: {message.delta.new_element.exception.message}")
                if kind == "script_finished" and not message.metadata.run.fragment_ids:
                    if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                        break
                    if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        raise RuntimeError(f"{label}: script_finished {message.script_finished}")
            seconds[label] = time.perf_counter() - started
    return seconds


# ---------------------------------------------------------------- the server


@contextmanager
def _server(db_path: Path):
    """`streamlit run serve.py` over `db_path` on a free loopback port: (base URL, process), stopped after."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "INCENTIVE_DB": str(db_path), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port), "--server.fileWatcherType", "none"]
    command += ["--browser.gatherUsageStats", "false"]
    log = open(os.devnull, "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + PATIENCE_S
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the app server did not start ({server.returncode})")
            try:
                with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        break
            except OSError:
                time.sleep(0.3)
        yield base_url, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _summary(figures: list, key: str | None = "drawn") -> dict | None:
    """Median and 95th percentile of `figures` (dicts read at `key`, or plain numbers), and the median bytes."""
    if not figures:
        return None
    values = sorted(f[key] if key else f for f in figures)
    out = {
        "median": statistics.median(values),
        "p95": values[min(len(values) - 1, round(0.95 * (len(values) - 1)))],
        "runs": len(values),
    }
    if key:
        out["finished_median"] = statistics.median(f["finished"] for f in figures)
        out["bytes_median"] = statistics.median(f["bytes"] for f in figures)
    return out
