import datetime as dt
import json

import pandas as pd
import pytest
from conftest import NEW_COUNTY, PARTLY_REPORTED, data_file, import_ok, race_csv, rolled_back_unchecked

from incentive import overview
from incentive.care import targets, welfare
from incentive.publication import freeze
from incentive.race import rankings
from incentive.store.database import DataAsOf
from incentive.training import coverage


@pytest.mark.parametrize(
    "value,target,direction,expected",
    [
        (95, 95, "higher", "met"),
        (85.5, 95, "higher", "near"),
        (85.4, 95, "higher", "below"),
        (100, 95, "higher", "met"),
        (20, 20, "lower", "met"),
        (22, 20, "lower", "near"),
        (22.1, 20, "lower", "below"),
        (0, 0, "lower", "met"),
        (1, 0, "lower", "below"),
        (None, 95, "higher", None),
        (90, None, "higher", None),
        (float("nan"), 95, "higher", None),
    ],
)
def test_status_boundaries(value, target, direction, expected):
    assert targets.status(value, target, direction) == expected


def test_training_totals_are_ratios_of_sums():
    frame = pd.DataFrame(
        {"county": ["甲", "乙"], "cadres": [100, 300], "trained": [50, 300], "hours_per_cadre": [10.0, 30.0]}
    )
    totals = overview.training_totals(frame)
    assert (totals.cadres, totals.trained, totals.coverage, totals.hours_per_cadre) == (400, 350, 0.875, 25.0)


def test_welfare_totals_and_counts_skip_missing():
    frame = pd.DataFrame(
        {
            "county": ["甲", "甲", "乙", "乙"],
            "value": [96, None, 80, 3],
            "target": [95, 95, 95, None],
            "direction": ["higher"] * 4,
        }
    )
    totals = overview.welfare_totals(frame)
    assert (totals.assessed, totals.met, totals.near, totals.below, totals.met_share) == (2, 1, 0, 1, 0.5)
    counts = overview.status_counts_by_county(frame)
    assert counts.values.tolist() == [["甲", 1, 0, 0], ["乙", 0, 0, 1]]


def test_coverage_change_needs_training_in_the_earlier_year():
    assert coverage.coverage_change_pp(0.9, 0.8, 80) == pytest.approx(10.0)
    assert coverage.coverage_change_pp(0.9, 0.0, 0) is None
    assert coverage.coverage_change_pp(0.9, None, None) is None


# ---- published or live (docs/decisions.md#published-or-live), on conftest.half_year_db

PERIOD = "2025-H1"
PUBLISHED_ORDER = ["枫岚区", "澄溪县", "云峤县", "云岫县"]  # best first on every indicator
# Imported after the publication: 云岫县 corrects its scores and leads; 澄溪县's 体检完成率 rises from 80 to 96.
LATER = [
    "考核期,县区,乡镇,指标,数值\n2025H1,云岫县,,R01,4000\n2025H1,云岫县,,R02,0\n2025H1,云岫县,,R03,99\n",
    "考核期,县区,乡镇,指标,数值\n2025H1,澄溪县,,W01,96\n",
]


def import_later(db) -> None:
    for i, text in enumerate(LATER):
        import_ok(db, f"later{i}.csv", text.encode())


@pytest.mark.slow
def test_the_overview_keeps_the_published_ranks_and_statuses_after_a_later_import(half_year_db):
    db = half_year_db
    before = overview.race_figures(db.connection, PERIOD)
    assert before.publication is None and before.ranking.ranked.index.tolist() == PUBLISHED_ORDER  # live
    # allow_incomplete: half_year_db has no scores of 云峤县's township 丹埠镇, so 2025-H1 is not all in
    publication = freeze.publish(db, PERIOD, "管理员", document_no="澜组〔2025〕7号", allow_incomplete=True)
    import_later(db)

    race = overview.race_figures(db.connection, PERIOD)
    assert race.publication == publication
    assert race.ranking.ranked.index.tolist() == PUBLISHED_ORDER  # not the live order, where 云岫县 leads
    assert race.ranking.ranked["rank"].tolist() == [1, 2, 3, 4]
    assert rankings.rank_period(db.connection, PERIOD).ranked.index[0] == "云岫县"  # live, it leads
    assert overview.race_figures(db.connection, PERIOD).ranking.table.equals(race.ranking.table)
    care = overview.care_figures(db.connection, PERIOD)
    assert care.publication == publication
    # W01 (target 95): 96 met, 90 near, 80 below, 95 met; W02 (target 100): 100 met, 99 near, 85 and 70 below
    totals = overview.welfare_totals(care.view.table)
    assert (totals.met, totals.near, totals.below) == (3, 2, 3)  # 澄溪县's 80 still below, as published
    counts = overview.status_counts_by_county(care.view.table).set_index("county")
    assert counts.loc["澄溪县"].tolist() == [0, 0, 2]
    live = overview.welfare_totals(welfare.period_view(db.connection, PERIOD).table)
    assert (live.met, live.near, live.below) == (4, 2, 2)  # what current data say: 96 is met


