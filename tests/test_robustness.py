"""Every modelling choice at once: hand-computed one-choice moves, the draws' reach, their seed, and the sentences."""

import math

import numpy as np
import pandas as pd
import pytest

from incentive.race import ranking_tables, robustness, scoring
from incentive.race.scoring import rank_units
from tests.test_scoring import catalog, random_case, values

# 甲 leads on A, 乙 on B, 丙 is middling on both; in 分, one track, equal weights (composite = the mean):
# 甲 5, 乙 4, 丙 3. Without A: 乙 8, 丙 3, 甲 0. Without B: 甲 10, 丙 3, 乙 0. z-score: 乙 0.140, 甲 0.121, 丙 -0.260.
# Min-max: 甲 (100 + 0) / 2 = 50, 乙 (0 + 100) / 2 = 50, 丙 (30 + 37.5) / 2 = 33.75.
LEADERS = {"甲": {"A": 10, "B": 0}, "乙": {"A": 0, "B": 8}, "丙": {"A": 3, "B": 3}}


def leaders_ranking(**options):
    return rank_units(
        values(LEADERS), catalog(("A", "T", "higher", 1), ("B", "T", "higher", 1)), method="points", **options
    )


def test_the_single_choices_that_move_a_unit_most_by_hand():
    table = leaders_ranking().table
    assert table["rank"].to_dict() == {"甲": 1, "乙": 2, "丙": 3}
    assert table["moved_places"].to_dict() == {"甲": 2, "乙": 1, "丙": 1}
    assert table.at["甲", "moves"] == (("leave_out", "A", 3),)
    # one track: the weight draws cannot move anyone, and nothing is missing to be left out
    assert table.at["乙", "moves"] == (
        ("leave_out", "A", 1),
        ("leave_out", "B", 3),
        ("normalization", "z", 1),
        ("normalization", "minmax", 1),
    )
    assert table.at["丙", "moves"] == (("leave_out", "A", 2), ("leave_out", "B", 2))


def test_the_sentences_name_the_choice_and_the_rank_it_gives():
    ranking = leaders_ranking()
    joint, most = ranking_tables.robustness_lines(ranking, "甲", "zh")
    assert "中位名次为第" in joint and "500 次" in joint
    assert most == "单独改变一项选择时，甲的名次（现为第 1 名）最多变动 2 位，来自：去掉指标「指标A」（第 3 名）。"
    _, most = ranking_tables.robustness_lines(ranking, "乙", "en")
    assert most == (
        "Changing one choice on its own moves 乙 (now rank 2) by at most 1 place: leaving out “指标A” (rank 1); "
        "leaving out “指标B” (rank 3); z, min-max instead (rank 1)."
    )
    assert ranking_tables.robustness_lines(leaders_ranking(draws=0), "甲", "zh") == []


def test_a_unit_no_single_choice_moves_is_said_to_stay():
    cat = catalog(("A", "一", "higher", 1), ("B", "二", "higher", 1))
    ranking = rank_units(values({"甲": {"A": 100, "B": 100}, "乙": {"A": 10, "B": 0}, "丙": {"A": 0, "B": 1}}), cat)
    assert ranking.table.at["甲", "moves"] == () and ranking.table.at["甲", "moved_places"] == 0
    joint, stays = ranking_tables.robustness_lines(ranking, "甲", "zh")
    assert "居中 90% 的结果都是第 1 名" in joint
    assert stays == "单独改变其中任何一项选择，甲的名次都不变。"


def points_setup(raw: dict[str, dict[str, float | None]], tracks: dict[str, str]) -> robustness.Setup:
    """A Setup in 分 (scores are the values) with equal weights, for hand sums."""
    frame = pd.DataFrame(raw).T.astype(float)
    filled = frame.fillna(frame.mean())
    names = pd.Index(dict.fromkeys(tracks.values()))
    return robustness.Setup(
        units=frame.index,
        codes=frame.columns,
        tracks=names,
        scores={("points", "mean"): filled.to_numpy(), ("points", "leave_out"): frame.to_numpy()},
        present=frame.notna().to_numpy(),
        indicator_weights=np.ones(len(frame.columns)),
        membership=np.array([[float(tracks[code] == track) for track in names] for code in frame.columns]),
        track_weights=np.full(len(names), 1 / len(names)),
        method="points",
        methods=("points",),
    )


