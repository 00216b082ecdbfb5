"""报送进度 through AppTest on the sample (views/progress.py, the clerk's part of views/submit.py), and the line
above the ranking, the care grid and the overview's pillars when a period's data are incomplete. Where the day
matters only past periods are asserted on; the sample's counties sent their files by its story
(incentive/demo/sample.py: on time but for a few, and 棠梨县's training records of 2026-Q3 never)."""

from __future__ import annotations

import re

from conftest import as_admin, as_user, import_ok

from incentive.accounts import users
from incentive.accounts.roles import COUNTY_CLERK, COUNTY_LEADER, PREFECTURE_ADMIN, Principal
from incentive.review import submissions
from incentive.store.database import Database

CLERK = Principal("云岫填报员", COUNTY_CLERK, "云岫县")
LEADER = Principal("云岫领导", COUNTY_LEADER, "云岫县")
Q4 = "考核期,县区,指标,数值\n2026Q4,云岫县,R01,30\n".encode()
BLANK_CARE = "考核期,县区,乡镇,指标,数值\n2026H1,云岫县,,W01,\n".encode()


def test_the_administrator_tracks_every_county(app_factory):
    at = app_factory(page="views/progress.py", run=False)
    as_admin(at, "测试管理员")
    at.run()
    assert not at.exception
    assert at.title[0].value == "报送进度"
    at.selectbox(key="progress_year").set_value(2025).run()
    counts = at.dataframe[0].value.set_index("县区")
    assert len(counts) == 12 and counts["逾期报送"].to_dict() == {c: int(c == "柏川县") for c in counts.index}
    # 4 + 2 + 4 quarters, a roster, movements (no deadline): received on time but 柏川县's race scores of 2025-Q4
    assert counts["按时报送"].to_dict() == {c: 12 - int(c == "柏川县") for c in counts.index}
    owed = at.dataframe[1].value
    # values reported missing, the county's own and its townships' apart: the sample's are its townships'
    assert len(owed) > 0 and all(
        re.fullmatch(r"(本级缺 \d+ 项、)?(乡镇)?缺 \d+ 项指标值（共 \d+ 项）", text) for text in owed["待报内容"]
    )
    assert any(text.startswith("乡镇缺 ") for text in owed["待报内容"])
    assert owed.iloc[0][["县区", "期别"]].tolist() != ["", ""]
    table = at.dataframe[2].value
    assert len(table) == 12 * (4 + 2 + 4 + 1 + 1)
    assert [b.label for b in at.get("download_button")][:2] == ["下载 CSV", "下载 Excel"]
    at.selectbox(key="progress_year").set_value(2026).run()
    owed = at.dataframe[1].value
    unsent = owed[owed["待报内容"] == "整份文件"]
    assert unsent[["县区", "类型", "期别"]].values.tolist() == [["棠梨县", "培训记录", "2026-Q3"]]
    assert any(c.value.startswith("示例数据的报送时间是示例中虚构的报送时间") for c in at.caption)
    schedule = next(c.value for c in at.caption if c.value.startswith("报送时限："))
    assert schedule.endswith(  # the page he can open, and that a change judges no period already over again
        "干部调整随时报送。已结束的考核期按其结束时的时限判断。可在「数据管理」的设置中修改。"
    )


def test_a_clerk_sees_his_county_only_with_his_pending_file(app_factory, sample_db_path):
    db = Database(sample_db_path)
    users.add(db, CLERK.name, COUNTY_CLERK, CLERK.county, "clerk-password-123", "测试管理员")
    submissions.submit(db, CLERK, "四季度.csv", Q4, submissions.Options())
    db.close()
    at = app_factory(sample_db_path, page="views/submit.py", run=False)
    as_user(at, CLERK)
    at.run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "截止日期" in d.value.columns)
    assert table["县区"].unique().tolist() == ["云岫县"]
    row = table[(table["期别"] == "2026-Q4") & (table["类型"] == "赛马考评得分")]
    assert row[["状态", "待审报送"]].values.tolist() == [["待审核", "报送 #1"]]
    schedule = next(c.value for c in at.caption if c.value.startswith("报送时限："))
    assert "数据管理" not in schedule and "由市级管理员设定" in schedule  # a clerk cannot open the Data page


