"""标杆 and one-track rankings (incentive/race/benchmarks.py) on a ranking small enough to check on paper.

Five units, min-max scores (0-100): track 经济 is indicator A (more is better: 10, 20, 30, 40, 50 give 0, 25, 50,
75, 100), track 治理 is indicator B (less is better: 1, 2, 3, 4, 5 give 100, 75, 50, 25, 0). With weights 60/40
the composites are 40, 45, 50, 55, 60, so 戊 is first and 甲 last.
"""

import math

import pandas as pd
import pytest

from incentive.race import benchmarks
from incentive.race.scoring import rank_units

UNITS = ["甲", "乙", "丙", "丁", "戊"]


def catalog():
    return pd.DataFrame(
        [
            {"code": "A", "name": "投资", "track": "经济", "unit": "亿元", "direction": "higher", "weight": 60},
            {"code": "B", "name": "用时", "track": "治理", "unit": "天", "direction": "lower", "weight": 40},
        ]
    ).assign(target=None)


def ranking(a: list[float | None], b: list[float | None]):
    rows = [{"unit": u, "indicator": "A", "value": math.nan if v is None else v} for u, v in zip(UNITS, a, strict=True)]
    rows += [
        {"unit": u, "indicator": "B", "value": math.nan if v is None else v} for u, v in zip(UNITS, b, strict=True)
    ]
    return rank_units(pd.DataFrame(rows), catalog(), units=UNITS, method="minmax", draws=0)


NOW = ranking([10, 20, 30, 40, 50], [1, 2, 3, 4, 5])


def test_the_composites_are_the_ones_worked_out_above():
    assert NOW.table["composite"].round(6).to_dict() == {"戊": 60.0, "丁": 55.0, "丙": 50.0, "乙": 45.0, "甲": 40.0}


def test_a_track_benchmark_is_the_peers_90th_percentile_and_the_best_is_named():
    tracks = benchmarks.track_benchmarks(NOW, "丙").set_index("track")
    economy = tracks.loc["经济"]
    assert economy["score"] == 50.0
    assert economy["median"] == 50.0
    assert economy["benchmark"] == pytest.approx(90.0)  # 75 + 0.6 x 25: position 3.6 of 0..4
    assert (economy["best_unit"], economy["best"]) == ("戊", 100.0)
    assert economy["gap"] == pytest.approx(-40.0)
    governance = tracks.loc["治理"]  # less time is better, but the scores already point up: 甲 is best
    assert (governance["best_unit"], governance["best"], governance["benchmark"]) == ("甲", 100.0, pytest.approx(90.0))
    assert math.isnan(economy["score_year_before"])  # no year before given


def test_an_indicator_benchmark_is_direction_aware_on_the_stored_values():
    rows = benchmarks.indicator_benchmarks(NOW, "丙").set_index("indicator")
    assert rows.loc["A", "value"] == 30.0
    assert rows.loc["A", "median"] == 30.0
    assert rows.loc["A", "benchmark"] == pytest.approx(46.0)  # 40 + 0.6 x 10
    assert (rows.loc["A", "best_unit"], rows.loc["A", "best"]) == ("戊", 50.0)
    assert rows.loc["B", "direction"] == "lower"
    assert rows.loc["B", "benchmark"] == pytest.approx(1.4)  # the 10th percentile: 1 + 0.4 x 1
    assert (rows.loc["B", "best_unit"], rows.loc["B", "best"]) == ("甲", 1.0)
    assert rows.loc["A", "unit_of_measure"] == "亿元"
    # how far 丙 is from each, in the better direction (negative: behind): 30 against 46 and 50 亿元; 3 days
    # against 1.4 and 1 where fewer days are better
    assert rows.loc["A", ["from_benchmark", "from_best"]].tolist() == pytest.approx([-16.0, -20.0])
    assert rows.loc["B", ["from_benchmark", "from_best"]].tolist() == pytest.approx([-1.6, -2.0])
    best = benchmarks.indicator_benchmarks(NOW, "甲").set_index("indicator")
    assert best.loc["B", "from_best"] == 0 and best.loc["B", "from_benchmark"] == pytest.approx(0.4)  # ahead


def test_the_rankings_indicator_detail_shows_the_benchmark_and_the_best_and_how_far():
    from incentive.race import ranking_tables

    detail = ranking_tables.indicator_detail(NOW, "丙", "zh").set_index("指标")
    assert detail.loc["投资", ["标杆（第90百分位）", "距标杆", "最优单位", "最优值"]].tolist() == [
        "46",
        "-16",
        "戊",
        "50",
    ]
    assert detail.loc["用时", ["标杆（第90百分位）", "距标杆", "最优单位", "最优值"]].tolist() == [
        "1.4",
        "-1.6",
        "甲",
        "1",
    ]


def test_the_year_before_is_the_same_units_figure_a_year_earlier():
    before = ranking([50, 40, 30, 20, 10], [1, 2, 3, 4, 5])
    tracks = benchmarks.track_benchmarks(NOW, "甲", before).set_index("track")
    assert tracks.loc["经济", "score_year_before"] == 100.0  # 甲 had the most A then
    assert tracks.loc["经济", "score"] == 0.0
    rows = benchmarks.indicator_benchmarks(NOW, "甲", before).set_index("indicator")
    assert rows.loc["A", "value_year_before"] == 50.0


def test_an_unranked_unit_is_no_peer_and_has_no_score():
    sparse = ranking([10, 20, 30, 40, None], [1, 2, 3, 4, None])  # 戊 sent nothing: not ranked
    tracks = benchmarks.track_benchmarks(sparse, "戊").set_index("track")
    assert math.isnan(tracks.loc["经济", "score"])
    assert tracks.loc["经济", "best_unit"] == "丁"  # 戊's missing value is no one's best
    rows = benchmarks.indicator_benchmarks(sparse, "戊").set_index("indicator")
    assert rows.loc["A", "median"] == 25.0 and math.isnan(rows.loc["A", "value"])


def test_ranking_by_one_track_reorders_the_peers_and_keeps_the_official_rank_beside():
    by_track = benchmarks.track_ranking(NOW, "治理")
    assert by_track.index.tolist() == ["甲", "乙", "丙", "丁", "戊"]
    assert by_track["track_rank"].tolist() == [1, 2, 3, 4, 5]
    assert by_track["rank"].tolist() == [5, 4, 3, 2, 1]  # the official composite's
    assert by_track["score"].tolist() == [100.0, 75.0, 50.0, 25.0, 0.0]


def test_equal_track_scores_share_the_better_rank():
    tied = ranking([10, 10, 30, 40, 50], [1, 2, 3, 4, 5])
    by_track = benchmarks.track_ranking(tied, "经济")
    assert by_track["track_rank"].tolist() == [1, 2, 3, 4, 4]
    # then in the official order: 甲 (composite 0.4 x 100 = 40) before 乙 (0.4 x 75 = 30)
    assert by_track.index[-2:].tolist() == ["甲", "乙"]


def test_a_track_the_ranking_does_not_score_is_refused():
    assert benchmarks.tracks_of(NOW) == ["经济", "治理"]
    with pytest.raises(KeyError):
        benchmarks.track_ranking(NOW, "民生")
