"""scoring.rank_units against a second, deliberately plain implementation of docs/methodology.md (loops and the
statistics module), on random peer groups with missing values, both directions and uneven weights."""

import math
import random
import statistics

import pandas as pd
import pytest

from incentive.race import robustness, scoring


def excel_skew(xs: list[float]) -> float:
    n, mean, s = len(xs), statistics.fmean(xs), statistics.stdev(xs)
    return n / ((n - 1) * (n - 2)) * sum(((x - mean) / s) ** 3 for x in xs) if s else 0.0


def excel_kurt(xs: list[float]) -> float:
    n, mean, s = len(xs), statistics.fmean(xs), statistics.stdev(xs)
    if not s:
        return 0.0
    fourth = sum(((x - mean) / s) ** 4 for x in xs)
    return n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * fourth - 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))


def winsorized(xs: list[float]) -> list[float]:
    """The JRC rule with Excel's SKEW and KURT formulas written out: at most five steps, ties together."""
    xs = list(xs)
    for _ in range(5):
        if len(xs) < 4 or not (abs(excel_skew(xs)) > 2 and excel_kurt(xs) > 3.5):
            break
        high = excel_skew(xs) > 0
        extreme = max(xs) if high else min(xs)
        rest = [x for x in xs if x != extreme]
        xs = [(max(rest) if high else min(rest)) if x == extreme else x for x in xs]
    return xs


def reference_ranks(
    table: dict[str, dict[str, float | None]],
    catalog: list[tuple[str, str, str, float]],
    method: str,
    left_out: str | None = None,
    imputation: str = "mean",
) -> dict[str, int | None]:
    """The ranks by docs/methodology.md, or with one modelling choice changed (methodology, robustness):
    `left_out` an indicator, or `imputation` "leave_out" (a missing value is left out of its track's mean)."""
    codes = [code for code, *_ in catalog]
    present = [c for c in codes if any(table[u][c] is not None for u in table)]
    ranked = [u for u in table if sum(table[u][c] is not None for c in present) >= 0.65 * len(present) - 1e-9]
    filled = {u: dict(table[u]) for u in ranked}
    for c in present:
        seen = [table[u][c] for u in ranked if table[u][c] is not None]
        for u in ranked:
            if filled[u][c] is None:
                filled[u][c] = sum(seen) / len(seen)
    score = {u: {} for u in ranked}
    for code, _, direction, _ in catalog:
        if code not in present:
            continue
        column = [filled[u][code] for u in ranked]
        treated = dict(zip(ranked, winsorized(column) if method == "minmax" else column, strict=True))
        counted = [u for u in ranked if imputation == "mean" or table[u][code] is not None]
        column = [treated[u] for u in counted]
        for u in counted:
            x = treated[u]
            if method == "z":
                sd = statistics.pstdev(column)
                s = 0.0 if sd == 0 else (x - statistics.fmean(column)) / sd
                s = max(-3.0, min(3.0, -s if direction == "lower" else s))
            elif method == "minmax":
                low, high = min(column), max(column)
                s = 50.0 if high == low else (x - low) / (high - low) * 100
                s = 100 - s if direction == "lower" and high != low else s
            else:
                s = x
            score[u][code] = s
    track_total: dict[str, float] = {}
    for _, track, _, weight in catalog:
        track_total[track] = track_total.get(track, 0.0) + weight
    share = {track: w / sum(track_total.values()) for track, w in track_total.items()}
    composite = {}
    for u in ranked:
        members = {
            track: [(code, w) for code, tr, _, w in catalog if tr == track and code in score[u] and code != left_out]
            for track in share
        }
        live = {track: share[track] for track in share if members[track]}  # a track with nothing counted drops
        total = 0.0
        for track, weight in live.items():
            mean = sum(w * score[u][code] for code, w in members[track]) / sum(w for _, w in members[track])
            total += weight / sum(live.values()) * mean
        composite[u] = round(total, 9)
    return {u: (1 + sum(composite[v] > composite[u] for v in ranked) if u in ranked else None) for u in table}


def random_inputs(seed: int):
    """A random peer group with missing values, both directions, uneven weights and now and then an outlier:
    (table, catalog) for the plain loops, (values, catalog frame) for scoring."""
    rng = random.Random(seed)
    catalog = [
        (
            f"R{i}",
            rng.choice(["项目建设", "乡村振兴", "为企服务"]),
            rng.choice(["higher", "lower"]),
            float(rng.randint(1, 12)),
        )
        for i in range(rng.randint(3, 9))
    ]
    units = [f"县{i}" for i in range(rng.randint(4, 25))]
    table = {
        u: {
            code: (None if rng.random() < 0.12 else round(rng.gauss(60, 20) + (80 if rng.random() < 0.03 else 0), 2))
            for code, *_ in catalog
        }
        for u in units
    }
    values = pd.DataFrame(
        [
            {"unit": u, "indicator": c, "value": math.nan if v is None else v}
            for u, row in table.items()
            for c, v in row.items()
        ]
    )
    frame = pd.DataFrame(
        [
            {"code": c, "name": c, "track": t, "unit": "分", "direction": d, "weight": w, "target": None}
            for c, t, d, w in catalog
        ]
    )
    return table, catalog, values, frame


# Seeds 0-7 in the quick run (-m "not slow"), all thirty in the whole suite.
@pytest.mark.parametrize("seed", [s if s < 8 else pytest.param(s, marks=pytest.mark.slow) for s in range(30)])
def test_ranks_agree_with_a_plain_reimplementation(seed):
    table, catalog, values, frame = random_inputs(seed)
    units = list(table)
    for method in scoring.METHODS:
        ours = scoring.rank_units(values, frame, units=units, method=method, draws=0)
        got = {u: (None if r is pd.NA else int(r)) for u, r in ours.table["rank"].items()}
        assert got == reference_ranks(table, catalog, method), (seed, method)


# Seeds 0-3 in the quick run, all twelve in the whole suite.
@pytest.mark.parametrize("seed", [s if s < 4 else pytest.param(s, marks=pytest.mark.slow) for s in range(12)])
def test_one_choice_changed_agrees_with_the_plain_reimplementation(seed):
    """Held-out acceptance of the robustness choices: leaving each indicator out and leaving missing values out,
    computed by robustness.one_at_a_time and by the plain loops above."""
    table, catalog, values, frame = random_inputs(seed)
    for method in ("z", "minmax"):
        ours = scoring.rank_units(values, frame, units=list(table), method=method)
        found = {
            (choice, detail): dict(zip(ours.choices.units, ranks.astype(int).tolist(), strict=True))
            for choice, detail, ranks in robustness.one_at_a_time(ours.choices, scoring.RANK_DECIMALS)
        }
        assert found, (seed, method)
        for (choice, detail), ranks in found.items():
            if choice == "leave_out":
                expected = reference_ranks(table, catalog, method, left_out=detail)
            elif choice == "imputation":
                expected = reference_ranks(table, catalog, method, imputation="leave_out")
            else:
                expected = reference_ranks(table, catalog, detail)
            assert ranks == {u: r for u, r in expected.items() if r is not None}, (seed, method, choice, detail)