def test_leaving_a_missing_value_out_of_its_track_mean_by_hand():
    # 甲 lacks C; the peer mean of C is (1 + 2 + 9) / 3 = 4, so imputed 甲 = (6 + 6 + 4) / 3 = 5.333 (second after
    # 丁's 5.667); left out, 甲 = (6 + 6) / 2 = 6, first
    setup = points_setup(
        {
            "甲": {"A": 6, "B": 6, "C": None},
            "乙": {"A": 7, "B": 7, "C": 1},
            "丙": {"A": 2, "B": 2, "C": 2},
            "丁": {"A": 4, "B": 4, "C": 9},
        },
        {"A": "T", "B": "T", "C": "T"},
    )
    official = setup.track_weights[None, :]
    imputed = robustness.composites(setup, "points", "mean", np.array([-1]), official)[0]
    left = robustness.composites(setup, "points", "leave_out", np.array([-1]), official)[0]
    assert imputed == pytest.approx([16 / 3, 5, 2, 17 / 3])
    assert left == pytest.approx([6, 5, 2, 17 / 3])
    moves = {(c, d): rank.tolist() for c, d, rank in robustness.one_at_a_time(setup, scoring.RANK_DECIMALS)}
    assert moves[("imputation", "leave_out")] == [1, 3, 4, 2]
    assert moves[("leave_out", "C")] == [2, 1, 4, 3]  # 甲 6, 乙 7, 丙 2, 丁 4


def test_a_track_whose_only_indicator_is_left_out_drops_and_the_others_are_rescaled():
    # two tracks at 1/2: T1 = A, T2 = mean(B, C). Leaving A out leaves T2 alone at weight 1
    setup = points_setup(
        {"甲": {"A": 10, "B": 2, "C": 4}, "乙": {"A": 0, "B": 6, "C": 8}},
        {"A": "T1", "B": "T2", "C": "T2"},
    )
    both = np.repeat(setup.track_weights[None, :], 2, axis=0)
    plain, without_a = robustness.composites(setup, "points", "mean", np.array([-1, 0]), both)
    assert plain == pytest.approx([(10 + 3) / 2, (0 + 7) / 2])
    assert without_a == pytest.approx([3, 7])


def test_the_official_configuration_among_the_draws_gives_the_official_composite():
    data, cat = random_case(5, units=14)
    for method in ("z", "minmax"):
        ranking = rank_units(data, cat, method=method)
        setup = ranking.choices
        official = setup.track_weights[None, :]
        again = robustness.composites(setup, method, "mean", np.array([-1]), official)[0]
        assert again == pytest.approx(ranking.ranked["composite"].reindex(setup.units).to_numpy())


def test_joint_draws_are_seeded_reproducible_and_reach_every_option():
    data, cat = random_case(3, units=15)
    first = rank_units(data, cat)
    again = rank_units(data, cat)
    columns = ["rank_median", "robust_low", "robust_high"]
    pd.testing.assert_frame_equal(first.table[columns], again.table[columns])
    other = rank_units(data, cat, seed=7)
    assert not first.table[columns].equals(other.table[columns])  # the seed is what fixes them
    ranked = first.ranked
    assert (ranked["robust_low"] <= ranked["rank_median"]).all() and (
        ranked["rank_median"] <= ranked["robust_high"]
    ).all()
    assert ranked[columns].apply(lambda c: c.between(1, len(ranked))).all().all()
    # the joint interval reaches at least as far as the weights alone on this case, and holds the official rank
    assert (ranked["robust_low"] <= ranked["rank_low"]).all() and (ranked["robust_high"] >= ranked["rank_high"]).all()
    assert ((ranked["robust_low"] <= ranked["rank"]) & (ranked["rank"] <= ranked["robust_high"])).all()
    chosen = robustness.draw_choices(first.choices, scoring.DRAWS, scoring.SEED, scoring.WEIGHT_JITTER)
    assert set(chosen.methods) == set(range(len(first.choices.methods))) and set(chosen.imputations) == {0, 1}
    assert set(chosen.left_out) == set(range(-1, len(first.choices.codes)))
    assert chosen.track_weights.sum(axis=1) == pytest.approx(np.ones(scoring.DRAWS))
    ratio = chosen.track_weights / first.choices.track_weights  # each factor in 0.8-1.2 before rescaling
    assert (ratio.max(axis=1) / ratio.min(axis=1) <= 1.2 / 0.8 + 1e-9).all()


def test_no_draws_leave_the_columns_empty_and_unranked_units_have_none():
    data, cat = random_case(3, units=9)
    table = rank_units(data, cat, draws=0).table
    assert table["rank_median"].isna().all() and (table["moves"] == ()).all()
    thin = values({"甲": {"A": 1, "B": 2}, "乙": {"A": 2, "B": 1}, "丙": {"A": 3, "B": math.nan}})
    table = rank_units(thin, catalog(("A", "T", "higher", 1), ("B", "T", "higher", 1))).table
    assert pd.isna(table.at["丙", "rank_median"]) and table.at["丙", "moves"] == ()
