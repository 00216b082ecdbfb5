import pandas as pd
import pytest

from incentive import overview
from incentive.care import targets


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
