"""From a county's submission to publication in the running app: a county clerk submits his race scores of a new
quarter and his 报送进度 rows say 待审核; the prefecture administrator accepts them, finds the receipt (who, which
batch) on 报送进度, sees the rankings page say which counties have not reported, and publishes the quarter, which
is refused until he confirms that its data are not all in, and which the page then shows as 正式发布."""

import pytest
from playwright.sync_api import expect

from .browser_steps import click_button, expect_no_exception, main, open_view, sign_in
from .conftest import ADMIN, ADMIN_PASSWORD, running_app, sample_with_clerk
from .test_submissions_in_browser import go, new_tab, submit

pytestmark = pytest.mark.browser

CLERK, CLERK_PASSWORD, COUNTY = "云岫填报员", "clerk-tracker-password", "云岫县"
QUARTER = "2026-Q4"  # after the sample's last quarter: nothing of it is in before the clerk's file


@pytest.fixture(scope="module")
def tracker_app(chromium, sample_db_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("progress")
    path = sample_with_clerk(sample_db_file, folder, CLERK, COUNTY, CLERK_PASSWORD)
    with running_app(chromium, path, folder) as base_url:
        yield base_url


def test_from_a_county_submission_to_publication(chromium, tracker_app, tmp_path):
    clerk_context, clerk = new_tab(chromium)
    admin_context, admin = new_tab(chromium)
    try:
        open_view(clerk, f"{tracker_app}/")
        sign_in(clerk, CLERK, CLERK_PASSWORD)
        go(clerk, "报送数据")
        scores = tmp_path / "云岫县四季度得分.csv"
        lines = ["考核期,县区,乡镇,指标,数值", *(f"2026Q4,{COUNTY},,R{n:02d},{50 + n}" for n in range(1, 13))]
        scores.write_bytes("\n".join(lines).encode("gbk"))
        submit(clerk, scores)
        own = main(clerk).locator("[data-testid=stDataFrame]").last  # his county's 报送进度 rows
        expect(own).to_contain_text(QUARTER)
        expect(own).to_contain_text("报送 #1")  # the pending submission, on its quarter's row

        open_view(admin, f"{tracker_app}/")
        sign_in(admin, ADMIN, ADMIN_PASSWORD)
        go(admin, "审核（1 待审）")
        click_button(admin, "审核通过并导入")
        expect(main(admin).locator("[data-testid=stAlertContentSuccess]")).to_contain_text("导入为批次 #16")

        open_view(admin, f"{tracker_app}/progress?county={COUNTY}")  # the sign-in is the browser's: it stays
        expect(main(admin).locator("h1")).to_contain_text("报送进度")
        rows = main(admin).locator("[data-testid=stDataFrame]").last
        expect(rows).to_contain_text(CLERK)  # received: sent by the clerk, not by the administrator who accepted
        expect(rows).to_contain_text("批次 #16")

        # one county's quarter is not the default (views open on the newest complete one): chosen in the address
        open_view(admin, f"{tracker_app}/rankings?rank.period={QUARTER}")
        expect(main(admin).locator("[data-testid=stAlertContentWarning]").first).to_contain_text(
            "本期 11 个县区数据未报齐"
        )
        main(admin).get_by_text("审定发布（管理员）").click()
        click_button(admin, f"发布 {QUARTER}")  # eleven counties have sent nothing: not without confirming it
        expect(main(admin).locator("[data-testid=stAlertContentError]")).to_contain_text("须先明确确认")
        main(admin).get_by_text("确认按未报齐的数据发布").click()  # in the form: sent with the button
        click_button(admin, f"发布 {QUARTER}")
        expect(main(admin).locator("[data-testid=stAlertContentSuccess]").first).to_contain_text("正式发布")
        expect_no_exception(clerk)
        expect_no_exception(admin)
    finally:
        clerk_context.close()
        admin_context.close()
