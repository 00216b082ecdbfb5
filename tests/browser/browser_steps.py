"""What a user does and sees in the running app, as Playwright steps shared by the browser tests."""

from __future__ import annotations

import os
import re
import time
import weakref
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

APP_IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
EXCEPTION = "[data-testid=stException]"
PLOTLY_SVG = ".js-plotly-plot svg.main-svg"
FILE_INPUT = "[data-testid=stFileUploader] input[type=file]"

# How long any one step may take: a script run, a chart drawn, a PDF printed. Generous, because on two loaded
# cores a page's run has taken over 30 s; the waits below end as soon as the app says it is done, not after this.
PATIENCE_MS = 240_000
# A click asks for a run at once, in the browser, however loaded the server; none within this long means the click
# was lost (click_for_rerun).
LOST_CLICK_S = 15


class ScriptRuns:
    """What the page's websocket says about script runs, frame by frame: the browser asking for a run of the whole
    script (BackMsg rerun_script), the server starting one (ForwardMsg new_session) and ending it (script_finished).
    Runs of a fragment alone (ui/frame.py's data-version watch, every few seconds) are left out: they change
    nothing a test waits for, and a full rerun they trigger shows as a server-started run."""

    def __init__(self, page: Page) -> None:
        self.events: list[str] = []  # "requested" | "started" | "finished" | "interrupted"
        self.settled_at = 0  # len(events) when the last wait ended: what came after belongs to the next action
        page.on("websocket", self._socket)

    def _socket(self, socket) -> None:
        if socket.url.endswith("/_stcore/stream"):
            socket.on("framesent", self._sent)
            socket.on("framereceived", self._received)

    def _sent(self, payload) -> None:
        message = _parsed(BackMsg, payload)
        if (
            message is not None
            and message.WhichOneof("type") == "rerun_script"
            and not message.rerun_script.fragment_id
        ):
            self.events.append("requested")

    def _received(self, payload) -> None:
        message = _parsed(ForwardMsg, payload)
        if message is None or message.metadata.run.fragment_ids:
            return
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.events.append("started")
        elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
            self.events.append(
                "interrupted" if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN else "finished"
            )

    def done_since(self, mark: int) -> bool:
        """A run was asked for after `mark`, a run started after that request, and the last run has ended with
        nothing asked for or started since (a run cut short for a rerun does not count as ended)."""
        events = self.events[mark:]
        if "requested" not in events:
            return False
        asked = len(events) - 1 - events[::-1].index("requested")
        after = events[asked:]
        return "started" in after and after[-1] == "finished"

    def pending(self) -> bool:
        """A run has been asked for or started and has not ended."""
        active = [e for e in self.events if e != "interrupted"]
        return bool(active) and active[-1] != "finished"


_RUNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _parsed(kind, payload):
    if not isinstance(payload, bytes):
        return None
    message = kind()
    try:
        message.ParseFromString(payload)
    except Exception:
        return None
    return message


def script_runs(page: Page) -> ScriptRuns:
    """The page's run log, started the first time it is asked for (open_view asks before the page loads)."""
    if page not in _RUNS:
        _RUNS[page] = ScriptRuns(page)
    return _RUNS[page]


def wait_idle(page: Page, *, after_action: bool = False) -> None:
    """The script run triggered by the last action has finished, and the page shows it.

    `after_action`: the action since the last wait (a click, a file set, a link followed) asks the server for a
    rerun; wait, however late that run starts and however long it takes, until a run asked for after the last
    wait has started and ended with no other run pending. (Every action this is used after reruns the script, so
    a missing request fails the test rather than passing on the earlier state.) Without it: wait until no run is
    pending. Then the page's own "not running" state, which follows the frames."""
    runs = script_runs(page)
    deadline = time.monotonic() + PATIENCE_MS / 1000
    while not (runs.done_since(runs.settled_at) if after_action else not runs.pending()):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"no finished script run within {PATIENCE_MS // 1000} s of the action; "
                f"websocket events since: {runs.events[runs.settled_at :]}"
            )
        page.wait_for_timeout(50)  # lets Playwright deliver the websocket events
    page.wait_for_selector(APP_IDLE, state="attached", timeout=max(1_000, (deadline - time.monotonic()) * 1000))
    runs.settled_at = len(runs.events)


def open_view(page: Page, url: str) -> None:
    """Load `url` and wait for its first script run (a new websocket, a new session)."""
    runs = script_runs(page)
    runs.settled_at = len(runs.events)
    page.goto(url, timeout=PATIENCE_MS)
    page.wait_for_selector("[data-testid=stApp]", timeout=PATIENCE_MS)
    wait_idle(page, after_action=True)


def main(page: Page):
    return page.locator("[data-testid=stMain]")


def sidebar(page: Page):
    return page.locator("[data-testid=stSidebar]")


def shared_link(page: Page) -> str:
    """The live short link of the open share dialog: the field beside its copy button (ui/sharing.py), the one
    place it is shown."""
    field = page.frame_locator("[data-testid=stDialog] iframe").locator("#link")
    expect(field).to_have_value(re.compile(r"\?v=\w+$"))
    return field.input_value().strip()


def metric_value(page: Page, label: str) -> str:
    """The value of the st.metric whose label is `label`."""
    metric = (
        main(page)
        .locator("[data-testid=stMetric]")
        .filter(has=page.locator("[data-testid=stMetricLabel]", has_text=label))
    )
    return metric.locator("[data-testid=stMetricValue]").inner_text().strip()


