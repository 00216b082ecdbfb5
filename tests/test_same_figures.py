"""One view, one set of figures (issue 16): for the same period, year and filters, the page, the briefing and the
CLI export print the same ranks, intervals, tiers, coverage and statuses, because all three take them from the
same library functions (rankings.ranking_rows, coverage.window_query and its pattern, welfare.period_view)."""

from __future__ import annotations

import io
import json
import shutil

import pandas as pd
import pytest
from conftest import incentive_command, open_tab

from incentive import charts
from incentive.labels import status_label, tier_label
from incentive.publication import official
from incentive.race import rankings
from incentive.sharing import briefing

YEAR = 2025


def cli_frame(db_path, *args) -> pd.DataFrame:
    return cli_export(db_path, *args)[0]


def cli_export(db_path, *args) -> tuple[pd.DataFrame, str]:
    """`incentive export …`: the table on standard output, and what it said on standard error."""
    result = incentive_command("--db", db_path, "--lang", "zh", "export", *args)
    assert result.returncode == 0, result.stderr
    return pd.read_csv(io.StringIO(result.stdout), keep_default_na=False), result.stderr


def table_with(at, *columns) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


@pytest.fixture
def views(app, sample_db_file, tmp_path):
    """The app on YEAR (sidebar), its database for the briefing, and a copy of the same data for the CLI (the
    app's process holds its own file)."""
    from ui.runtime import database

    app.selectbox(key="year").set_value(YEAR).run()
    copy = tmp_path / "cli.duckdb"
    shutil.copy(sample_db_file, copy)
    return app, database(), copy


def test_ranks_intervals_and_tiers_agree(views):
    at, db, cli_db = views
    at.switch_page("views/rankings.py").run()
    period = at.selectbox(key="rank_period").value
    assert period == f"{YEAR}-Q4"  # the page's default: the latest period of the year, as the briefing's
    page = table_with(at, "排名区间", "县区").set_index("县区")

    brief = briefing.gather(db, YEAR, "", "zh", "http://x.local/")
    race = next(s for s in brief.sections if s.title == "赛马排名")
    printed = race.tables[0].set_index("县区")
    exported = cli_frame(cli_db, "rankings", "--period", period).set_index("county")

    assert page.index.tolist() == printed.index.tolist() == exported.index.tolist()
    for county in page.index:
        shown = page.loc[county]
        assert printed.loc[county, "排名"] == shown["排名"] == exported.loc[county, "rank"], county
        cli_interval = rankings.interval_text(exported.loc[county, "rank_low"], exported.loc[county, "rank_high"])
        assert printed.loc[county, "排名区间"] == shown["排名区间"] == cli_interval, county
        assert printed.loc[county, "综合得分"] == shown["综合得分"]
        assert shown["综合得分"] == pytest.approx(exported.loc[county, "composite"], abs=5e-4 + 1e-9)  # 6 → 3 places
        assert printed.loc[county, "方阵"] == shown["方阵"] == exported.loc[county, "tier_label"]
    assert any("–" not in text for text in page["排名区间"])  # a single rank prints as one number everywhere

    county = page.index[0]
    with_county = briefing.gather(db, YEAR, county, "zh", "http://x.local/")
    sentence = next(s for s in with_county.sections if s.title == "赛马排名").paragraphs[0]
    assert f"第 {page.loc[county, '排名']} 名" in sentence and f"排名区间 {page.loc[county, '排名区间']}）" in sentence
    assert tier_label(int(exported.loc[county, "tier"]), "zh") in sentence


def test_coverage_figures_agree(views):
    at, db, cli_db = views
    at.switch_page("views/training.py").run()  # the window defaults to the sidebar's year
    page = table_with(at, "覆盖率", "县区").set_index("县区")
    exported = cli_frame(cli_db, "coverage", "--period", YEAR).set_index("county")
    assert page.index.tolist() == exported.index.tolist()
    hidden = exported["suppressed"].astype(str) == "True"
    for county in page.index:
        if hidden[county]:
            assert "%" not in page.loc[county, "覆盖率"], county  # withheld on the page too
        else:
            assert page.loc[county, "覆盖率"] == f"{float(exported.loc[county, 'coverage']):.1%}", county

    shown = exported[~hidden].index[0]
    sentence = briefing.gather(db, YEAR, shown, "zh", "http://x.local/").sections[2].paragraphs[0]
    assert f"覆盖率 {page.loc[shown, '覆盖率']}" in sentence
    prefecture = {m.label: m.value for m in at.metric}["培训覆盖率"]
    assert f"全市覆盖率 {prefecture}" in sentence