def test_a_county_leader_reads_his_countys_rows_with_a_returned_file(app_factory, sample_db_path):
    """报送进度 for a county leader: read-only, his county's rows only; the clerk's 2026-Q4 file, returned by the
    reviewer, shows as 退回待重报 until the county sends again."""
    db = Database(sample_db_path)
    users.add(db, CLERK.name, COUNTY_CLERK, CLERK.county, "clerk-password-123", "测试管理员")
    users.add(db, LEADER.name, COUNTY_LEADER, LEADER.county, "leader-password-123", "测试管理员")
    sent = submissions.submit(db, CLERK, "四季度.csv", Q4, submissions.Options())
    submissions.return_to_clerk(db, sent, Principal("测试管理员", PREFECTURE_ADMIN), "R01 数值有误")
    db.close()
    at = app_factory(sample_db_path, page="views/progress.py", run=False)
    as_user(at, LEADER)
    at.run()
    assert not at.exception and at.title[0].value == "报送进度"
    assert "本页只显示您所在县区（云岫县）的报送进度，只读。" in [i.value for i in at.info]
    schedule = next(c.value for c in at.caption if c.value.startswith("报送时限："))
    assert "数据管理" not in schedule and schedule.endswith("报送时限由市级管理员设定；如需调整，请联系市级管理员。")
    counts, table = at.dataframe[0].value, next(d.value for d in at.dataframe if "状态" in d.value.columns)
    assert counts["县区"].tolist() == ["云岫县"] and counts["退回待重报"].tolist() == [1]
    assert table["县区"].unique().tolist() == ["云岫县"]
    row = table[(table["期别"] == "2026-Q4") & (table["类型"] == "赛马考评得分")]
    assert row[["状态", "待审报送", "已退回报送"]].values.tolist() == [["退回待重报", "", f"报送 #{sent}"]]


def test_rankings_care_and_overview_say_when_a_period_is_incomplete(app_factory, sample_db_path):
    db = Database(sample_db_path)
    import_ok(db, "care.csv", BLANK_CARE)  # 云岫县 reports its paid-leave rate of 2026-H1 as missing
    db.close()
    rankings = app_factory(sample_db_path, page="views/rankings.py")
    assert not [w for w in rankings.warning if "未报齐" in w.value]  # 2026-Q3: every value in
    rankings.selectbox(key="rank_period").set_value("2026-Q1").run()
    assert "本期 6 个县区数据未报齐：枫岚县（乡镇缺 2 项）、鹤汀县（乡镇缺 1 项）" in " ".join(
        w.value for w in rankings.warning
    )
    care = app_factory(sample_db_path, page="views/welfare.py")
    assert "本期 1 个县区数据未报齐：云岫县（缺 1 项）。" in [w.value for w in care.warning]
    overview = app_factory(sample_db_path)  # the overview's care pillar says it too
    assert [w.value for w in overview.warning if w.value.startswith("本期") and "未报齐" in w.value] == [
        "本期 1 个县区数据未报齐：云岫县（缺 1 项）。"
    ]  # (and its training pillar names 棠梨县's unsent quarter: bulletin.absent_training)