def clipped_texts(page: Page, selector: str) -> list[str]:
    """The texts of the elements matching `selector` whose content is wider than they are: cut off, or ending in
    "…" (text-overflow), where the user cannot read all of it."""
    return page.locator(selector).evaluate_all(
        "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"
    )


def click_for_rerun(page: Page, target: Locator) -> None:
    """Click `target`, a button whose click asks the server for a script run, and wait for that run to end.

    A click can be lost: the sidebar and page are redrawn every few seconds by the data-version watch
    (ui/frame.py), and a press and release that land on two versions of a redrawn node make no click. The
    browser then asks for no run (seen once in CI: no websocket event at all within 240 s). A user would click
    again, and so does this (_until_asked)."""
    _until_asked(page, target.click)


def upload_for_rerun(page: Page, files) -> None:
    """Set the page's file uploader to `files` (a path, or Playwright's name/mimeType/buffer payloads) and wait
    for the run the upload asks for.

    An upload can be lost like a click: set while a run the session started on its own (the data-version watch
    following another session's import) redraws the uploader, it asks for no run (seen once in CI: the clerk's
    second submission, just after the administrator's import). A user would choose the file again, and so does
    this (_until_asked)."""
    _until_asked(page, lambda: page.set_input_files(FILE_INPUT, files))


def click_grid_row_for_rerun(page: Page, grid: Locator, row: int) -> None:
    """Click the selection box of `row` (0 is the first under the header) of `grid`, a Streamlit dataframe whose
    rows select, and wait for the run the selection asks for.

    The grid is a canvas: the click goes to where the row is drawn, measured afresh on each attempt (a redraw
    above it can move it). A click can be lost like a button's (seen once in CI: the training page's named list,
    clicked just after its expander opened); then it is clicked again (_until_asked). Streamlit draws one header
    line and 35 px rows."""

    def act() -> None:
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        x, y = box["x"] + 15, box["y"] + 35 + row * 35 + 17
        page.mouse.move(x, y)
        page.mouse.click(x, y)

    _until_asked(page, act)


def _until_asked(page: Page, act) -> None:
    """Do `act` until the browser asks for a script run, at most three times, only while nothing was asked for;
    then wait for the run asked for as wait_idle does."""
    runs = script_runs(page)
    for _ in range(3):
        act()
        deadline = time.monotonic() + LOST_CLICK_S
        while "requested" not in runs.events[runs.settled_at :] and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        if "requested" in runs.events[runs.settled_at :]:
            break
    wait_idle(page, after_action=True)


def click_button(page: Page, label: str) -> None:
    click_for_rerun(page, page.get_by_role("button", name=label, exact=True))


def expect_no_exception(page: Page) -> None:
    expect(page.locator(EXCEPTION)).to_have_count(0)


# Whole pages too (`name`-full.png) when FULL_SCREENSHOTS=1: drawing one takes the viewport to the page's height
# and back, so every chart is laid out and drawn twice more (2-4 s of Chromium's CPU a page on two cores, a
# minute of the suite's); a run that looks at the pages asks for them.
FULL_SCREENSHOTS = os.environ.get("FULL_SCREENSHOTS") == "1"


def save_screenshots(page: Page, folder: Path, name: str) -> None:
    """The viewport as the user sees it, and with FULL_SCREENSHOTS the whole page (Streamlit scrolls its main area,
    not the window)."""
    page.screenshot(path=folder / f"{name}.png")
    if not FULL_SCREENSHOTS:
        return
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(height + 40, 8000)})
        page.wait_for_timeout(500)  # charts re-layout to the new size
        page.screenshot(path=folder / f"{name}-full.png")
        page.set_viewport_size(size)


def sign_in(page: Page, name: str, password: str) -> None:
    """Through the sidebar's 登录 form, as an administrator does."""
    side = page.locator("[data-testid=stSidebar]")
    open_sidebar(page)
    _open_expander(side.get_by_text("登录", exact=True).first, side.get_by_label("用户名"))
    side.get_by_label("用户名").fill(name)
    side.get_by_label("密码").fill(password)
    click_for_rerun(page, side.get_by_role("button", name="登录", exact=True))  # not 单点登录
    side.get_by_text(f"已登录：{name}", exact=False).wait_for()


def _open_expander(header: Locator, inside: Locator) -> None:
    """Click an expander's `header` until `inside` shows, at most three times, never while it shows (a click then
    would fold it away). An expander opens in the browser alone, asking for no run; its click can be lost like a
    button's when the sidebar is redrawn under it (click_for_rerun; seen once in CI: the sign-in form's fields
    stayed hidden for two minutes after 登录 was clicked)."""
    for _ in range(3):
        if inside.is_visible():
            return
        header.click()
        try:
            inside.wait_for(state="visible", timeout=LOST_CLICK_S * 1000)
            return
        except PlaywrightTimeout:
            continue


def open_sidebar(page: Page) -> None:
    """On a phone the sidebar starts folded away."""
    expand = page.locator("[data-testid=stExpandSidebarButton]")
    if expand.count() and expand.is_visible():
        expand.click()
        page.locator("[data-testid=stSidebar]").get_by_text("Language / 语言").wait_for()