def test_care_statuses_agree(views):
    at, db, cli_db = views
    at.switch_page("views/welfare.py").run()
    period = at.selectbox(key="welfare_period").value
    assert period == f"{YEAR}-H2"
    open_tab(at, "furthest")  # every figure
    page = max((d.value for d in at.dataframe if {"状态", "指标"} <= set(d.value.columns)), key=len)  # all figures
    exported = cli_frame(cli_db, "welfare_status", "--period", period)
    # no status (no target or no value): missing on the page (shown "—"), empty in the export
    assert page["状态"].fillna("").tolist() == [status_label(s, "zh") for s in exported["status"]]

    county = exported["county"].iloc[0]
    sentence = briefing.gather(db, YEAR, county, "zh", "http://x.local/").sections[3].paragraphs[0]
    own = exported[exported["county"] == county]
    judged = own[own["status"] != ""]
    assert f"{len(judged)} 项可判定指标中达标 {int((judged['status'] == 'met').sum())} 项" in sentence


def test_published_ranks_agree_after_a_later_import(views):
    """审定发布: once the period is published and a later import moves its leader, the page (by default), the
    briefing and `export rankings --published` all keep the published ranks, and the page shows the banner."""
    from conftest import import_ok

    from incentive.publication import freeze
    from incentive.store.database import Database

    at, db, cli_db = views
    period = f"{YEAR}-Q4"
    leader = rankings.rank_period(db.connection, period).table.index[0]
    correction = f"考核期,县区,乡镇,指标,数值\n{period},{leader},,R01,0\n{period},{leader},,R05,0\n".encode()
    other = Database(cli_db)
    try:
        for database in (db, other):
            # the sample's 2025-Q4 lacks a few township values (本期 4 个县区数据未报齐): confirmed, as a meeting would
            freeze.publish(database, period, "测试管理员", allow_incomplete=True)
            import_ok(database, "correction.csv", correction)
    finally:
        other.close()
    assert rankings.rank_period(db.connection, period).table.index[0] != leader

    at.switch_page("views/rankings.py").run()
    page = table_with(at, "排名区间", "县区").set_index("县区")
    brief = briefing.gather(db, YEAR, "", "zh", "http://x.local/")
    race = next(s for s in brief.sections if s.title == "赛马排名")
    printed = race.tables[0].set_index("县区")
    exported, said = cli_export(cli_db, "rankings", "--period", period, "--published")
    exported = exported.set_index("county")
    assert page.index[0] == printed.index[0] == exported.index[0] == leader
    assert page.index.tolist() == printed.index.tolist() == exported.index.tolist()
    assert page["排名"].tolist() == printed["排名"].tolist() == exported["rank"].tolist()
    # and one sentence says, everywhere, that current data would change them (its names as the page quotes them)
    changed = official.drift(db.connection, official.latest(db.connection, period), care=False).sentence("zh")
    assert changed.startswith("发布后数据有变动：按现有数据，") and leader in changed
    assert any(w.value.startswith(changed) for w in at.warning)
    assert changed in race.paragraphs and changed in said.splitlines()
    assert any(p.startswith("正式发布（") for p in race.paragraphs) and set(exported["basis"]) == {"published"}

    at.switch_page("views/overview.py").run()  # the overview's race pillar: the same published ranking
    assert {m.label: m.value for m in at.metric}["综合第一"] == page.index[0] == leader
    bars = next(json.loads(c.proto.spec)["data"][0] for c in at.get("plotly_chart"))  # the first chart: the race
    assert bars["y"][::-1] == page.index.tolist()
    # composites as the bars print them, to 2 places, with Plotly's minus sign (charts.MINUS)
    labels = [float(text.replace(charts.MINUS, "-")) for text in bars["text"][::-1]]
    assert labels == pytest.approx(page["综合得分"].tolist(), abs=0.005 + 1e-9)
    assert f"{period} 为正式发布结果，" in " ".join(c.value for c in at.caption)
    assert changed in [w.value for w in at.warning]  # under the race pillar's mark


def test_the_overview_and_the_training_page_show_the_same_coverage_change(app):
    """One rule for a coverage change (docs/decisions.md#one-rule-for-a-coverage-change): on the sample's
    running year the overview read +0.2 pp (the whole previous year) and 培训覆盖 +0.9 pp (the same months)."""
    overview_metric = next(m for m in app.metric if m.label == "培训覆盖率")
    app.switch_page("views/training.py").run()
    training_metric = next(m for m in app.metric if m.label == "培训覆盖率")
    assert overview_metric.value == training_metric.value
    points = training_metric.proto.delta  # "+0.9 个百分点" on both pages
    assert points and points == overview_metric.proto.delta
    assert "2025-01\\~2025-" in overview_metric.proto.delta_description  # beside it: the window, Markdown-escaped