def test_a_pinned_moment_before_the_publication_shows_live_data_of_that_moment(half_year_db):
    db = half_year_db
    moment = dt.datetime.now()
    freeze.publish(db, PERIOD, "管理员", allow_incomplete=True)
    import_later(db)
    pinned = DataAsOf(db.connection, moment)
    race = overview.race_figures(pinned, PERIOD, at=moment)
    assert race.publication is None and race.ranking.ranked.index.tolist() == PUBLISHED_ORDER  # the data then
    live = overview.race_figures(db.connection, PERIOD, at=moment)  # today's data, nothing published by then
    assert live.publication is None and live.ranking.ranked.index[0] == "云岫县"
    assert overview.care_figures(pinned, PERIOD, at=moment).publication is None


def test_the_overview_and_the_pages_open_on_the_periods_every_county_taking_part_has_sent(
    app_factory, sample_new_county_path
):
    """The reviewer's case on the sample (docs/decisions.md#which-counties-take-part): 新设县, added by a regions
    file, never sends anything, and 云岫县 alone has sent 2026-Q4 and 2026-H2. The overview announced 云岫县 first
    of a one-county race; it opens on 2026-Q3 and 2026-H1, with the incomplete-data lines still naming 新设县, as
    the rankings and care pages do."""
    from ui.runtime import database

    at = app_factory(sample_new_county_path)
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["赛马考评期"], metrics["关爱考评期"]) == ("2026-Q3", "2026-H1")
    expected = rankings.rank_period(database().connection, "2026-Q3", draws=0).ranked
    assert (metrics["综合第一"], metrics["参赛县区"]) == (expected.index[0], str(len(expected)))
    assert len(expected) == 12
    lines = [w.value for w in at.warning if "数据未报齐：" in w.value and "培训" not in w.value]
    assert len(lines) == 2 and all(f"{NEW_COUNTY}（无数据）" in line for line in lines)
    training = [w.value for w in at.warning if "培训数据未报齐" in w.value]  # its training quarters none sent either
    assert len(training) == 1 and f"{NEW_COUNTY}（2026年第一季度、2026年第二季度、2026年第三季度未报）" in training[0]

    # asked for, the newer quarter only 云岫县 has sent: its figures say how few counties reported, in the address too
    at.selectbox(key="overview_race_period").set_value("2026-Q4").run()
    asked = {m.label: m.value for m in at.metric}
    assert asked["参赛县区（1/12 个县区已报）"] == "1" and asked["关爱考评期"] == "2026-H1", asked
    assert [v for k, v in asked.items() if k.startswith("赛马考评期")] == ["2026-Q4"], asked
    assert at.query_params["home.race"] in ("2026-Q4", ["2026-Q4"])

    at.switch_page("views/rankings.py")
    at.run()
    assert [s.value for s in at.selectbox if s.key == "rank_period"] == ["2026-Q3"]
    assert any(f"{NEW_COUNTY}（无数据）" in w.value for w in at.warning)
    at.switch_page("views/welfare.py")
    at.run()
    assert [s.value for s in at.selectbox if s.key == "welfare_period"] == ["2026-H1"]
    assert any(f"{NEW_COUNTY}（无数据）" in w.value for w in at.warning)


# ---- a partly reported period (docs/decisions.md#reported-counts), on conftest.sample_partly_reported_path


