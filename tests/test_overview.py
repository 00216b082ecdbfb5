import datetime as dt

import pandas as pd
import pytest
from conftest import import_ok

from incentive import overview
from incentive.care import targets, welfare
from incentive.publication import freeze
from incentive.race import rankings
from incentive.store.database import DataAsOf


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
    now = overview.TrainingTotals(100, 90, 0.9, 50.0)
    assert overview.coverage_change_pp(now, overview.TrainingTotals(100, 80, 0.8, 40.0)) == pytest.approx(10.0)
    assert overview.coverage_change_pp(now, overview.TrainingTotals(100, 0, 0.0, 0.0)) is None
    assert overview.coverage_change_pp(now, overview.TrainingTotals(0, 0, None, None)) is None


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


def test_the_overview_keeps_the_published_ranks_and_statuses_after_a_later_import(half_year_db):
    db = half_year_db
    before = overview.race_figures(db.connection, PERIOD)
    assert before.publication is None and before.ranking.ranked.index.tolist() == PUBLISHED_ORDER  # live
    publication = freeze.publish(db, PERIOD, "管理员", document_no="澜组〔2025〕7号")
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
    freeze.publish(db, PERIOD, "管理员")
    import_later(db)
    pinned = DataAsOf(db.connection, moment)
    race = overview.race_figures(pinned, PERIOD, at=moment)
    assert race.publication is None and race.ranking.ranked.index.tolist() == PUBLISHED_ORDER  # the data then
    live = overview.race_figures(db.connection, PERIOD, at=moment)  # today's data, nothing published by then
    assert live.publication is None and live.ranking.ranked.index[0] == "云岫县"
    assert overview.care_figures(pinned, PERIOD, at=moment).publication is None