def test_the_incomplete_data_line_says_a_returned_file_is_awaited(app_factory, sample_new_county_path):
    """澄溪县's files of 2026-Q4 and 2026-H2 were returned by the reviewer: the line above the ranking and the care
    grid says 退回待重报 for it, as 报送进度 does, not only 无数据; 新设县, which never sent anything, is named too."""
    db = Database(sample_new_county_path)
    clerk = Principal("澄溪填报员", COUNTY_CLERK, "澄溪县")
    admin = Principal("测试管理员", PREFECTURE_ADMIN)
    for name, text in (("四季度.csv", "2026Q4,澄溪县,R01,30"), ("下半年.csv", "2026H2,澄溪县,W01,90")):
        sent = submissions.submit(db, clerk, name, f"考核期,县区,指标,数值\n{text}\n".encode(), submissions.Options())
        submissions.return_to_clerk(db, sent, admin, "数值有误")
    db.close()
    at = app_factory(sample_new_county_path, page="views/rankings.py")
    at.selectbox(key="rank_period").set_value("2026-Q4").run()
    line = next(w.value for w in at.warning if "未报齐" in w.value)
    assert "澄溪县（无数据、退回待重报）" in line and "新设县（无数据）" in line and "枫岚县（无数据）" in line
    at.switch_page("views/welfare.py")
    at.run()
    at.selectbox(key="welfare_period").set_value("2026-H2").run()
    line = next(w.value for w in at.warning if "未报齐" in w.value)
    assert "澄溪县（无数据、退回待重报）" in line and "新设县（无数据）" in line


def test_the_reminder_list_shows_a_dash_where_nothing_is_overdue_and_its_file_an_empty_cell(app_factory):
    """Rows owed for missing values were received on time: they have no days overdue. The page showed Streamlit's
    "None" there; it shows "—", and the download leaves the cell empty. In English the 暂无 column is "Nothing yet",
    not "None"."""
    from test_downloads import csv_downloads, read_back

    at = app_factory(page="views/progress.py", run=False)
    as_admin(at, "测试管理员")
    at.run()
    at.selectbox(key="progress_year").set_value(2025).run()
    assert not at.exception
    owed = at.dataframe[1]
    assert owed.value["逾期天数"].isna().all() and len(owed.value) > 0  # 2025: all received, some incomplete
    assert all(d.proto.placeholder == "—" for d in at.dataframe)
    back = read_back(next(data for name, data in csv_downloads(at).items() if name.startswith("催报清单")))
    assert set(back["逾期天数"]) == {""}

    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert "Nothing yet" in at.dataframe[0].value.columns and "None" not in at.dataframe[0].value.columns


def test_a_year_the_data_do_not_have_is_said_not_silently_replaced(app_factory):
    """/progress?year=2027 (the reviewer's link): the sidebar cannot take 2027 and the page says so, as every page
    does, instead of showing 2026 as if it had been asked for."""
    at = app_factory(page="views/progress.py", query={"year": "2027"}, run=False)
    as_admin(at, "测试管理员")
    at.run()
    assert not at.exception
    assert [i.value for i in at.info if "链接中的参数无法使用" in i.value] == [
        "链接中的参数无法使用：year=2027（可选：2026、2025、2024、2023），已改用默认值。"
    ]


def test_the_pages_own_year_is_in_its_address(app_factory):
    """The tracker's own year box was in no address: chosen 2025 on /progress?year=2023, the copied link still
    opened 2023, another year's figures for whoever the link was sent to. It is written under the page's prefix
    and read back; left at its default, it follows the sidebar's year."""
    at = app_factory(page="views/progress.py", query={"year": "2023"}, run=False)
    as_admin(at, "测试管理员")
    at.run()
    assert at.selectbox(key="progress_year").value == 2023
    assert "cycle.due_year" not in at.query_params  # the default, the sidebar's year, is left out
    at.selectbox(key="progress_year").set_value(2025).run()
    assert at.query_params["cycle.due_year"] == "2025"

    opened = app_factory(page="views/progress.py", query={"year": "2023", "cycle.due_year": "2025"}, run=False)
    as_admin(opened, "测试管理员")
    opened.run()
    assert not opened.exception
    assert opened.selectbox(key="progress_year").value == 2025

    garbled = app_factory(page="views/progress.py", query={"cycle.due_year": "1900"}, run=False)
    as_admin(garbled, "测试管理员")
    garbled.run()
    assert not garbled.exception
    assert garbled.selectbox(key="progress_year").value == garbled.selectbox(key="year").value
    # Markdown: the underscore is escaped, and reads due_year on the page
    assert any("cycle.due\\_year=1900（可选：2026、2025、2024）" in i.value for i in garbled.info)
