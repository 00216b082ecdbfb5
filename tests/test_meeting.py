"""会议模式 (ui/meeting.py) in AppTest: the county stepper moves the detail with it, tables are plain tables with the
grid's figures, and the cell text matches what Streamlit's grid shows. Sizes on screen: tests/browser/
test_meeting_in_browser.py."""

import math

import numpy as np
import pandas as pd
import pytest

from ui import meeting


def detail_unit(at) -> str:
    """The county whose indicators the focus slide shows (its bold heading '<unit> <period> 各项指标')."""
    headings = [m.value.strip("*") for m in at.markdown if m.value.endswith(" 各项指标**")]
    assert len(headings) == 1, headings
    return headings[0].split(" ")[0]


@pytest.mark.slow
def test_the_county_stepper_moves_the_detail_on_the_rankings_last_slide(app_factory):
    at = app_factory(page="views/rankings.py", query={"present": "1", "rank.section": "focus"})
    assert any(m.value.startswith("**5 / 5 ·") for m in at.markdown)
    shown = detail_unit(at)
    for _ in range(3):
        at.button(key="meeting_county_next").click().run()
        assert not at.exception
        county = at.selectbox(key="county").value
        assert county != shown
        assert detail_unit(at) == county  # the label and the detail say the same county
        assert at.selectbox(key="rank_focus").value == county
        shown = county
    at.button(key="meeting_county_previous").click().run()
    assert detail_unit(at) == at.selectbox(key="county").value != shown
    assert at.query_params["county"] in (detail_unit(at), [detail_unit(at)])  # the address says which


@pytest.mark.slow
def test_meeting_tables_are_plain_tables_with_the_grids_figures(app_factory, sample_db_path):
    grid = app_factory(sample_db_path, page="views/rankings.py")
    shown = next(d.value for d in grid.dataframe if "排名区间" in d.value.columns)
    at = app_factory(sample_db_path, page="views/rankings.py", query={"present": "1", "rank.section": "table"})
    assert len(at.dataframe) == 0 and len(at.table) == 1
    scrolls = "左右滑动查看全部列"  # said under a wide grid; a plain table shows every column
    assert any(scrolls in c.value for c in grid.caption) and not any(scrolls in c.value for c in at.caption)
    table = at.table[0].value
    # the same headings, each pair of characters joined (meeting.JOINER) so that 排名 never stands on two lines
    table.columns = [c.replace(meeting.JOINER, "") for c in table.columns]
    assert list(table.columns) == list(shown.columns) and len(table) == len(shown) == 12
    assert table["县区"].tolist() == shown["县区"].tolist()
    assert table["综合得分"].tolist() == pytest.approx(shown["综合得分"].tolist())


@pytest.mark.slow
def test_the_training_targets_table_is_a_plain_table_in_meeting_mode(app_factory):
    """It was the scrolling grid at 12 px on the room's screen (a fresh helper's finding, 2026-12-05)."""
    at = app_factory(page="views/training.py", query={"present": "1", "train.section": "targets"})
    assert not at.exception
    assert len(at.dataframe) == 0 and len(at.table) >= 1


def test_cell_text_is_what_the_grid_shows():
    # Streamlit's grid, as seen in Chromium: 0.123456789 -> 0.1235, 1.5 -> 1.5, 12345678.9 -> 12345678.9, 2.0 -> 2
    assert [meeting.cell_text(v) for v in (0.123456789, 1.5, 12345678.9, 2.0, np.float64(0.25))] == [
        "0.1235",
        "1.5",
        "12345678.9",
        "2",
        "0.25",
    ]
    assert [meeting.cell_text(v) for v in (None, math.nan, pd.NA, np.nan)] == ["—"] * 4
    assert [meeting.cell_text(v) for v in (7, np.int64(1999), "<5", "不公开")] == ["7", "1999", "<5", "不公开"]


