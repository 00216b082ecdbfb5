"""审定发布 through AppTest on the sample: the rankings and care pages show a published period's frozen figures,
marked, with a banner when current data differ and a switch to the live trial; an administrator publishes and
republishes from the page."""

from __future__ import annotations

import base64
import json

import numpy as np
from conftest import as_admin, import_ok, open_tab

from incentive.care import welfare
from incentive.publication import freeze, official
from incentive.race import rankings
from incentive.safe_text import markdown
from incentive.store.database import Database

PERIOD, HALF = "2026-Q3", "2026-H1"  # the pages' defaults on the sample (its latest year)
# The sample's leader in 2026-Q3 reports far weaker figures, and its 2026-H1 physical-exam rate falls.
CORRECTION = "考核期,县区,乡镇,指标,数值\n2026Q3,澄溪县,,R01,1\n2026Q3,澄溪县,,R05,1\n2026Q3,澄溪县,,R07,40\n"


def ranking_table(at):
    return next(d.value for d in at.dataframe if "排名区间" in d.value.columns and "县区" in d.value.columns)


def published_then_corrected(path) -> tuple[official.Publication, list[str], list[str]]:
    """Publish PERIOD and HALF on the database file, then import the correction; the published and live order."""
    db = Database(path)
    try:
        publication = freeze.publish(db, PERIOD, "测试管理员", document_no="澜组〔2026〕12号")
        freeze.publish(db, HALF, "测试管理员")
        import_ok(db, "correction.csv", CORRECTION.encode())
        published = official.ranking(db.connection, PERIOD).table.index.tolist()
        live = rankings.rank_period(db.connection, PERIOD).table.index.tolist()
    finally:
        db.close()
    return publication, published, live


def test_rankings_page_keeps_the_published_ranks_with_a_banner_and_a_live_switch(app_factory, sample_db_path):
    publication, published, live = published_then_corrected(sample_db_path)
    assert published != live and published[0] == "澄溪县"
    at = app_factory(sample_db_path, page="views/rankings.py")
    assert ranking_table(at)["县区"].tolist() == published
    assert [s.value for s in at.success] == [markdown(publication.label("zh"))]  # the 文号 as typed, never a link
    assert "第 1 版，澜组〔2026〕12号）" in publication.label("zh")
    banner = next(w.value for w in at.warning if w.value.startswith("发布后数据有变动：按现有数据，"))
    assert "；如需更新请重新发布。变化：澄溪县 1→" in banner and banner.endswith("可切换到「实时试算」查看。")
    # six counties move: the sentence names five (then 等), the list after it each move
    assert banner.startswith(
        "发布后数据有变动：按现有数据，6 个县区的名次或方阵会变化（澄溪县、枫岚县、杉浦县、鹤汀县、棠梨县等）"
    )
    assert "变化：澄溪县 1→4、枫岚县 2→1、杉浦县 3→2、鹤汀县 4→3、棠梨县 11→12、岚桥区 12→11。" in banner

    open_tab(at, "tracks")  # the ranks over time
    over_time = [c.value for c in at.caption if "为实时数据（试算）" in c.value or "为正式发布结果" in c.value]
    assert over_time == ["2026-Q3 为正式发布结果，2024-Q4、2025-Q1、Q2、Q3、Q4、2026-Q1、Q2 为实时数据（试算）。"]
    assert bump_ranks(at)["2026-Q3"] == {unit: rank for rank, unit in enumerate(published, 1)}

    at.segmented_control(key="rank_view").set_value("live").run()
    assert not at.exception
    assert any("实时数据（试算）" in i.value for i in at.info)
    assert bump_ranks(at)["2026-Q3"] == {unit: rank for rank, unit in enumerate(live, 1)}  # the trial's points
    assert "2024-Q4、2025-Q1、Q2、Q3、Q4、2026-Q1、Q2、Q3 为实时数据（试算）。" in [c.value for c in at.caption]
    open_tab(at, "ranking")
    assert ranking_table(at)["县区"].tolist() == live

    at.segmented_control(key="rank_view").set_value("official").run()
    at.selectbox(key="rank_method").set_value("minmax").run()  # another method is always a trial
    assert any("均为试算" in i.value for i in at.info) and not at.success


def bump_ranks(at) -> dict[str, dict[str, int]]:
    """The rank-over-time chart's points: period → unit → rank (each trace is one unit)."""
    figure = next(
        f for f in charts_of(at) if "历次考评排名走势" in json.dumps(f["layout"].get("title"), ensure_ascii=False)
    )
    points: dict[str, dict[str, int]] = {}
    for trace in figure["data"]:
        for period, rank in zip(trace["x"], numbers(trace["y"]), strict=True):
            points.setdefault(period, {})[trace["name"]] = int(rank)
    return points


