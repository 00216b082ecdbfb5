"""County submissions in the running app, two browsers at once: a county clerk signs in and submits a file, which
waits; the prefecture administrator (another browser context) accepts it and the overview changes; a second
submission is returned with a note, which the clerk reads on his page."""

import re

import pytest
from playwright.sync_api import expect

from .browser_steps import (
    PATIENCE_MS,
    click_button,
    expect_no_exception,
    main,
    metric_value,
    open_view,
    sidebar,
    sign_in,
    upload_for_rerun,
    wait_idle,
)
from .conftest import ADMIN, ADMIN_PASSWORD, running_app, sample_with_clerk
from .test_data_page_in_browser import CHALLENGER, race_file_lifting

pytestmark = pytest.mark.browser

CLERK, CLERK_PASSWORD = "苇塘填报员", "clerk-browser-password"
NOTE = "第二季度数值单位有误，请按万元重报"


@pytest.fixture(scope="module")
def clerk_app(chromium, sample_db_file, tmp_path_factory):
    """The app over a copy of the sample with a county clerk of CHALLENGER's county among its users."""
    folder = tmp_path_factory.mktemp("submissions")
    path = sample_with_clerk(sample_db_file, folder, CLERK, CHALLENGER, CLERK_PASSWORD)
    with running_app(chromium, path, folder) as base_url:
        yield base_url


def new_tab(chromium):
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(PATIENCE_MS // 2)
    return context, tab


def go(page, title) -> None:
    """Through the sidebar's navigation, as a user does (a reload would start a new session)."""
    sidebar(page).locator("[data-testid=stSidebarNav]").get_by_role("link", name=title).click()
    wait_idle(page, after_action=True)


def submit(page, path) -> None:
    upload_for_rerun(page, path)
    expect(main(page)).to_contain_text(f"预览：{path.name}")
    click_button(page, "提交审核")
    expect(main(page).locator("[data-testid=stAlertContentSuccess]")).to_contain_text("等待审核")


def test_a_clerk_submits_the_administrator_accepts_and_returns(chromium, clerk_app, tmp_path):
    clerk_context, clerk = new_tab(chromium)
    admin_context, admin = new_tab(chromium)
    try:
        open_view(clerk, f"{clerk_app}/")
        sign_in(clerk, CLERK, CLERK_PASSWORD)
        nav = sidebar(clerk).locator("[data-testid=stSidebarNav]")
        expect(nav).to_contain_text("报送数据")
        expect(nav).not_to_contain_text("数据管理")
        go(clerk, "报送数据")
        first = tmp_path / "苇塘得分补报.csv"
        first.write_bytes(race_file_lifting(CHALLENGER))
        submit(clerk, first)
        expect(main(clerk).locator("[data-testid=stDataFrame]").first).to_contain_text("待审核")

        open_view(admin, f"{clerk_app}/")
        sign_in(admin, ADMIN, ADMIN_PASSWORD)
        leader_before = metric_value(admin, "综合第一")
        assert leader_before != CHALLENGER  # the submission is not live
        go(admin, "审核（1 待审）")
        expect(main(admin)).to_contain_text(f"报送 #1：{CHALLENGER}，{CLERK}")
        expect(main(admin)).to_contain_text("将新增 0 条，更新 12 条")
        click_button(admin, "审核通过并导入")
        expect(main(admin).locator("[data-testid=stAlertContentSuccess]")).to_contain_text("已通过报送 #1")
        go(admin, "概览")
        assert metric_value(admin, "综合第一") == CHALLENGER  # live

        second = tmp_path / "苇塘得分再报.csv"
        second.write_bytes(race_file_lifting(CHALLENGER).replace(b"100000", b"99999"))
        submit(clerk, second)
        go(admin, re.compile(r"^审核"))
        expect(main(admin)).to_contain_text("报送 #2")
        admin.get_by_label("退回说明（县区填报员可见）").fill(NOTE)
        admin.keyboard.press("Control+Enter")  # a text area sends its value on Ctrl+Enter (or on leaving it)
        wait_idle(admin, after_action=True)
        click_button(admin, "退回")
        expect(main(admin).locator("[data-testid=stAlertContentSuccess]")).to_contain_text("已退回报送 #2")

        go(clerk, "报送数据")
        expect(main(clerk).locator("[data-testid=stAlertContentWarning]")).to_contain_text(NOTE)
        expect_no_exception(clerk)
        expect_no_exception(admin)
    finally:
        clerk_context.close()
        admin_context.close()