@pytest.mark.slow
def test_the_room_is_not_told_to_click_rows_its_tables_do_not_have(app_factory, sample_db_path):
    click = "点击县区的柱形或表格行"
    desk = app_factory(sample_db_path, page="views/rankings.py")
    assert any(click in c.value for c in desk.caption)
    room = app_factory(sample_db_path, page="views/rankings.py", query={"present": "1", "rank.section": "bars"})
    assert not room.exception and any(m.value.startswith("**2 / 5 ·") for m in room.markdown)
    assert not any(click in c.value for c in room.caption)


@pytest.mark.slow
def test_a_county_profile_in_meeting_mode_without_a_county_says_what_it_needs(app_factory, sample_db_path):
    """It showed a title and a note, no slide bar, and did not say why (a fresh helper's finding, 2026-12-05)."""
    at = app_factory(sample_db_path, page="views/county.py", query={"present": "1"})
    assert not at.exception
    assert any("会议模式需要先选定一个县区" in i.value for i in at.info)
    at.selectbox(key="profile_pick").set_value("澄溪县").run()
    assert not at.exception and any(m.value.startswith("**1 / 6 ·") for m in at.markdown)  # the slides start
    plain = app_factory(sample_db_path, page="views/county.py")
    assert not any("会议模式" in i.value for i in plain.info)


def test_a_room_table_keeps_short_chinese_cells_and_the_words_of_headings_and_long_cells_whole():
    joined = meeting.JOINER
    assert meeting._room_cell("澄溪县") == joined.join("澄溪县") and meeting._room_cell("第一方阵") == joined.join(
        "第一方阵"
    )
    # long: breaks between words only (人数 and 少于 kept, no line starting with 于5 or ending on the bracket)
    long = meeting._room_cell("农村居民人均可支配收入增速（人数少于5）")
    assert long.replace(joined, "") == "农村居民人均可支配收入增速（人数少于5）"
    assert [part for part in long.split(joined)][:4] == ["农", "村", "居", "民人"]  # 农村居民 whole, then a break
    assert f"增{joined}速" in long and "入增" in long and f"（{joined}人{joined}数" in long
    assert [meeting._room_cell(v) for v in ("<5", 0.25, "Tier 1", None)] == ["<5", "0.25", "Tier 1", "—"]
    assert meeting._room_heading("排名区间") == f"排{joined}名区{joined}间"
    assert meeting._room_heading("z 分数名次") == f"z 分{joined}数名{joined}次"
    assert meeting._room_heading("Rank interval") == "Rank interval"  # its break at the space kept


def test_a_room_table_never_leaves_a_figure_or_a_last_character_alone_on_a_line():
    joined = meeting.JOINER
    # a fresh helper's findings at 1024 px and on phones: 标杆（第 / 90 / 百分位）, 企业诉求办结 / 率
    assert f"第{joined}90{joined}百" in meeting._room_heading("标杆（第90百分位）")
    assert meeting._room_cell("企业诉求办结率").endswith(f"结{joined}率")
    assert meeting._room_heading("培训学时") == f"培{joined}训学{joined}时"  # pairs: 培训 over 学时
    assert meeting._room_cell("乡科级及以下") == f"乡科{joined}级及以{joined}下"  # 科级 and 以下 whole


def test_a_meeting_keeps_its_bar_on_the_training_page_of_a_county_that_has_not_sent_its_data(
    app_factory, sample_db_path
):
    """棠梨县 has not sent the sample's 2026 Q3 training: the page says so and stops, and in a meeting it stopped
    before the slide bar, leaving the room no way on to the next county (a fresh helper's finding, 2026-12-06)."""
    at = app_factory(sample_db_path, page="views/training.py", query={"present": "1", "county": "棠梨县"})
    assert not at.exception
    assert any("棠梨县" in w.value and "未报" in w.value for w in at.warning)
    assert any(m.value.startswith("**1 / 9 ·") for m in at.markdown)  # the bar, with its county stepper
    at.button(key="meeting_county_next").click().run()
    assert not at.exception and at.session_state["county"] != "棠梨县"
