"""Scenario 4: change the view, take the address and the short link, open both in a fresh browser context and see
the same selections and the same numbers."""

import re

import pytest
from playwright.sync_api import expect

from .browser_steps import (
    click_for_rerun,
    expect_no_exception,
    main,
    open_view,
    script_runs,
    shared_link,
    sidebar,
    wait_idle,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(shared_app_url):
    """The test process's shared server (conftest.py, shared_app_url) rather than one of this module's own: its
    tests make short and pinned links and download documents, and store nothing but the links, each under a random
    key only the test that made it opens (no import, rollback, publication or setting, which would change what a
    pinned link or a page shows)."""
    return shared_app_url


def choose(page, label: str, option: str) -> None:
    box = main(page).get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(option[:2])  # type to filter, as with a long list
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page, after_action=True)


def view_of(page) -> dict:
    """What a leader would compare: the controls, the open tab (ui/section_tabs.py), the county looked at in the
    tab of one unit, and the top of the tab's first table."""
    table = main(page).locator("[data-testid=stDataFrame]").first
    opened = main(page).locator("[role=tab][aria-selected=true]").inner_text()
    focus = main(page).get_by_role("combobox", name="选择县区")
    return {
        "method": main(page).get_by_role("combobox", name="标准化方法").input_value(),
        "compare": main(page).get_by_role("combobox", name="对比期").input_value(),
        "tab": opened,
        "focus": focus.input_value() if opened == "单位详情" else None,
        "table": table.inner_text()[:400],
    }


def test_a_shared_view_opens_the_same_elsewhere(page, app_url, chromium):
    open_view(page, f"{app_url}/rankings")
    choose(page, "标准化方法", "功效系数（0-100）")
    choose(page, "对比期", "2025-Q4")
    click_for_rerun(page, main(page).get_by_role("tab", name="单位详情", exact=True))
    choose(page, "选择县区", "柏川县")
    shown = view_of(page)
    assert shown["method"] == "功效系数（0-100）" and shown["focus"] == "柏川县"
    address = page.url
    assert "rank.method=minmax" in address and "rank.compare=2025-Q4" in address and "rank.tab=focus" in address

    sidebar(page).get_by_role("button", name="分享链接").click()
    dialog = page.locator("[data-testid=stDialog]")
    expect(dialog).to_be_visible()
    short = shared_link(page)
    assert "/rankings?v=" in short

    for link in (address, short):
        fresh = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        other = fresh.new_page()
        open_view(other, link)
        expect_no_exception(other)
        assert view_of(other) == shown, link
        fresh.close()


def reload(page) -> None:
    """The browser's reload: a new session on the address the page shows now."""
    runs = script_runs(page)
    runs.settled_at = len(runs.events)
    page.reload()
    page.wait_for_selector("[data-testid=stApp]")
    wait_idle(page, after_action=True)


def choose_in_sidebar(page, label: str, option: str) -> None:
    box = sidebar(page).get_by_role("combobox", name=label)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page, after_action=True)


def test_a_short_link_keeps_the_whole_view_in_the_address_through_a_reload(page, app_url, chromium):
    """docs/decisions.md#short-links-keep-the-view-in-the-address: the address a short link leaves behind holds
    year, county and language, so a reload (or the address forwarded) shows the same view, not the defaults."""
    open_view(page, f"{app_url}/rankings")
    choose_in_sidebar(page, "考核年度", "2025")
    choose_in_sidebar(page, "县区", "柏川县")
    choose(page, "标准化方法", "功效系数（0-100）")
    shown = view_of(page)
    sidebar(page).get_by_role("button", name="分享链接").click()
    dialog = page.locator("[data-testid=stDialog]")
    expect(dialog).to_be_visible()
    short = shared_link(page)

    fresh = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    other = fresh.new_page()
    open_view(other, short)
    assert view_of(other) == shown
    assert "year=2025" in other.url and "rank.method=minmax" in other.url and "v=" not in other.url
    reload(other)
    expect_no_exception(other)
    assert view_of(other) == shown, other.url
    expect(sidebar(other).get_by_role("combobox", name="考核年度")).to_have_value("2025")
    expect(sidebar(other).get_by_role("combobox", name="县区")).to_have_value("柏川县")

    sidebar(other).get_by_role("radio", name="English").click()  # the language survives a short link too
    wait_idle(other, after_action=True)
    sidebar(other).get_by_role("button", name="Share link").click()
    english = shared_link(other)
    again = fresh.new_page()
    open_view(again, english)
    reload(again)
    expect(main(again).locator("h1").first).to_have_text("Rankings")
    expect(sidebar(again).get_by_role("combobox", name="Year")).to_have_value("2025")
    fresh.close()


