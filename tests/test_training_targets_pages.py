"""Training targets by rank through AppTest on the sample: the training page's figures against each cadre's own
target are the library's (incentive/training/targets.py, queries/training_cadres.sql), and the Data page edits
the targets table with its history and audit (docs/decisions.md#training-targets-by-rank)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import as_admin

from incentive.training import coverage, targets

pytestmark = pytest.mark.slow


def on_page(at, page: str):
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def library_figures():
    """The sample's 2026 (running: records up to September) as the library measures it: without 棠梨县, which has
    not sent 2026-Q3 (coverage.reported)."""
    from incentive.store import settings
    from ui.runtime import database

    conn = database().connection
    window = coverage.reported(conn, coverage.year_window(2026), settings.current(database()), dt.date.today())
    assert window.without == ("棠梨县",)
    years = coverage.pace_years(conn, window, dt.date.today())
    whole = coverage.window_query(conn, "training_coverage", window, by="all", county="", to_come=years).iloc[0]
    return conn, whole


def test_the_training_page_measures_against_each_cadres_own_target(app):
    on_page(app, "views/training.py")
    conn, whole = library_figures()
    assert 0 < whole["share_on_pace"] < 1  # a running year: the pace, not the whole target
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["达到本人学时目标"] == f"{whole['share_meeting_target']:.1%}"
    assert metrics["达到应有进度"] == f"{whole['share_on_pace']:.1%}"
    assert metrics["距目标尚差（学时）"] == f"{whole['hours_short']:,.0f}"
    assert metrics["网络自学达标"] == f"{whole['share_online_met']:.1%}"
    groups = next(d.value for d in app.dataframe if "职级组" in d.value.columns)
    # the sample's ranks are all 乡科级 and below: one group, every cadre
    assert groups["职级组"].tolist() == ["乡科级及以下"] and groups["在册干部"].tolist() == [f"{whole['cadres']:,}"]
    assert groups["距目标尚差（学时）"].tolist() == [f"{whole['hours_short']:,.0f}"]  # as the metric says it
    assert any("乡科级及以下每年 90 学时，县处级及以上每 5 年 550 学时" in c.value for c in app.caption)
    # 提任前 training: the promotions of 2026 by county, as targets.promotion_counts gives them for a viewer
    counts, hidden = targets.promotion_counts(conn, "2026", 5)
    shown = next(d.value for d in app.dataframe if "提任前达标" in d.value.columns)
    assert len(shown) == len(counts) and shown["县区"].iloc[-1] == "全市"
    for (i, row), (_, cell) in zip(counts.iterrows(), shown.iterrows(), strict=True):
        for count, column in (("promoted", "提拔人数"), ("met", "提任前达标")):
            status = hidden.at[i, count]
            assert cell[column] == {"": str(row[count]), "small": "<5", "withheld": "不公开"}[status]
            assert status or not 0 < row[count] < 5  # no count of 1-4 is shown


def test_the_data_page_changes_a_target_and_the_training_page_follows(app):
    from ui.runtime import database

    as_admin(app, "测试管理员")
    app.run()
    on_page(app, "views/data.py")
    assert app.number_input(key="data_target_section_hours").value == 90
    app.number_input(key="data_target_section_hours").set_value(60.0)
    app.button(key="data_targets_save").click().run()
    assert "已保存 1 个职级组的学时目标。" in [s.value for s in app.success]
    assert targets.in_force(database())["section"] == targets.Target(60.0, 1, 50.0)
    assert database().fetch_all("SELECT who, target, detail FROM audit WHERE action = 'training_target'") == [
        ("测试管理员", "section", "60/1y+50online")
    ]
    history = next(d.value for d in app.dataframe if "修改人" in d.value.columns)
    assert history["修改人"].tolist()[0] == "测试管理员" and history["学时"].tolist() == ["60", "550", "90"]
    on_page(app, "views/training.py")
    _, whole = library_figures()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["达到本人学时目标"] == f"{whole['share_meeting_target']:.1%}"
    rule = next(c.value for c in app.caption if "乡科级及以下每年 60 学时" in c.value)
    assert rule.startswith("本市设定的学时目标") and "不同于《干部教育培训工作条例》" in rule  # not the regulation's


def test_a_wrong_target_is_refused_and_nothing_saved(app):
    from ui.runtime import database

    as_admin(app, "测试管理员")
    app.run()
    on_page(app, "views/data.py")
    app.number_input(key="data_target_section_hours").set_value(60.0)
    app.number_input(key="data_target_division_years").set_value(2.5)
    app.button(key="data_targets_save").click().run()
    assert [e.value for e in app.error] == ["县处级及以上的周期（年）「2.5」不可用，应为 1 至 10 的整数。未保存。"]
    assert targets.in_force(database()) == targets.DEFAULTS


def test_a_window_that_is_over_reads_the_same_on_the_page_and_in_the_bulletin(app_factory, sample_db_path):
    """January to September 2026 is over (its records end on 28 September): the training page showing those months
    and the 通报 of 2026-Q3 both measure the whole target of the window, so its hours short and its share on pace
    are one figure in both; the page measured the pace at 28 September and read other numbers (issue 24's review).
    Only while a window runs does the page's pace stop at the last recorded day."""
    from incentive.sharing import bulletin
    from incentive.store import settings
    from incentive.store.database import Database

    today = dt.date.today()
    assert today > dt.date(2026, 9, 30)  # the sample's months are over (the sample is of 2026)
    db = Database(sample_db_path)
    try:
        # the window both measure: January to September without 棠梨县, whose 2026-Q3 is not in
        window = coverage.reported(db.connection, bulletin.training_window("2026-Q3"), settings.current(db), today)
        whole = coverage.county_figures(db.connection, window, 5, today).whole
        paper = bulletin.gather(db, "2026-Q3", "", "zh", today=today).text()
    finally:
        db.close()
    assert f"合计尚差{whole['hours_short']:,.0f}学时" in paper and f"{whole['share_on_pace']:.1%}的干部达到" in paper
    at = app_factory(
        sample_db_path, page="views/training.py", query={"train.window": "months", "train.months": "2026-01~2026-09"}
    )
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["距目标尚差（学时）"] == f"{whole['hours_short']:,.0f}"
    assert metrics["达到应有进度"] == f"{whole['share_on_pace']:.1%}"


def test_promotions_whose_year_before_has_no_records_are_said(app_factory, sample_db_path):
    """The sample's records start in 2023-01: 2023's promotions read low (their year before is partly 2022), and
    the page says so; 2025's do not."""
    at = app_factory(sample_db_path, page="views/training.py", query={"year": "2023"})
    assert not at.exception, [e.value for e in at.exception]
    said = "培训记录自 2023-01 起：部分提拔的前一年早于此"
    assert any(c.value.startswith(said) for c in at.caption)
    later = app_factory(sample_db_path, page="views/training.py", query={"year": "2025"})
    assert not any(c.value.startswith(said) for c in later.caption)
    # 2025's promotions are judged into 2026, where 棠梨县 has not sent its third quarter: said under the table
    unsent = "提任前培训按已报送的记录计算。1 个县区培训数据未报齐：棠梨县（2026年第三季度未报），"
    assert any(w.value.startswith(unsent) for w in later.warning)
    assert not any(w.value.startswith("提任前培训按已报送") for w in at.warning)  # 2022 to 2024: all sent