def test_a_partly_reported_half_year_says_so_on_every_figure(app_factory, sample_partly_reported_path):
    """Three counties of twelve have sent 2026-H2: the overview's 2026 stays on 2026-H1 (every county's) with no
    count; 2027, whose only half-year is partly reported, says 3/12 on each care figure; the care page, asked for
    2026-H2, says 3/12 on its counts and lists the nine counties that sent nothing in its grid, without a status."""
    at = app_factory(sample_partly_reported_path, query={"year": "2026"})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["关爱考评期"] == "2026-H1" and "指标达标率" in metrics

    at.selectbox(key="year").set_value(2027).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["关爱考评期（3/12 个县区已报）"] == "2027-H1"
    assert "指标达标率（3/12 个县区已报）" in metrics and "未达标项（3/12 个县区已报）" in metrics

    care = app_factory(
        sample_partly_reported_path, page="views/welfare.py", query={"year": "2026", "care.period": "2026-H2"}
    )
    labels = [m.label for m in care.metric]
    assert {"达标（3/12 个县区已报）", "未达标（3/12 个县区已报）"} <= set(labels), labels
    traces = [json.loads(chart.proto.spec)["data"][0] for chart in care.get("plotly_chart")]
    grid = next(trace for trace in traces if trace.get("type") == "heatmap")
    assert len(grid["y"]) == 12  # every county taking part, the nine silent ones as blank rows
    silent = [row for county, row in zip(grid["y"], grid["z"], strict=True) if county not in PARTLY_REPORTED]
    assert len(silent) == 9 and all(cell is None for row in silent for cell in row)


TWO_CADRES = (
    "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
    "T001,某,云岫县,安坝镇,一级科员,男,1990,2025-12-31\n"
    "T002,某,云岫县,安坝镇,一级科员,女,1991,2025-12-31\n"
)
TWO_CADRES_TRAINING = (
    "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
    "T001,党史学习,政治能力,党史,线下,集体,40,2025-03-10\nT002,业务提升,专业能力,财政,线下,集体,101,2025-05-20\n"
)


def test_a_roster_of_two_cadres_shows_no_rate_count_or_hours_on_the_overview_and_training_page(
    catalog_db, app_factory, tmp_path
):
    """Two cadres, both trained (hours 40 and 101): the overview once read 培训覆盖率 nan%, 人均学时 70.5 and 在册干部
    2 where the training page withholds the scope, and the training page stopped on its scatter (no county both
    ranked and shown). Both now say what the scope's disclosure pattern allows: no rate, no hours, no count."""
    import_ok(catalog_db, "2025Q4.csv", race_csv("2025-Q4", ["澄溪县", "云岫县", "云峤县", "枫岚区"]))
    import_ok(catalog_db, "roster.csv", TWO_CADRES.encode())
    import_ok(catalog_db, "training.csv", TWO_CADRES_TRAINING.encode())
    path = catalog_db.path
    catalog_db.close()
    home = app_factory(path)
    shown = {m.label: m.value for m in home.metric}
    assert not any("nan" in str(v) or "70.5" in str(v) for v in shown.values()), shown
    training_figures = [v for k, v in shown.items() if k.startswith(("培训覆盖率", "人均学时", "在册干部"))]
    assert len(training_figures) == 3 and all(v in ("不公开", "<5") for v in training_figures), shown
    training = app_factory(path, page="views/training.py", query={"train.tab": "trend"})  # the scatter's tab
    notes = [i.value for i in training.info]
    assert any("赛马中排名" in n for n in notes), notes
    assert not any("70.5" in str(m.value) for m in training.metric)


def test_race_scores_without_their_catalog_say_so_on_the_rankings_page_and_the_overview(db, app_factory):
    """Scores left after their catalog went (removed with the sample, before such a rollback was refused): the
    rankings page stopped on an IndexError (no track, one column for two tier inputs) and the overview said no
    county had enough indicators."""
    import_ok(db, "regions.csv", data_file("regions.csv"))
    catalog = import_ok(db, "indicators.csv", data_file("indicators.csv"))
    import_ok(db, "2025Q4.csv", race_csv("2025-Q4", ["澄溪县", "云岫县", "云峤县", "枫岚区"]))
    rolled_back_unchecked(db, catalog)
    path = db.path
    db.close()
    for page in (None, "views/rankings.py"):
        at = app_factory(path, page=page)
        notes = [i.value for i in at.info]
        assert any("没有适用于它的指标目录" in n for n in notes), (page, notes)