def test_a_link_opened_on_a_phone_is_legible(app_url, chromium):
    phone = chromium.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    page = phone.new_page()
    open_view(page, f"{app_url}/rankings?method=minmax&level=township&peer=棠梨县")
    expect(main(page).locator("h1").first).to_have_text("赛马排名")
    expect(main(page).get_by_role("combobox", name="所属县区")).to_have_value("棠梨县")
    width = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollWidth")
    assert width <= 390  # nothing forces sideways scrolling
    phone.close()


def test_meeting_mode_renders_for_the_projector(page, app_url, screenshots):
    open_view(page, f"{app_url}/rankings?present=1&section=bars")
    expect(sidebar(page)).to_be_hidden()
    expect(main(page)).to_contain_text("2 / 5 · 综合得分与排名区间")
    expect(main(page).locator(".js-plotly-plot svg.main-svg").first).to_be_visible()
    font = page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=stMain] h1')).fontSize")
    assert float(font.rstrip("px")) >= 44  # larger type than the normal page
    page.screenshot(path=screenshots / "meeting-rankings.png")
    page.get_by_role("button", name="▶").click()
    wait_idle(page, after_action=True)
    expect(main(page)).to_contain_text("3 / 5 · 排名总表")
    expect_no_exception(page)


def test_the_briefing_downloads_as_a_pdf_for_the_chosen_county(page, app_url, tmp_path):
    open_view(page, f"{app_url}/training?county=棠梨县")
    click_for_rerun(page, sidebar(page).get_by_role("button", name="生成简报（PDF）"))
    download_button = sidebar(page).get_by_role("button", name="下载简报")
    expect(download_button).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        download_button.click()
    saved = tmp_path / "briefing.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "棠梨县 2026 年干部激励工作简报.pdf"
    assert saved.read_bytes().startswith(b"%PDF")


def test_the_bulletin_downloads_as_a_word_file_of_the_period_shown(page, app_url, tmp_path):
    import docx

    open_view(page, f"{app_url}/rankings?rank.period=2026-Q1")
    click_for_rerun(page, sidebar(page).get_by_role("button", name="下载通报（Word）"))
    download_button = sidebar(page).get_by_role("button", name="下载通报", exact=True)
    expect(download_button).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        download_button.click()
    saved = tmp_path / "bulletin.docx"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "全市2026-Q1干部激励考评通报.docx"
    document = docx.Document(str(saved))
    texts = [p.text for p in document.paragraphs]
    assert "关于2026年第一季度全市干部激励考评情况的通报" in texts
    assert document.tables[0].rows[0].cells[2].text == "县区"
    expect_no_exception(page)


def test_back_returns_to_the_filters_left_behind(page, app_url):
    open_view(page, f"{app_url}/rankings")
    choose(page, "标准化方法", "功效系数（0-100）")
    expect(page).to_have_url(f"{app_url}/rankings?rank.method=minmax")
    sidebar(page).get_by_role("link", name="培训覆盖").click()
    wait_idle(page, after_action=True)
    expect(main(page).locator("h1").first).to_have_text("培训覆盖")
    page.go_back()
    wait_idle(page, after_action=True)
    expect(main(page).get_by_role("combobox", name="标准化方法")).to_have_value("功效系数（0-100）")
    expect(page).to_have_url(f"{app_url}/rankings?rank.method=minmax")


def pinned_link(page) -> str:
    """The pinned short link of the open share dialog: the code below the live link's field (ui/sharing.py)."""
    code = page.locator("[data-testid=stDialog] [data-testid=stCode]")
    expect(code).to_contain_text("?v=")
    return re.search(r"\S+\?v=\w+", code.inner_text()).group(0)


def test_a_pinned_link_keeps_its_moment_in_the_address_from_page_to_page(page, app_url):
    """Opened, then 一县一档, 概览 and back to 赛马排名 by the sidebar: the pages showed the pinned data with their
    banner while the address lost `pin=` (Streamlit keeps only the bound controls' parameters on a change of page),
    so a reload or the address forwarded showed current data (a fresh tester's finding). The address keeps it."""
    open_view(page, f"{app_url}/rankings?rank.method=minmax")
    sidebar(page).get_by_role("button", name="分享链接").click()
    pinned = pinned_link(page)
    open_view(page, pinned)
    banner = main(page).get_by_text("本链接显示")
    expect(banner).to_be_visible()
    key = re.search(r"pin=(\w+)", page.url).group(1)
    for link, title in (("一县一档", "一县一档"), ("概览", "干部激励看板"), ("赛马排名", "赛马排名")):
        sidebar(page).get_by_role("link", name=link).click()
        wait_idle(page, after_action=True)
        expect(main(page).locator("h1").first).to_have_text(title)
        expect(banner).to_be_visible()
        expect(page).to_have_url(re.compile(rf"[?&]pin={key}(&|$)"))
    reload(page)  # a new session on the address: still the pinned moment
    expect(banner).to_be_visible()
    expect_no_exception(page)
