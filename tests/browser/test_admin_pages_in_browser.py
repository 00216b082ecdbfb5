"""The prefecture administrator's pages in a real browser, where AppTest cannot look: the Chinese Data page's upload
box shows no English (Streamlit draws its words in the browser), the 报送进度 downloads are real files (an Excel
workbook made on click, a CSV with the byte order mark Excel needs), and a refused new account on 用户管理 keeps what
was typed (the browser, not the script, empties a form's fields)."""

from __future__ import annotations

import csv
import io
import re
import urllib.error
import urllib.request

import openpyxl
import pytest
from playwright.sync_api import expect

from .browser_steps import (
    click_button,
    click_for_rerun,
    click_grid_row_for_rerun,
    expect_no_exception,
    main,
    open_view,
    save_screenshots,
    sidebar,
    sign_in,
    wait_idle,
)
from .conftest import ADMIN, ADMIN_PASSWORD

pytestmark = pytest.mark.browser

BOX = "[data-testid=stFileUploaderDropzone]"
# Streamlit 1.67's own words in the upload box (its frontend bundle): none may be seen in the Chinese interface.
# (The button's icon is the Material Symbols ligature `upload`, lower case: a glyph, not a word, and hidden from
# screen readers.)
ENGLISH = re.compile(r"MB per file|Upload|Drag and drop|Browse files|Add files|File must be")
PROGRESS_HEADERS = ["期别", "类型", "县区", "截止日期", "状态", "报送时间", "报送人", "批次", "待审报送", "已退回报送"]


def signed_in_at(page, url: str) -> None:
    open_view(page, url)
    sign_in(page, ADMIN, ADMIN_PASSWORD)  # on the same address, which then is the page


def test_the_chinese_upload_box_shows_no_english(page, app_url, screenshots):
    signed_in_at(page, f"{app_url}/data")
    box = main(page).locator(BOX)
    expect(box).to_be_visible()
    shown = main(page).inner_text()  # what a reader sees, and what copying or a screen reader gets
    assert not ENGLISH.findall(shown), ENGLISH.findall(shown)
    assert "单个文件不超过 50 MB，已选文件合计不超过 200 MB。" in shown  # our caption, from the configuration
    assert not ENGLISH.findall(box.aria_snapshot())  # nor the accessibility tree (but Streamlit's "file upload"
    # label of its hidden file input, a screen-reader label like those docs/design-notes.md lists as untranslated)
    expect(main(page).locator("[data-testid=stFileUploaderDropzoneInstructions]")).to_be_hidden()
    expect(box.get_by_test_id("stBaseButton-secondary")).to_have_accessible_name(re.compile("选择文件"))
    save_screenshots(page, screenshots, "data-upload-box-zh")

    # A file dragged over the box: Streamlit's hint ("Drag and drop files here") becomes ours
    dragged = page.evaluate_handle(
        "() => { const d = new DataTransfer(); d.items.add(new File(['x'], 'a.csv')); return d; }"
    )
    box.dispatch_event("dragenter", {"dataTransfer": dragged})
    hint = box.locator("> div > span:only-child")
    expect(hint).to_be_attached()
    assert page.evaluate("(e) => getComputedStyle(e, '::after').content", hint.element_handle()) == '"将文件拖放到此处"'
    assert not ENGLISH.findall(box.inner_text()), box.inner_text()
    box.dispatch_event("dragleave", {"dataTransfer": dragged})
    expect(hint).to_have_count(0)
    expect_no_exception(page)


