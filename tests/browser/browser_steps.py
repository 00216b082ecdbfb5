"""What a user does and sees in the running app, as Playwright steps shared by the browser tests."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

APP_IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
EXCEPTION = "[data-testid=stException]"
PLOTLY_SVG = ".js-plotly-plot svg.main-svg"
FILE_INPUT = "[data-testid=stFileUploader] input[type=file]"


APP_BUSY = "[data-testid=stApp]:not([data-test-script-state=notRunning])"


def wait_idle(page: Page, *, after_action: bool = False) -> None:
    """The script run triggered by the last action has finished.

    After a click the rerun may not have started yet, so first give it a moment to start; a run that finished
    before we looked is fine too.
    """
    if after_action:
        try:
            page.wait_for_selector(APP_BUSY, state="attached", timeout=2_000)
        except PlaywrightTimeout:
            pass
    page.wait_for_selector(APP_IDLE, state="attached")


def open_view(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid=stApp]")
    wait_idle(page)


def main(page: Page):
    return page.locator("[data-testid=stMain]")


def sidebar(page: Page):
    return page.locator("[data-testid=stSidebar]")


def metric_value(page: Page, label: str) -> str:
    """The value of the st.metric whose label is `label`."""
    metric = main(page).locator("[data-testid=stMetric]").filter(
        has=page.locator("[data-testid=stMetricLabel]", has_text=label))
    return metric.locator("[data-testid=stMetricValue]").inner_text().strip()


def click_button(page: Page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    wait_idle(page, after_action=True)


def expect_no_exception(page: Page) -> None:
    expect(page.locator(EXCEPTION)).to_have_count(0)


def save_screenshots(page: Page, folder: Path, name: str) -> None:
    """The viewport as the user sees it, and the whole page (Streamlit scrolls its main area, not the window)."""
    page.screenshot(path=folder / f"{name}.png")
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(height + 40, 8000)})
        page.wait_for_timeout(500)  # charts re-layout to the new size
        page.screenshot(path=folder / f"{name}-full.png")
        page.set_viewport_size(size)


def sign_in(page: Page, name: str, password: str) -> None:
    """Through the sidebar's 管理员登录 form, as an administrator does."""
    side = page.locator("[data-testid=stSidebar]")
    open_sidebar(page)
    side.get_by_text("管理员登录").click()
    side.get_by_label("用户名").fill(name)
    side.get_by_label("密码").fill(password)
    side.get_by_role("button", name="登录").click()
    wait_idle(page, after_action=True)
    side.get_by_text(f"已登录管理员：{name}").wait_for()


def open_sidebar(page: Page) -> None:
    """On a phone the sidebar starts folded away."""
    expand = page.locator("[data-testid=stExpandSidebarButton]")
    if expand.count() and expand.is_visible():
        expand.click()
        page.locator("[data-testid=stSidebar]").get_by_text("Language / 语言").wait_for()
