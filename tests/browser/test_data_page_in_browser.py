"""Scenario 2: the Data page through the real upload path. A GBK CSV goes in through the file input, the preview
shows, the import lands and moves the overview; a bad file shows a located error and changes nothing; the batch
is rolled back and the overview returns."""

import re

import pytest
from playwright.sync_api import expect

from .browser_steps import (FILE_INPUT, click_button, expect_no_exception, main, metric_value, open_view, sidebar,
                           wait_idle)

pytestmark = pytest.mark.browser

PERIOD = "2026Q3"  # the sample's latest race period, the one the overview ranks
CHALLENGER = "苇塘县"  # a county the sample has slipping, so it does not lead before the upload
LOWER_IS_BETTER = {"R03", "R09", "R11"}  # from the sample catalog


def race_file_lifting(county: str) -> bytes:
    """A correction file in GBK, as offices send, giving one county the best value on every race indicator."""
    lines = ["2026年第三季度赛马考评得分补报", "考核期,县区,乡镇,指标,数值"]
    for number in range(1, 13):
        code = f"R{number:02d}"
        lines.append(f"{PERIOD},{county},,{code},{0 if code in LOWER_IS_BETTER else 100000}")
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def leader(page, app_url) -> str:
    open_view(page, f"{app_url}/")
    return metric_value(page, "综合第一")


def data_version_note(page) -> str:
    return sidebar(page).get_by_text("个有效批次").inner_text()


def upload(page, path) -> None:
    page.set_input_files(FILE_INPUT, path)
    wait_idle(page, after_action=True)


def test_upload_import_refuse_and_roll_back(page, app_url, tmp_path):
    before = leader(page, app_url)
    assert before != CHALLENGER
    good = tmp_path / "赛马得分补报.csv"
    good.write_bytes(race_file_lifting(CHALLENGER))

    open_view(page, f"{app_url}/data")
    version_before = data_version_note(page)
    upload(page, good)
    preview = main(page).get_by_text("预览：赛马得分补报.csv")
    expect(preview).to_be_visible()
    expect(main(page)).to_contain_text("（编码 GBK）")
    expect(main(page)).to_contain_text("将新增 0 条，更新 12 条")
    click_button(page, "确认导入")
    expect(main(page).locator("[data-testid=stAlertContentSuccess]")).to_contain_text("已导入「赛马得分补报.csv」")
    batch_list = main(page).locator("[data-testid=stDataFrame]").last
    expect(batch_list).to_contain_text("赛马得分补报.csv")
    rollback_pick = main(page).get_by_role("combobox", name="选择要撤销的批次")
    expect(rollback_pick).to_have_value(re.compile("赛马得分补报.csv"))  # the new batch is the one offered
    version_after = data_version_note(page)
    assert version_after != version_before

    assert leader(page, app_url) == CHALLENGER

    bad = tmp_path / "坏文件.csv"
    bad.write_bytes("考核期,县区,乡镇,指标,数值\r\n2026Q3,澄溪县,,R01,十二\r\n".encode("gbk"))
    open_view(page, f"{app_url}/data")
    upload(page, bad)
    error = main(page).locator("[data-testid=stAlertContentError]")
    expect(error).to_contain_text("文件「坏文件.csv」，第 2 行，「数值」列，值「十二」：不是数字。")
    expect(main(page).get_by_role("button", name="确认导入", exact=True)).to_have_count(0)
    assert data_version_note(page) == version_after
    assert leader(page, app_url) == CHALLENGER

    open_view(page, f"{app_url}/data")
    expect(rollback_pick).to_have_value(re.compile("赛马得分补报.csv"))
    main(page).locator("[data-testid=stCheckbox]").filter(has_text="确认撤销").click()
    wait_idle(page, after_action=True)
    click_button(page, "撤销批次")
    expect(main(page).locator("[data-testid=stAlertContentSuccess]")).to_contain_text("已撤销批次")
    expect(batch_list).to_contain_text("已撤销")
    expect(rollback_pick).not_to_have_value(re.compile("赛马得分补报.csv"))
    expect_no_exception(page)

    assert leader(page, app_url) == before
