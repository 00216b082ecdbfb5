"""Scenario 2: the Data page through the real upload path. A GBK CSV goes in through the file input, the preview
shows, the import lands and moves the overview; a bad file shows a located error and changes nothing; the batch
is rolled back and the overview returns."""

import re

import pytest
from playwright.sync_api import expect

from .browser_steps import (
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
from .conftest import ADMIN, ADMIN_PASSWORD

pytestmark = pytest.mark.browser

PERIOD = "2026Q3"  # the sample's latest race period, the one the overview ranks
CHALLENGER = "苇塘县"  # a county the sample has slipping, so it does not lead before the upload
LOWER_IS_BETTER = {"R03", "R09", "R11"}  # from the sample catalog
RATES = {"R06", "R08", "R10", "R12"}  # % rates of the sample catalog: 100 is the most a rate can be


def race_file_lifting(county: str) -> bytes:
    """A correction file in GBK, as offices send, giving one county the best value on every race indicator."""
    lines = ["2026年第三季度赛马考评得分补报", "考核期,县区,乡镇,指标,数值"]
    for number in range(1, 13):
        code = f"R{number:02d}"
        best = 0 if code in LOWER_IS_BETTER else 100 if code in RATES else 100000
        lines.append(f"{PERIOD},{county},,{code},{best}")
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def go(page, title: str) -> None:
    """Through the sidebar, as a user does: a reload would start a new session and sign the administrator out."""
    sidebar(page).locator("[data-testid=stSidebarNav]").get_by_role("link", name=title).click()
    wait_idle(page, after_action=True)
    expect(main(page).locator("h1").first).to_contain_text(title if title != "概览" else "干部激励看板")


def leader(page) -> str:
    go(page, "概览")
    return metric_value(page, "综合第一")


def data_version_note(page) -> str:
    return sidebar(page).get_by_text("个有效批次").inner_text()


def test_the_data_page_needs_an_administrator(page, app_url):
    open_view(page, f"{app_url}/data")
    expect(page.get_by_role("dialog")).to_have_count(0)  # no "Page not found" from Streamlit: the app says it
    expect(main(page)).to_contain_text("「数据管理」页仅限管理员")
    expect(main(page)).not_to_contain_text("操作日志")  # the Data page itself does not run
    expect(sidebar(page).locator("[data-testid=stSidebarNav]")).not_to_contain_text("数据管理")
    sign_in(page, ADMIN, ADMIN_PASSWORD)  # on the same address, which now is the Data page
    expect(main(page).locator("h1").first).to_have_text("数据管理")
    expect(main(page)).to_contain_text("操作日志")
    expect(sidebar(page).locator("[data-testid=stSidebarNav]")).to_contain_text("数据管理")


def test_upload_import_refuse_and_roll_back(page, app_url, tmp_path):
    open_view(page, f"{app_url}/")
    sign_in(page, ADMIN, ADMIN_PASSWORD)
    before = leader(page)
    assert before != CHALLENGER
    good = tmp_path / "赛马得分补报.csv"
    good.write_bytes(race_file_lifting(CHALLENGER))

    go(page, "数据管理")
    version_before = data_version_note(page)
    upload_for_rerun(page, good)
    preview = main(page).get_by_text("预览：赛马得分补报.csv")
    expect(preview).to_be_visible()
    expect(main(page)).to_contain_text("（编码 GBK）")
    expect(main(page)).to_contain_text("将新增 0 条，更新 12 条")
    click_button(page, "确认导入")
    expect(main(page).locator("[data-testid=stAlertContentSuccess]")).to_contain_text("已导入「赛马得分补报.csv」")
    batch_list = main(page).locator("[data-testid=stDataFrame]").filter(has_text="导入人").first
    expect(batch_list).to_contain_text("赛马得分补报.csv")
    rollback_pick = main(page).get_by_role("combobox", name="选择要撤销的批次")
    expect(rollback_pick).to_have_value(re.compile("赛马得分补报.csv"))  # the new batch is the one offered
    version_after = data_version_note(page)
    assert version_after != version_before

    assert leader(page) == CHALLENGER

    bad = tmp_path / "坏文件.csv"
    bad.write_bytes("考核期,县区,乡镇,指标,数值\r\n2026Q3,澄溪县,,R01,十二\r\n".encode("gbk"))
    go(page, "数据管理")
    upload_for_rerun(page, bad)
    error = main(page).locator("[data-testid=stAlertContentError]")
    expect(error).to_contain_text("文件「坏文件.csv」，第 2 行，「数值」列，值「十二」：不是数字。")
    expect(main(page).get_by_role("button", name="确认导入", exact=True)).to_have_count(0)
    assert data_version_note(page) == version_after
    assert leader(page) == CHALLENGER

    go(page, "数据管理")
    expect(rollback_pick).to_have_value(re.compile("赛马得分补报.csv"))
    main(page).locator("[data-testid=stCheckbox]").filter(has_text="确认撤销").click()
    wait_idle(page, after_action=True)
    click_button(page, "撤销批次")
    expect(main(page).locator("[data-testid=stAlertContentSuccess]")).to_contain_text("已撤销批次")
    expect(batch_list).to_contain_text("已撤销")
    expect(rollback_pick).not_to_have_value(re.compile("赛马得分补报.csv"))
    # the box is drawn unticked and the button disabled, as the page has them (the box stayed drawn ticked)
    expect(main(page).get_by_role("checkbox", name=re.compile("确认撤销"))).not_to_be_checked()
    expect(main(page).get_by_role("button", name="撤销批次", exact=True)).to_be_disabled()
    expect_no_exception(page)

    assert leader(page) == before


def test_the_same_file_chosen_twice_is_previewed_and_offered_once(page, app_url):
    """Two files of the same content in one upload (a file and its copy): the Data page named the repeat and drew
    nothing else of it; before, the two previews' buttons had the same keys and the page stopped with Streamlit's
    English error."""
    open_view(page, f"{app_url}/")
    sign_in(page, ADMIN, ADMIN_PASSWORD)
    go(page, "数据管理")
    data = race_file_lifting(CHALLENGER)
    upload_for_rerun(
        page,
        [
            {"name": "补报.csv", "mimeType": "text/csv", "buffer": data},
            {"name": "补报 - 副本.csv", "mimeType": "text/csv", "buffer": data},
        ],
    )
    warning = main(page).locator("[data-testid=stAlertContentWarning]").filter(has_text="内容相同")
    expect(warning).to_contain_text("「补报 - 副本.csv」与「补报.csv」内容相同")
    expect(main(page).get_by_text("预览：补报.csv")).to_be_visible()
    expect(main(page).get_by_text("预览：补报 - 副本.csv")).to_have_count(0)
    expect(main(page).get_by_role("button", name="确认导入", exact=True)).to_have_count(1)
    expect_no_exception(page)
