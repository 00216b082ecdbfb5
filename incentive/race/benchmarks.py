"""标杆 (benchmarks) and one-track rankings: a unit against its peers' median and the best, track by track and
indicator by indicator; the peers ranked by a single track (赛道).

Pure functions of a Ranking (incentive/race/scoring.py), so the county page, the rankings page and the tests read
the same figures. The rule is in docs/decisions.md#benchmarks-and-track-views.
"""

from __future__ import annotations

import pandas as pd

from incentive.race.scoring import Ranking, rank_descending

BENCHMARK_QUANTILE = 0.9  # 标杆: the 90th percentile of the peers, in the better direction


def _better_quantile(values: pd.Series, lower_is_better: bool) -> float:
    """The value that 90 % of the peers do not beat: the 90th percentile where higher is better, the 10th where
    lower is better (linear interpolation between peers, pandas' default)."""
    return float(values.quantile(1 - BENCHMARK_QUANTILE if lower_is_better else BENCHMARK_QUANTILE))


def track_benchmarks(now: Ranking, unit: str, year_before: Ranking | None = None) -> pd.DataFrame:
    """One row per track of `now`, in catalog order: track, score (the unit's track score, NaN when it is not
    ranked), median and benchmark (90th percentile) of the ranked peers' track scores, best_unit and best (the
    highest track score; the first in ranking order on a tie), gap (score − benchmark) and score_year_before (the
    unit's track score in `year_before`, the same period a year earlier; NaN without one). Track scores are
    normalized so that higher is always better (scoring.normalize), so the benchmark of a track is its upper
    90th percentile. Peers are the ranked units of `now` (the unit itself included)."""
    ranked = now.ranked
    rows = []
    for track in now.catalog["track"].drop_duplicates():
        column = f"track_{track}"
        scores = ranked[column].astype(float).dropna()
        if scores.empty:
            continue
        score = float(ranked.at[unit, column]) if unit in ranked.index else float("nan")
        before = float("nan")
        if year_before is not None and unit in year_before.ranked.index and column in year_before.table:
            before = float(year_before.ranked.at[unit, column])
        benchmark = _better_quantile(scores, lower_is_better=False)
        rows.append(
            {
                "track": track,
                "score": score,
                "median": float(scores.median()),
                "benchmark": benchmark,
                "best_unit": scores.idxmax(),
                "best": float(scores.max()),
                "gap": score - benchmark,
                "score_year_before": before,
            }
        )
    columns = ["track", "score", "median", "benchmark", "best_unit", "best", "gap", "score_year_before"]
    return pd.DataFrame(rows, columns=columns)


def indicator_benchmarks(now: Ranking, unit: str, year_before: Ranking | None = None) -> pd.DataFrame:
    """One row per indicator of `now`'s catalog with a value for some ranked peer: indicator (code), name, track,
    unit_of_measure, direction, value (the unit's value as stored, NaN when missing), median, benchmark (the 90th
    percentile of the ranked peers' stored values where higher is better, the 10th where lower is better),
    best_unit and best (the highest value, or the lowest where lower is better; the first in ranking order on a
    tie), from_benchmark and from_best (how far the unit's value is from each in the better direction, in the
    indicator's unit: negative behind, 0 at it), and value_year_before (the unit's stored value in `year_before`;
    NaN without one). Raw values, not scores: a leader compares 亿元 with 亿元. Imputed values are not peers'
    values: only stored ones count."""
    raw = now.raw.loc[now.ranked.index]
    rows = []
    for code, item in now.catalog.iterrows():
        if code not in raw:
            continue
        values = raw[code].dropna()
        if values.empty:
            continue
        lower = item["direction"] == "lower"
        value = float(now.raw.at[unit, code]) if unit in now.raw.index else float("nan")
        before = float("nan")
        if year_before is not None and unit in year_before.raw.index and code in year_before.raw:
            before = float(year_before.raw.at[unit, code])
        best_unit = values.idxmin() if lower else values.idxmax()
        benchmark, best = _better_quantile(values, lower), float(values[best_unit])
        better = -1.0 if lower else 1.0  # a lower value is ahead where lower is better
        rows.append(
            {
                "indicator": code,
                "name": item["name"],
                "track": item["track"],
                "unit_of_measure": item.get("unit") or "",
                "direction": "lower" if lower else "higher",
                "value": value,
                "median": float(values.median()),
                "benchmark": benchmark,
                "best_unit": best_unit,
                "best": best,
                "from_benchmark": (value - benchmark) * better,
                "from_best": (value - best) * better,
                "value_year_before": before,
            }
        )
    columns = [
        "indicator",
        "name",
        "track",
        "unit_of_measure",
        "direction",
        "value",
        "median",
        "benchmark",
        "best_unit",
        "best",
        "from_benchmark",
        "from_best",
        "value_year_before",
    ]
    return pd.DataFrame(rows, columns=columns)


def tracks_of(now: Ranking) -> list[str]:
    """The tracks a ranking scores, in catalog order: the choices of a one-track view."""
    return [track for track in now.catalog["track"].drop_duplicates() if track in now.track_weights.index]


def track_ranking(now: Ranking, track: str) -> pd.DataFrame:
    """The peers of `now` ranked by one track's score (a view, never the official ranking): indexed by unit, ranked
    units only, the best first (ties share the better rank, as the composite: scoring.rank_descending; then the
    official order), with columns track_rank (Int64), score (the track score), rank and tier (the official
    composite's, for reference). Raises KeyError for a track the ranking does not score."""
    if track not in tracks_of(now):
        raise KeyError(track)
    ranked = now.ranked
    out = pd.DataFrame(index=ranked.index)
    out["score"] = ranked[f"track_{track}"].astype(float)
    out["track_rank"] = rank_descending(out["score"]).astype("Float64").round().astype("Int64")
    out["rank"] = ranked["rank"]
    out["tier"] = ranked["tier"]
    order = out.assign(_pos=range(len(out))).sort_values(["track_rank", "_pos"], kind="stable").index
    return out.loc[order, ["track_rank", "score", "rank", "tier"]]
