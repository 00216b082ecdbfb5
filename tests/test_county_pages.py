"""一县一档 and the one-track view of 赛马排名 through AppTest on the sample: every figure the county page shows is the
pillar library's own number for that county (rankings, coverage, care, movements), the view says published or
live, a county account sees his own county only, and a track view is marked and never official."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import as_user

from incentive import periods
from incentive.accounts import users
from incentive.accounts.roles import COUNTY_CLERK, Principal
from incentive.care import movements, welfare
from incentive.i18n import t
from incentive.labels import tier_label
from incentive.publication import freeze
from incentive.race import benchmarks, rankings
from incentive.store import queries
from incentive.store.database import Database
from incentive.training import coverage

COUNTY, YEAR, PERIOD, HALF = "鹤汀县", 2026, "2026-Q3", "2026-H1"  # the sample's latest year and its defaults
pytestmark = pytest.mark.slow  # AppTest runs of the whole app


def metric(at, label: str):
    found = [m for m in at.metric if m.label == label]
    assert len(found) == 1, [m.label for m in at.metric]
    return found[0]


def table_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_every_figure_is_the_libraries_number_for_the_county(app_factory, sample_db_path):
    db = Database(sample_db_path)
    try:
        conn = db.connection
        now = rankings.rank_period(conn, PERIOD)
        year_before = rankings.rank_period(conn, periods.year_before(PERIOD), draws=0)
        window = coverage.year_window(YEAR)
        last = coverage.as_date(
            queries.run(conn, "training_last_date", start=window.start, end=window.end)["last_date"].iloc[0]
        )
        before_window = coverage.comparable_previous(window, last)
        training, _ = coverage.county_figures(conn, window, 5, dt.date.today()).county(COUNTY)
        training_before, _ = coverage.county_figures(conn, before_window, 5, dt.date.today()).county(COUNTY)
        care = welfare.period_view(conn, HALF).table
        care_before = welfare.period_view(conn, periods.year_before(HALF)).table
        decisions = movements.county_table(*_year(conn, YEAR), 5, "zh").set_index("county").loc[COUNTY]
        decisions_before = movements.county_table(*_year(conn, YEAR - 1), 5, "zh").set_index("county").loc[COUNTY]
        tracks = benchmarks.track_benchmarks(now, COUNTY)
    finally:
        db.close()

    at = app_factory(sample_db_path, query={"county": COUNTY}, page="views/county.py")
    assert at.title[0].value == "一县一档" and at.header[0].value == COUNTY
    assert f"{PERIOD} 尚未正式发布" in " ".join(c.value for c in at.caption)  # live, said as on the rankings page

    row = now.table.loc[COUNTY]
    rank = metric(at, "排名")
    assert rank.value == f"第 {row['rank']} 名 / {len(now.ranked)}"
    change = int(year_before.table.at[COUNTY, "rank"] - row["rank"])
    assert rank.delta == f"{change:+d}" and rank.proto.delta_description == "同比 2025-Q3"  # beside, never cut off
    assert metric(at, "方阵").value == tier_label(row["tier"], "zh")
    assert metric(at, "方阵").delta == f"2025-Q3：{tier_label(year_before.table.at[COUNTY, 'tier'], 'zh')}"
    assert metric(at, "排名区间").value == rankings.interval_text(row["rank_low"], row["rank_high"])
    assert metric(at, "综合得分").value == f"{row['composite']:+.3f}"

    history = table_with(at, "上年同期名次")
    assert history.iloc[0]["期次"] == PERIOD and history.iloc[0]["排名"] == row["rank"]
    assert history.iloc[0]["同比变化"] == (f"↑{change}" if change > 0 else f"↓{-change}" if change < 0 else "持平")

    benchmark = table_with(at, "标杆（第90百分位）").set_index("指标")
    for item in now.catalog.itertuples():
        assert benchmark.at[item.name, "值"] == round(float(now.raw.at[COUNTY, item.code]), 2)
    shown_tracks = " ".join(m.value for m in at.markdown)
    for track in tracks.itertuples():
        assert f"{track.track}：最优 {track.best_unit}；距标杆 {track.gap:+.2f}" in shown_tracks

    assert metric(at, "培训覆盖率").value == f"{training['coverage']:.1%}"
    pp = round((training["coverage"] - training_before["coverage"]) * 100, 1)
    assert metric(at, "培训覆盖率").delta == f"{pp:+.1f} 个百分点"
    assert metric(at, "培训覆盖率").proto.delta_description == f"同比 {before_window.label}"
    assert metric(at, "人均学时").value == f"{training['hours_per_cadre']:.1f}"  # the label says 学时
    assert metric(at, "未参训人数").value == f"{int(training['untrained']):,}"

    met, judged, below = welfare.county_counts(care, COUNTY)
    assert metric(at, f"{HALF} 达标指标").value == f"{met} / {judged}"
    assert metric(at, "未达标指标").value == str(len(below))
    met_then, judged_then, below_then = welfare.county_counts(care_before, COUNTY)
    assert judged_then == judged  # the sample's county judged on as many indicators a year earlier: 同比 shown
    assert metric(at, f"{HALF} 达标指标").delta == f"{met - met_then:+d}"
    assert metric(at, "未达标指标").delta == f"{len(below) - len(below_then):+d}"
    assert metric(at, "未达标指标").proto.delta_description.startswith("同比 ")
    care_rows = table_with(at, "上年同期状态").set_index("指标")
    own, own_before = care[care["county"] == COUNTY], care_before[care_before["county"] == COUNTY]
    for item in own.itertuples():
        assert care_rows.at[item.name, "值"] == item.value
        before_value = own_before.set_index("indicator").at[item.indicator, "value"]
        assert care_rows.at[item.name, "上年同期值"] == before_value

    people = table_with(at, "事项").set_index("事项")  # the movements page's cells, suppression included
    for action in movements.ACTIONS:
        label = t(f"action_{action}", "zh")
        assert people.at[label, "本年"] == decisions[action]
        assert people.at[label, "上年"] == decisions_before[action]
        if YEAR == 2026:  # the sample's decisions run to 2026-09-28: part of the year, not compared with 2025
            assert people.at[label, "同比变化"] == "不可比"
        elif not (decisions[action].isdigit() and decisions_before[action].isdigit()):
            assert people.at[label, "同比变化"] == "不公开"
        else:
            difference = int(decisions[action]) - int(decisions_before[action])
            assert people.at[label, "同比变化"] == (f"{difference:+d}" if difference else "0")
    assert not at.exception


def _year(conn, year: int):
    view = movements.year_view(conn, year, 5)
    return view.summary, view.pattern


def test_a_published_period_shows_its_published_rank(app_factory, sample_db_path):
    db = Database(sample_db_path)
    try:
        publication = freeze.publish(db, PERIOD, "测试管理员", document_no="澜组〔2026〕12号")
    finally:
        db.close()
    at = app_factory(sample_db_path, query={"county": COUNTY}, page="views/county.py")
    assert any("澜组〔2026〕12号" in s.value for s in at.success)
    assert publication.period == PERIOD


def test_without_a_county_the_page_asks_and_a_choice_becomes_the_sidebar_county(app_factory, sample_db_path):
    at = app_factory(sample_db_path, page="views/county.py")
    assert not at.header and not at.metric
    at.selectbox(key="profile_pick").set_value("棠梨县").run()
    assert not at.exception
    assert at.header[0].value == "棠梨县"
    assert at.selectbox(key="county").value == "棠梨县"  # the sidebar's, so the briefing and links follow


def test_a_county_clerk_sees_only_his_own_county(app_factory, sample_db_path):
    clerk = Principal("棠梨填报", COUNTY_CLERK, "棠梨县", "database")
    db = Database(sample_db_path)
    try:
        users.add(db, clerk.name, clerk.role, clerk.county, "a clerk password", "测试管理员")
    finally:
        db.close()
    at = app_factory(sample_db_path, query={"county": COUNTY}, page="views/county.py", run=False)
    as_user(at, clerk)
    at.run()
    assert not at.exception
    assert at.header[0].value == "棠梨县"
    assert [i.value for i in at.info if "本县区" in i.value] == ["县区账号只能查看本县区的档案，以下为棠梨县。"]


def test_the_english_page_names_its_figures_in_english(app_factory, sample_db_path):
    at = app_factory(sample_db_path, query={"county": COUNTY, "lang": "English"}, page="views/county.py")
    assert at.title[0].value == "County profile"
    assert {"Rank", "Tier", "Interval", "Composite", "Training coverage"} <= {m.label for m in at.metric}


def test_ranking_by_one_track_is_marked_and_never_official(app_factory, sample_db_path):
    db = Database(sample_db_path)
    try:
        freeze.publish(db, PERIOD, "测试管理员")
        live = rankings.rank_period(db.connection, PERIOD)
    finally:
        db.close()
    at = app_factory(sample_db_path, page="views/rankings.py")
    assert at.success  # the published ranking, marked as such
    at.selectbox(key="rank_track").set_value("乡村振兴").run()
    assert not at.exception
    assert not at.success  # a track view is a trial: never marked official
    assert any("仅供分析，不是正式排名" in w.value for w in at.warning)
    table = table_with(at, "赛道名次")
    by_track = benchmarks.track_ranking(live, "乡村振兴")
    assert table["县区"].tolist() == by_track.index.tolist()
    assert table["乡村振兴"].tolist() == by_track["score"].round(3).tolist()
    assert table["正式名次"].tolist() == by_track["rank"].tolist()
    leader = next(m for m in at.metric if m.label == "乡村振兴第一名县区")  # the view's leader, not the composite's
    assert leader.value == by_track.index[0] and leader.delta == f"赛道得分 {by_track['score'].iloc[0]:.2f}"
    assert at.query_params["rank.track"] == "乡村振兴"  # in the link
    at.selectbox(key="rank_track").set_value("").run()
    assert at.success and "rank.track" not in at.query_params


def test_opening_a_link_with_a_track_shows_that_view(app_factory, sample_db_path):
    at = app_factory(sample_db_path, query={"rank.track": "基层治理"}, page="views/rankings.py")
    assert at.selectbox(key="rank_track").value == "基层治理"
    assert "赛道名次" in table_with(at, "赛道名次").columns


def test_a_short_link_reopens_the_county_its_period_and_its_comparison(app_factory, sample_db_path):
    from incentive.sharing import permalinks

    db = Database(sample_db_path)
    try:
        params = {"year": "2025", "county": "棠梨县", "profile.period": "2025-Q2", "profile.compare": "year"}
        key = permalinks.save(db, "county", params, created_by="test")
    finally:
        db.close()
    at = app_factory(sample_db_path, page="views/county.py", query={"v": key})
    assert at.header[0].value == "棠梨县"
    assert at.selectbox(key="profile_period").value == "2025-Q2"
    assert at.segmented_control(key="profile_compare").value == "year"
    assert table_with(at, "上年同期名次").iloc[0]["期次"] == "2025-Q2"  # the history ends at the linked period
    # The spec is JSON: without orjson installed, plotly escapes every Chinese character, so titles are read parsed.
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    waterfalls = [title for title in titles if title.startswith("综合得分变化分解")]
    assert waterfalls, ([i.value for i in at.info], titles)  # what the page said instead of the waterfall
    assert waterfalls[0].endswith("2024-Q2 → 2025-Q2")  # why it moved since a year earlier, as linked


def test_meeting_mode_shows_the_county_page_one_section_at_a_time(app_factory, sample_db_path):
    at = app_factory(sample_db_path, page="views/county.py", query={"county": COUNTY, "present": "1"})
    assert any(m.value.startswith("**1 / 6") for m in at.markdown)


def test_a_county_that_has_not_sent_a_training_quarter_shows_no_coverage_and_says_why(app_factory, sample_db_path):
    """The sample's 棠梨县 has not sent 2026-Q3: its page and 培训覆盖 with it as the sidebar county show no coverage
    of it (its unsent quarter would read as untrained), name the quarter, and say why
    (docs/decisions.md#unsent-training-files)."""
    profile = app_factory(sample_db_path, query={"county": "棠梨县"}, page="views/county.py")
    assert not [c for c in profile.caption if "同比对比" in c.value]  # nothing of it is compared
    # its own page says in one notice that its own data are incomplete, what that makes of its figures and where the
    # months it sent are, not the prefecture's line "本区间的各项数字不含上述县区", which read there as if the
    # county's own figures left the county out (and not twice: a second box said the same)
    own = [w.value for w in profile.warning if "培训数据未报齐" in w.value]
    assert own == [
        "本县区培训数据未报齐：棠梨县（2026年第三季度未报）。本区间本县区的覆盖率和学时因此不予计算，以免未报部分读作"
        "未参训，报齐后即显示；全市的培训数字也不含本县区（同比亦然）。 其已报齐的 2026-01\\~2026-06 可在「培训覆盖」页"
        "查看（按月）。"
    ], own
    assert not [i.value for i in profile.info if "未报齐" in i.value]
    notice = own[0]
    english = app_factory(sample_db_path, query={"county": "棠梨县", "lang": "English"}, page="views/county.py")
    own = [w.value for w in english.warning if "incomplete" in w.value]
    assert len(own) == 1 and own[0].startswith("This county's training data are incomplete: 棠梨县 ("), own
    assert "not computed" in own[0] and "leave them out" not in own[0]
    # another county's page names the county left out in the prefecture's words: its figures are set against them
    neighbour = app_factory(sample_db_path, query={"county": "云岫县"}, page="views/county.py")
    assert any(w.value.startswith("1 个县区培训数据未报齐：棠梨县（2026年第三季度未报）") for w in neighbour.warning)
    page = app_factory(sample_db_path, query={"county": "棠梨县"}, page="views/training.py")
    assert [w.value for w in page.warning if "未报齐" in w.value] == [notice.split(" 其已报齐")[0]]  # the same notice
    assert not [i.value for i in page.info if "未报齐" in i.value]
    assert not [m for m in page.metric if m.label == "培训覆盖率"]  # nothing measured of it
    other = app_factory(sample_db_path, query={"county": "云岫县"}, page="views/training.py")
    assert not any(i.value.startswith("云岫县的培训数据未报齐") for i in other.info)
    assert [m for m in other.metric if m.label == "培训覆盖率"]


def test_the_first_year_compares_with_nothing_and_says_so(app_factory, sample_db_path):
    """The sample begins in 2023: its county page names no earlier period as compared and shows no change against
    2022, where the training section read a rise from nothing (+92.5 个百分点, 未参训 −665) and the tracks and care
    notes named 2022-Q4 and 2022-H2 as if they held data, and the personnel decisions read 上年 0 and 同比 +10
    (a fresh user's review)."""
    at = app_factory(sample_db_path, query={"county": COUNTY}, page="views/county.py")
    at.selectbox(key="year").set_value("2023").run()
    assert not at.exception
    for label in ("培训覆盖率", "人均学时", "未参训人数", "综合得分"):
        assert not metric(at, label).proto.delta, label
    captions = [c.value for c in at.caption]
    assert "2023（2022本县区没有培训记录，不列同比）。" in captions
    assert any(c.endswith("没有2022-Q4的数据，不列同比。") for c in captions)
    assert "没有2022-H2的数据，不列同比。" in captions
    assert not [c for c in captions if "同比为与2022" in c or "同比对比 2022" in c or "与上年同期相比" in c]
    assert any(c.startswith("排名区间：") and c.endswith("没有2022-Q4的数据，不列同比。") for c in captions)
    # no personnel decision is recorded in 2022: its 上年 is no count of 0, and nothing is set against it
    decisions = table_with(at, "上年")
    assert decisions["上年"].isna().all() and decisions["同比变化"].isna().all(), decisions
    assert any(c.startswith("2023年与2022年的决定数") and c.endswith("没有2022的数据，不列同比。") for c in captions)


def test_the_first_year_of_data_offers_no_year_on_year_comparison_and_says_why(app_factory, sample_db_path):
    """The sample's first year, 2023: why the rank moved is offered against the previous period only, since 2022
    has no data (同比 was offered and then said there was nothing to compare); its first period offers neither."""
    at = app_factory(sample_db_path, query={"year": "2023", "county": COUNTY}, page="views/county.py")
    period = at.selectbox(key="profile_period").value
    assert period == "2023-Q4"
    assert at.segmented_control(key="profile_compare").options == ["上一期（环比）"]
    assert f"上年同期（{periods.year_before(period)}）没有数据，不能同比。" in [c.value for c in at.caption]
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert any(title.endswith("2023-Q3 → 2023-Q4") for title in titles if title.startswith("综合得分变化分解"))
    at.selectbox(key="profile_period").set_value("2023-Q1").run()
    assert not [c for c in at.get("segmented_control") if c.key == "profile_compare"]
    assert "此前没有同类期次的数据，名次变化无从对比。" in [c.value for c in at.caption]
    later = app_factory(sample_db_path, query={"year": "2024", "county": COUNTY}, page="views/county.py")
    assert later.segmented_control(key="profile_compare").options == ["上一期（环比）", "上年同期（同比）"]
    assert not [c for c in later.caption if "不能同比" in c.value]


def test_a_linked_comparison_of_a_first_period_is_said_unusable(app_factory, sample_db_path):
    """2023-Q1 has nothing before it to compare with, so it draws no comparison control: a link asking for one says
    it could not be used, as for any other link parameter, rather than dropping it unsaid (a new user's walk)."""
    at = app_factory(
        sample_db_path,
        query={"year": "2023", "county": COUNTY, "profile.period": "2023-Q1", "profile.compare": "year"},
        page="views/county.py",
    )
    assert at.selectbox(key="profile_period").value == "2023-Q1"
    notes = [i.value for i in at.info if i.value.startswith("链接中的参数无法使用")]
    assert notes and "profile.compare=year" in notes[0], [i.value for i in at.info]