def numbers(values) -> list:
    """A figure's array as sent: a list, or Plotly's typed array ({"dtype", "bdata": base64})."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def charts_of(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_the_overview_shows_the_published_ranks_and_says_which_periods_are_published(app_factory, sample_db_path):
    at = app_factory(sample_db_path)
    assert "2026-Q3、2026-H1 为实时数据（试算）。" in [c.value for c in at.caption]  # nothing published yet
    publication, published, live = published_then_corrected(sample_db_path)
    at = app_factory(sample_db_path)
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["综合第一"] == published[0] == "澄溪县" != live[0]
    bars = next(f for f in charts_of(at) if "各县区综合得分" in json.dumps(f["layout"]["title"], ensure_ascii=False))
    assert bars["data"][0]["y"][::-1] == published  # best at the top, every county: the published order
    captions = [c.value for c in at.caption]
    assert "2026-Q3、2026-H1 为正式发布结果。" in captions
    assert captions.count(markdown(publication.label("zh"))) == 1  # the race pillar, with its 文号 as typed
    assert any(c.startswith("正式发布（") and "第 1 版）" in c for c in captions)  # the care pillar's version


def test_an_administrator_publishes_and_republishes_from_the_rankings_page(app_factory):
    at = app_factory(page="views/rankings.py")
    assert any("尚未正式发布" in c.value for c in at.caption)
    assert not [f for f in at.text_input if f.key == "rank_pub_number"]  # viewers see no form
    as_admin(at, "测试管理员")
    at.run()
    at.text_input(key="rank_pub_number").set_value("澜组〔2026〕12号")
    at.button(key="rank_pub_submit").click().run()
    assert not at.exception
    assert [s.value for s in at.success][-1] == "已发布 2026-Q3 第 1 版。"
    assert any(s.value.startswith("正式发布（") for s in at.success)

    assert at.text_input(key="rank_pub_number").value == ""  # published: the form starts empty again
    at.text_input(key="rank_pub_number").set_value("澜组〔2026〕13号")
    at.button(key="rank_pub_submit").click().run()  # again, without a reason
    assert any("请填写更正原因" in e.value for e in at.error)
    assert at.text_input(key="rank_pub_number").value == "澜组〔2026〕13号"  # a refusal keeps what was typed
    at.text_input(key="rank_pub_reason").set_value("复核更正")
    at.button(key="rank_pub_submit").click().run()
    assert [s.value for s in at.success][-1] == "已发布 2026-Q3 第 2 版。"
    versions = next(d.value for d in at.dataframe if "版本" in d.value.columns)
    assert versions["版本"].tolist() == [2, 1] and versions["更正原因"].tolist() == ["复核更正", ""]
    assert versions["名次变化"].tolist() == ["无", "首次发布"]


def test_care_page_keeps_the_published_statuses_with_a_banner(app_factory, sample_db_path):
    _, _, _ = published_then_corrected(sample_db_path)
    db = Database(sample_db_path)
    try:
        before = welfare.period_view(db.connection, HALF).table
        row = before[before["status"] == "met"].iloc[0]
        import_ok(
            db, "care.csv", f"考核期,县区,乡镇,指标,数值\n2026H1,{row['county']},,{row['indicator']},0\n".encode()
        )
    finally:
        db.close()
    at = app_factory(sample_db_path, page="views/welfare.py", query={"care.tab": "furthest"})  # every figure
    assert any(s.value.startswith("正式发布（") for s in at.success)
    banner = next(w.value for w in at.warning if w.value.startswith("发布后数据有变动：按现有数据，"))
    assert banner.startswith(f"发布后数据有变动：按现有数据，1 个县区的关爱达标状态会变化（{row['county']}）；")
    assert f"{row['county']} {row['name']} 达标→未达标" in banner
    figures = next(d.value for d in at.dataframe if "状态" in d.value.columns and len(d.value) == len(before))
    shown = figures.set_index(["县区", "指标"]).loc[(row["county"], row["name"]), "状态"]
    assert shown == "达标"  # the published status, not the corrected value's

    at.segmented_control(key="care_view").set_value("live").run()
    figures = next(d.value for d in at.dataframe if "状态" in d.value.columns and len(d.value) == len(before))
    assert figures.set_index(["县区", "指标"]).loc[(row["county"], row["name"]), "状态"] == "未达标"


def test_the_publish_form_says_what_the_period_freezes(app_factory):
    """The sample's quarters have race scores only and its half-years care figures only: the form on each page
    promises exactly what publishing that period freezes."""
    at = app_factory(page="views/rankings.py", run=False)
    as_admin(at, "测试管理员")
    at.run()
    said = [c.value for c in at.caption if "冻结为正式结果" in c.value]
    assert len(said) == 1 and said[0].startswith(f"将 {PERIOD} 的赛马排名（")
    assert f"{PERIOD} 没有关心关爱数据，不发布达标状态。" in said[0] and "达标状态连同" not in said[0]

    at.switch_page("views/welfare.py")
    at.run()
    assert not at.exception
    said = [c.value for c in at.caption if "冻结为正式结果" in c.value]
    assert len(said) == 1 and said[0].startswith(f"将 {HALF} 的关心关爱达标状态（")
    assert f"{HALF} 没有赛马得分，不发布排名。" in said[0]
    at.button(key="care_pub_submit").click().run()
    assert [s.value for s in at.success][-1] == f"已发布 {HALF} 第 1 版。"


def test_a_period_published_without_care_figures_says_so_on_the_care_page(app_factory, sample_db_path):
    """2026-Q3 is published with its ranking only; care figures of the quarter arrive later. The care page must not
    call the period unpublished: it is published, without care statuses."""
    db = Database(sample_db_path)
    try:
        freeze.publish(db, PERIOD, "测试管理员")
        import_ok(db, "care.csv", "考核期,县区,乡镇,指标,数值\n2026Q3,云岫县,,W01,90\n".encode())
    finally:
        db.close()
    at = app_factory(sample_db_path, page="views/welfare.py")
    at.selectbox(key="welfare_period").set_value(PERIOD).run()
    assert not at.exception
    assert [c.value for c in at.caption if PERIOD in c.value and "发布" in c.value] == [
        f"{PERIOD} 已正式发布（第 1 版），但其中没有关心关爱达标状态：发布时尚无这些数据。以下为实时数据（试算）。"
    ]
    assert not [s.value for s in at.success if "正式发布" in s.value], [s.value for s in at.success]


def test_an_incomplete_period_is_published_from_the_page_only_with_its_counties_confirmed(app_factory):
    """The sample's 2026-Q2 lacks a few values of six counties (the line above the ranking says so): the form names
    them with a checkbox; publishing without it is refused with the same list, with it the version records them
    (docs/decisions.md#incomplete-periods-need-confirmation)."""
    quarter = "2026-Q2"
    at = app_factory(page="views/rankings.py", run=False)
    as_admin(at, "测试管理员")
    at.run()
    at.selectbox(key="rank_period").set_value(quarter).run()
    listed = next(w.value for w in at.warning if w.value.startswith(f"{quarter} 有 6 个县区数据未报齐："))
    assert listed.startswith(
        f"{quarter} 有 6 个县区数据未报齐：赛马考评得分：云岫县（乡镇缺 2 项）、青禾县（乡镇缺 1 项）、"
    )
    box = next(c for c in at.checkbox if c.key.startswith("rank_pub_incomplete_"))
    assert box.label == "确认按未报齐的数据发布（云岫县、青禾县、苇塘县、杉浦县、棠梨县、星渚县）" and not box.value

    counties = listed.removeprefix(f"{quarter} 有 6 个县区数据未报齐：").split("。")[0]  # the form's list
    at.button(key="rank_pub_submit").click().run()
    assert [e.value for e in at.error] == [
        f"{quarter} 有 6 个县区数据未报齐：{counties}。按未报齐的数据发布，须先明确确认。"
    ]
    assert not any(s.value.startswith("正式发布（") for s in at.success)

    next(c for c in at.checkbox if c.key.startswith("rank_pub_incomplete_")).check()
    at.button(key="rank_pub_submit").click().run()
    assert not at.exception
    assert [s.value for s in at.success][-1] == f"已发布 {quarter} 第 1 版。"
    assert any(
        c.value.startswith("发布时 6 个县区数据未报齐，经确认发布：赛马考评得分：云岫县（乡镇缺 2 项）")
        for c in at.caption
    )
    versions = next(d.value for d in at.dataframe if "版本" in d.value.columns)
    assert versions["发布时未报齐"].iloc[0].startswith("赛马考评得分：云岫县（乡镇缺 2 项）、青禾县（乡镇缺 1 项）")