def test_the_progress_downloads_are_a_real_workbook_and_a_csv_with_the_mark(page, app_url, tmp_path):
    signed_in_at(page, f"{app_url}/progress")
    expect(main(page).locator("h1")).to_contain_text("报送进度")
    year = main(page).get_by_role("combobox", name="考核年度").input_value()
    whole_table = main(page).get_by_role("button", name="下载 Excel").last  # the table of every period, kind, county
    with page.expect_download() as made:
        whole_table.click()
    workbook = made.value
    assert workbook.suggested_filename == f"报送进度_{year}.xlsx"  # a 404 page would be named by its address
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(workbook.url)  # made for this browser only (ui/server.py), like every download
    assert refused.value.code == 404
    path = tmp_path / workbook.suggested_filename
    workbook.save_as(path)
    sheet = openpyxl.load_workbook(path).active  # a real .xlsx: openpyxl refuses anything else
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == f"报送进度_{year}" and rows[1][0] == "内部资料 注意保存"  # title, classification line
    header = rows[3]
    assert header == PROGRESS_HEADERS
    first = dict(zip(header, rows[4], strict=True))
    assert re.fullmatch(rf"{year}-(Q[1-4]|H[12]|\d\d)|{year}", first["期别"])
    assert first["县区"] and first["类型"] and first["状态"]
    assert len(rows) - 4 == 12 * (4 + 2 + 4 + 1 + 1)  # 12 counties: quarters, half-years, quarters, roster, movements

    with page.expect_download() as made:
        main(page).get_by_role("button", name="下载 CSV").last.click()
    data = (made.value.path()).read_bytes()
    assert made.value.suggested_filename == f"报送进度_{year}.csv"
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == PROGRESS_HEADERS and len(table) == len(rows) - 3
    assert table[1][:3] == [str(v) for v in rows[4][:3]]  # the same first row as the workbook
    expect_no_exception(page)


def test_a_refused_new_account_keeps_what_was_typed_in_the_browser(page, app_url):
    signed_in_at(page, f"{app_url}/")
    sidebar(page).locator("[data-testid=stSidebarNav]").get_by_role("link", name="用户管理").click()
    wait_idle(page, after_action=True)
    expect(main(page).locator("h1")).to_contain_text("用户管理")
    form = main(page).locator("[data-testid=stForm]").first
    form.get_by_label("用户名").fill("澄溪填报员")
    form.get_by_role("combobox", name="角色").click()
    page.get_by_role("option", name="县区填报员").click()
    form.get_by_role("combobox", name="县区").click()
    page.get_by_role("option", name="澄溪县").click()
    form.get_by_label("密码", exact=True).fill("short")
    form.get_by_label("再次输入密码").fill("short")
    click_for_rerun(page, form.get_by_role("button", name="添加", exact=True))
    expect(form.locator("[data-testid=stAlertContentError]")).to_have_text("密码至少 12 个字符。")
    expect(form.get_by_label("用户名")).to_have_value("澄溪填报员")
    expect(form.get_by_role("combobox", name="角色")).to_have_value("县区填报员")
    expect(form.get_by_role("combobox", name="县区")).to_have_value("澄溪县")
    expect(form.get_by_label("密码", exact=True)).to_have_value("")
    expect(form.get_by_label("再次输入密码")).to_have_value("")

    form.get_by_label("密码", exact=True).fill("twelve chars")  # only the password typed again
    form.get_by_label("再次输入密码").fill("twelve chars")
    click_button(page, "添加")
    expect(main(page).locator("[data-testid=stAlertContentSuccess]")).to_have_text("已添加账号「澄溪填报员」。")
    expect(form.get_by_label("用户名")).to_have_value("")
    expect(main(page).locator("[data-testid=stDataFrame]").first).to_contain_text("澄溪填报员")
    expect_no_exception(page)


def test_a_row_of_the_untrained_list_opens_the_cadre_profile_and_the_opening_is_logged(page, app_url, screenshots):
    """The training page's named list (administrators, and a county's own accounts): a click on a row's selector
    opens 干部画像 with the cadre's id in the address, the page names him, and says the opening is recorded."""
    signed_in_at(page, f"{app_url}/training?train.tab=drill")  # the list is in the tab 县区细分
    expander = main(page).locator("[data-testid=stExpander]").filter(has_text="未参训人员名单")
    expander.scroll_into_view_if_needed()
    expander.locator("summary").click()
    grid = expander.locator("[data-testid=stDataFrame]")
    grid.wait_for()
    click_grid_row_for_rerun(page, grid, 0)
    page.wait_for_url(re.compile(r"/cadre\?.*cadre\.id=LZ\d+"), timeout=60_000)
    wait_idle(page)
    expect_no_exception(page)
    cadre_id = re.search(r"cadre\.id=(LZ\d+)", page.url).group(1)
    expect(main(page).get_by_text(f"本次查看已记入审计日志（{ADMIN}，{cadre_id}）")).to_be_visible()
    expect(main(page).get_by_text("花名册截至", exact=False)).to_be_visible()
    save_screenshots(page, screenshots, "cadre-profile-from-list")
