"""The horse-race composite: normalize, weight, rank, tier, and say how sure and why.

Ranks decide commendation and promotion, so every step is a plain formula a reader can redo by hand
(docs/methodology.md): per period, across the units being compared,

1. a unit with fewer than the data-coverage share (setting `rank_min_coverage`, 65 % as the JRC/OECD handbook
   advises) of the period's race indicators present is 数据不全 (unranked) and leaves the peer group;
2. a peer's missing value is imputed with the peer mean of that indicator (flagged, never hidden);
3. each indicator is normalized direction-aware: z-score (population sd, capped at ±3), min-max 0-100 (after the
   JRC outlier rule: an indicator with |skewness| > 2 and kurtosis > 3.5 is winsorized, at most 5 steps, flagged),
   or taken as points;
4. track score = catalog-weighted mean of its indicators; composite = sum of track weight x track score;
5. rank 1 is best, ties share the better rank; tiers by rank thirds; a rank interval from jittered track weights.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from incentive.i18n import TranslatedError
from incentive.race import robustness

METHODS = ("z", "minmax", "points")
Z_CAP = 3.0
DRAWS = 500
SEED = 20260101
WEIGHT_JITTER = (0.8, 1.2)
INTERVAL = (5, 95)  # percentiles of the simulated ranks
TIER_SHARES = (1 / 3, 1 / 3)  # share of units in the first and in the third tier
RANK_DECIMALS = 9  # composites equal to this many decimals are ties (float noise never breaks a tie)
# Data coverage: the least share of the period's indicators a unit needs to be ranked (JRC/OECD handbook: 65 %);
# the setting rank_min_coverage, in percent (docs/methodology.md#data-coverage)
MIN_COVERAGE = 0.65
# Outliers before min-max (JRC rule, as COINr's winsorise): |skewness| > 2 and excess kurtosis > 3.5, both the
# bias-corrected sample statistics (Excel's SKEW and KURT); at most WINSOR_MAX steps per indicator
SKEW_LIMIT, KURTOSIS_LIMIT, WINSOR_MAX = 2.0, 3.5, 5
# Past about this many units (a prefecture's townships) close ranks are many and the interval is read as a margin of
# error, which it is not: it covers the modelling choices only, and the page says so (issue 21)
MANY_UNITS = 50
# the joint draws' figures per ranked unit (robustness.robustness_table); missing without draws
ROBUSTNESS_COLUMNS = ("rank_median", "robust_low", "robust_high", "moved_places", "moves")


def interval_needs_scope_note(ranked_units: int) -> bool:
    """Whether the rank intervals of `ranked_units` units are said to cover the modelling choices, not measurement
    error (more than MANY_UNITS units)."""
    return ranked_units > MANY_UNITS


class ScoringError(TranslatedError):
    """A setting the ranking cannot use (an unknown track, a garbled weight)."""


@dataclass(frozen=True)
class Ranking:
    """One period's ranking of one peer group.

    `table` is indexed by unit in display order (rank, then the given unit order; unranked last) with columns
    composite, rank, rank_low, rank_high, tier, ranked, imputed (tuple of codes), missing (count), one
    `track_<name>` per track, and `rank_<method>` for every method (empty for 原始分值 unless every indicator is in
    分: methods_for), `coverage` (share of the period's indicators present, 0-1) and `winsorized` (tuple of codes
    whose value was winsorized before min-max); from the joint draws over every modelling choice
    (robustness.robustness_table, when there are draws) rank_median, robust_low, robust_high, moved_places and
    moves. `min_coverage` is the share of indicators a unit needed. `contributions` (unit x indicator) sum across
    a row to the composite; `scores` are the normalized values; `raw` the values as stored (NaN = missing).
    """

    period: str
    method: str
    table: pd.DataFrame
    scores: pd.DataFrame
    contributions: pd.DataFrame
    raw: pd.DataFrame
    track_weights: pd.Series
    indicator_weights: pd.Series
    catalog: pd.DataFrame
    min_coverage: float = MIN_COVERAGE  # the share of indicators a unit needed to be ranked (0-1)
    choices: robustness.Setup | None = None  # what the joint draws varied (None without draws)

    @property
    def ranked(self) -> pd.DataFrame:
        """The ranked units' rows of `table`, in its order: filtered once (a page reads it a dozen times), a copy
        each time, so that no change to one (even through `to_numpy()`) reaches the next."""
        return self._ranked_rows.copy()

    @functools.cached_property
    def _ranked_rows(self) -> pd.DataFrame:
        return self.table[self.table["ranked"]]


def default_track_weights(catalog: pd.DataFrame) -> pd.Series:
    """Each track's share of the catalog's total race weight, in catalog order."""
    weights = catalog.groupby("track", sort=False)["weight"].sum()
    total = weights.sum()
    if total <= 0:
        return pd.Series(1 / len(weights), index=weights.index) if len(weights) else weights
    return weights / total


def track_weights(catalog: pd.DataFrame, overrides: Mapping[str, float] | None = None) -> pd.Series:
    """Catalog shares with the user's overrides put in, scaled to sum to 1 (tracks not named keep their share)."""
    weights = default_track_weights(catalog).copy()
    if weights.empty and not overrides:  # no indicator at all (a peer class weighing every one 0): nobody ranked
        return weights
    for track, weight in (overrides or {}).items():
        if track not in weights.index:
            raise ScoringError("scoring_unknown_track", track=track, tracks="、".join(weights.index))
        if not math.isfinite(weight) or weight < 0:
            raise ScoringError("scoring_bad_weight", track=track, weight=weight)
        weights[track] = weight
    if weights.sum() <= 0:
        raise ScoringError("scoring_zero_weights")
    return weights / weights.sum()


def weights_as_percent(weights: pd.Series) -> dict[str, float]:
    """Track weights as the page shows them: percentages to one decimal."""
    return {track: round(float(share) * 100, 1) for track, share in weights.items()}


def custom_weights(entered: Mapping[str, float], defaults: pd.Series) -> dict[str, float] | None:
    """The user's percentages, or None while they still equal the catalog's (as shown, rounded)."""
    shown = weights_as_percent(defaults)
    if all(abs(entered[track] - shown[track]) < 1e-9 for track in shown):
        return None
    return dict(entered)


def parse_tier_shares(text: str) -> tuple[float, float]:
    """`30,30` (percent of units in the first and the third tier), the CLI's form."""
    parts = text.replace("，", ",").split(",")
    try:
        first, third = (float(p) / 100 for p in parts)
        check_tier_shares((first, third))
    except (ValueError, ScoringError):
        raise ScoringError("scoring_bad_tiers", text=text) from None
    return first, third


def check_tier_shares(shares: Sequence[float]) -> None:
    first, third = shares
    if not (0 < first <= 1 and 0 <= third <= 1 and first + third <= 1):
        raise ScoringError("scoring_bad_tiers", text=f"{first:.0%},{third:.0%}")


def custom_tier_shares(entered_percent: Sequence[float]) -> tuple[float, float]:
    """Percentages as the page shows them; unchanged defaults mean the exact thirds (docs/decisions.md#tiers)."""
    shown = tuple(round(share * 100, 1) for share in TIER_SHARES)
    if all(abs(e - s) < 1e-9 for e, s in zip(entered_percent, shown, strict=False)):
        return TIER_SHARES
    shares = tuple(e / 100 for e in entered_percent)
    check_tier_shares(shares)
    return shares


def parse_weights(text: str) -> dict[str, float]:
    """`项目建设=0.4,乡村振兴=0.3` (also with ， ; ；) into a mapping; the CLI's and the URL's form."""
    weights: dict[str, float] = {}
    for part in text.replace("，", ",").replace("；", ",").replace(";", ",").split(","):
        if not part.strip():
            continue
        track, sep, number = part.partition("=")
        try:
            value = float(number)
        except ValueError:
            value = math.nan
        if not sep or not track.strip() or not math.isfinite(value):
            raise ScoringError("scoring_bad_weights_text", part=part.strip())
        weights[track.strip()] = value
    return weights


# A track's weight as the rankings page takes it, in percent: its boxes allow 0 to 100, and so does a link's
# `rank.weights` (150 in a link was taken by the box as 0, silently: a fresh tester's finding).
WEIGHT_PERCENT_MAX = 100.0


def parse_percent_weights(text: str, catalog: pd.DataFrame) -> dict[str, float]:
    """A link's `项目建设=40,乡村振兴=20,…` (parse_weights's form, in percent) checked against `catalog` as the page's
    boxes take it: every track known, every weight a number from 0 to WEIGHT_PERCENT_MAX, not all of them 0.
    Raises ScoringError otherwise (the whole parameter is refused, never a part of it)."""
    given = parse_weights(text)
    track_weights(catalog, given)  # unknown tracks, negative or non-finite weights, all zero
    for track, weight in given.items():
        if weight > WEIGHT_PERCENT_MAX:
            raise ScoringError("scoring_weight_over_percent", track=track, weight=f"{weight:g}")
    return given


POINTS_UNIT = "分"  # the catalog unit of an indicator that is already a score


def methods_for(catalog: pd.DataFrame) -> tuple[str, ...]:
    """The methods this catalog can be ranked by. 原始分值 adds the values as given, so it is offered only when
    every indicator's catalog unit is 分 (points on one scale); adding 亿元 to % and 件 would rank by whichever unit
    has the biggest numbers (docs/decisions.md#points-need-one-scale). `catalog`: rows with a `unit` column; a
    catalog without units admits z-score and min-max only."""
    units = catalog["unit"] if "unit" in catalog else pd.Series(dtype=object)
    same_scale = len(catalog) > 0 and len(units) == len(catalog) and (units.fillna("").str.strip() == POINTS_UNIT).all()
    return METHODS if same_scale else tuple(m for m in METHODS if m != "points")


def method_refusal(method: str, catalog: pd.DataFrame) -> ScoringError | None:
    """Why `catalog` cannot be ranked by `method` (the sentence a page shows when a link asks for it), or None."""
    try:
        _check_method(method, catalog)
    except ScoringError as refused:
        return refused
    return None


def _check_method(method: str, catalog: pd.DataFrame) -> None:
    if method not in METHODS:
        raise ScoringError("scoring_bad_method", method=method, methods="/".join(METHODS))
    if method not in methods_for(catalog):
        units = catalog["unit"].fillna("").str.strip() if "unit" in catalog else pd.Series(dtype=object)
        others = "、".join(dict.fromkeys(u or "—" for u in units if u != POINTS_UNIT)) or "—"  # catalog order
        raise ScoringError("scoring_points_need_one_scale", units=others)


def normalize(values: pd.DataFrame, directions: pd.Series, method: str) -> pd.DataFrame:
    """Column-wise over the peers in `values` (unit x indicator; a missing cell stays missing and counts for
    nothing): the z-score (population standard deviation, capped at ±Z_CAP, 0 where all peers are equal) or min-max
    (0-100, 50 where all are equal), lower-is-better columns (`directions`) turned round so that higher is always
    better; "points" as given (docs/methodology.md). In NumPy, where pandas' per-operation cost made six of these
    a third of every ranking's time; the sums agree with pandas' to about 1e-14 (pandas' own order of adding depends
    on how it holds a frame in memory), far below the RANK_DECIMALS at which composites tie."""
    if method == "points":
        return values.astype(float)
    if method not in ("z", "minmax"):
        raise ScoringError("scoring_bad_method", method=method, methods="/".join(METHODS))
    x = values.to_numpy(dtype=float)
    if not x.size:  # no peer or no indicator: nothing to scale (NumPy's min has no value for none)
        return pd.DataFrame(x, index=values.index, columns=values.columns)
    missing = np.isnan(x)
    sign = np.where(directions.reindex(values.columns).to_numpy() == "lower", -1.0, 1.0)
    low, high = np.fmin.reduce(x, axis=0), np.fmax.reduce(x, axis=0)  # NaN only for a column of none
    spread = high > low  # peers not all equal. Not sd > 0: three peers at 0.1 have a float sd of 1e-17, and z = -1
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "z":
            mean, sd = _mean_and_sd(x, missing)
            z = (x - mean) / np.where(spread, sd, np.nan) * sign
            scores = np.where(np.isnan(z), 0.0, np.clip(z, -Z_CAP, Z_CAP)) + 0.0  # + 0.0 turns -0.0 into 0.0
        else:
            scaled = (x - low) / np.where(spread, high - low, np.nan) * 100
            scores = 50 + (scaled - 50) * sign
            scores = np.where(np.isnan(scores), 50.0, scores)
    return pd.DataFrame(np.where(missing, np.nan, scores), index=values.index, columns=values.columns)


def _mean_and_sd(x: np.ndarray, missing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each column's mean and population standard deviation over its values present (NaN for a column of none)."""
    columns = np.ascontiguousarray(np.where(missing, 0.0, x).T)  # a column's values in a row: summed pairwise
    count = (~missing).sum(axis=0).astype(float)
    mean = columns.sum(axis=1) / count
    squares = (mean[:, None] - columns) ** 2
    squares[missing.T] = 0.0
    return mean, np.sqrt(squares.sum(axis=1) / count)


def needs_winsorizing(column: pd.Series) -> bool:
    """The JRC outlier test: |skewness| > 2 and kurtosis > 3.5 (pandas' skew and kurt: bias-corrected, excess
    kurtosis, as Excel's SKEW and KURT and COINr's check_SkewKurt); never for fewer than 4 values, where the
    statistics are undefined."""
    skew, kurtosis = column.skew(), column.kurt()
    return bool(abs(skew) > SKEW_LIMIT and kurtosis > KURTOSIS_LIMIT)


def winsorize(values: pd.DataFrame, most: int = WINSOR_MAX) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each column (an indicator over the peers, no missing cells) that fails the JRC outlier test has its most
    extreme value on the side of its skew (every point tied at it) set to the next value, one step at a time,
    while it fails and at most `most` steps (COINr's winsorise; JRC/OECD Handbook on Constructing Composite
    Indicators, 2008). Returns the treated values and a same-shaped boolean frame of the points changed. Higher or
    lower being better does not matter: an outlier distorts min-max either way."""
    treated = values.astype(float).copy()
    changed = pd.DataFrame(False, index=values.index, columns=values.columns)
    for code in treated.columns[_may_need_winsorizing(treated.to_numpy())]:
        column = treated[code].copy()
        for _ in range(most):
            if not needs_winsorizing(column):
                break
            high = column.skew() > 0
            extreme = column.max() if high else column.min()
            at_extreme = column == extreme
            others = column[~at_extreme]
            column[at_extreme] = others.max() if high else others.min()
            changed.loc[at_extreme, code] = True
        treated[code] = column
    return treated, changed


def _may_need_winsorizing(x: np.ndarray) -> np.ndarray:
    """Per column of `x` (rows: peers, no missing cell), False where it clearly passes the JRC outlier test, so
    that `needs_winsorizing` (pandas' exact statistics, a tenth of a millisecond a call) is asked only of the rest:
    the same bias-corrected skewness and excess kurtosis in NumPy for all columns at once, which agree with pandas'
    to about 1e-12, far inside the margin a column must clear by. pandas gives 0 or NaN (never an outlier) where
    it special-cases a column (fewer than 4 values, no spread); NumPy's value there can only send the column on to
    the exact test, never past it."""
    n = x.shape[0]
    if n < 4 or not x.size:
        return np.zeros(x.shape[1], dtype=bool)  # kurtosis undefined: pandas says NaN, never an outlier
    deviations = x - x.mean(axis=0)
    m2 = (deviations**2).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        skew = n * math.sqrt(n - 1) / (n - 2) * (deviations**3).sum(axis=0) / m2**1.5
        kurtosis = (n + 1) * n * (n - 1) / ((n - 2) * (n - 3)) * (deviations**4).sum(axis=0) / m2**2 - 3 * (
            n - 1
        ) ** 2 / ((n - 2) * (n - 3))
    margin = 1e-6
    clearly_not = (np.abs(skew) <= SKEW_LIMIT - margin) | (kurtosis <= KURTOSIS_LIMIT - margin)
    return ~(clearly_not & np.isfinite(skew) & np.isfinite(kurtosis))


def rank_descending(composites: pd.Series | pd.DataFrame):
    """Rank 1 = highest; ties share the better rank (1, 2, 2, 4)."""
    return composites.round(RANK_DECIMALS).rank(ascending=False, method="min")


def tiers(ranks: pd.Series, shares: Sequence[float] = TIER_SHARES) -> pd.Series:
    """1 = 第一方阵 for ranks <= ceil(n x first share); 3 for ranks > n - floor(n x third share); else 2."""
    n = int(ranks.notna().sum())
    first_last = math.ceil(n * shares[0] - 1e-9)
    third_after = n - math.floor(n * shares[1] + 1e-9)
    values = ranks.to_numpy(dtype=float, na_value=np.nan)
    tier = np.where(values <= first_last, 1, np.where(values > third_after, 3, 2))
    return pd.Series(pd.array(tier, dtype="Int64"), index=ranks.index).mask(np.isnan(values))


@dataclass(frozen=True)
class _Composite:
    """The steps every ranking shares, up to each ranked unit's normalized scores (rank_units' docstring)."""

    catalog: pd.DataFrame  # indexed by code
    raw: pd.DataFrame  # unit x indicator, every unit compared
    ranked: pd.Series  # unit -> enough coverage to be ranked
    missing: pd.Series
    coverage: pd.Series
    peers: pd.DataFrame  # the ranked units' raw values of the indicators present
    imputed_mask: pd.DataFrame
    filled: pd.DataFrame  # missing values imputed by the peers' mean
    filled_minmax: pd.DataFrame  # winsorized too, where min-max is computed
    winsorized_mask: pd.DataFrame
    usable: tuple[str, ...]
    base_weights: pd.Series
    indicator_weights: pd.Series
    used_tracks: pd.Series
    scores: pd.DataFrame  # normalized by `method`, higher better

    @property
    def composite(self) -> pd.Series:
        return (self.scores * self.indicator_weights).sum(axis=1)


def _composite(
    values: pd.DataFrame,
    catalog: pd.DataFrame,
    units: Sequence[str],
    method: str,
    weights: Mapping[str, float] | None,
    min_coverage: float,
    sensitivity: bool,
) -> _Composite:
    catalog = catalog.set_index("code", drop=False)
    raw = _wide(values, units, catalog.index)
    present = raw.columns[raw.notna().any()]
    _check_method(method, catalog.loc[present] if len(present) else catalog)
    usable = methods_for(catalog.loc[present] if len(present) else catalog)
    missing = raw[present].isna().sum(axis=1)
    coverage = (len(present) - missing) / len(present) if len(present) else missing * math.nan
    ranked = (coverage >= min_coverage - 1e-9) & (len(present) > 0)  # 8 of 12 is 66.7 %: ranked at 65 %
    peers = raw.loc[ranked, present]
    imputed_mask = peers.isna()
    filled = peers.fillna(peers.mean())
    # min-max is bounded by the extremes, so an outlier squeezes everyone else: winsorized first (the JRC rule),
    # when min-max is computed at all (a z-score history or trial without sensitivity never needs it)
    if method == "minmax" or (sensitivity and "minmax" in usable):
        filled_minmax, winsorized_mask = winsorize(filled)
    else:
        filled_minmax, winsorized_mask = filled, pd.DataFrame(False, index=filled.index, columns=filled.columns)
    base_weights = track_weights(catalog, weights)
    indicator_weights, used_tracks = _indicator_weights(catalog.loc[present], base_weights)
    scores = normalize(filled_minmax if method == "minmax" else filled, catalog["direction"], method)
    return _Composite(
        catalog,
        raw,
        ranked,
        missing,
        coverage,
        peers,
        imputed_mask,
        filled,
        filled_minmax,
        winsorized_mask,
        usable,
        base_weights,
        indicator_weights,
        used_tracks,
        scores,
    )


def composite_ranks(
    values: pd.DataFrame,
    catalog: pd.DataFrame,
    *,
    units: Sequence[str] = (),
    method: str = "z",
    weights: Mapping[str, float] | None = None,
    tier_shares: Sequence[float] = TIER_SHARES,
    min_coverage: float = MIN_COVERAGE,
) -> pd.DataFrame:
    """The ranked units of rank_units(..., draws=0, sensitivity=False), in its order, with only their rank (Int64),
    composite (float) and tier (Int64), indexed by unit: a rank history's rows without building the full table
    (its intervals, robustness, flags and other methods' ranks were four fifths of the time). Same arguments and
    errors as rank_units."""
    c = _composite(values, catalog, units, method, weights, min_coverage, sensitivity=False)
    composite = c.composite
    rank = rank_descending(composite)
    frame = pd.DataFrame(
        {"rank": rank.round().astype("Int64"), "composite": composite, "tier": tiers(rank, tier_shares)},
        index=composite.index,
    )
    return frame.sort_values("rank", kind="stable")  # ties keep the units' given order, as rank_units' table


def rank_units(
    values: pd.DataFrame,
    catalog: pd.DataFrame,
    *,
    period: str = "",
    units: Sequence[str] = (),
    method: str = "z",
    weights: Mapping[str, float] | None = None,
    tier_shares: Sequence[float] = TIER_SHARES,
    draws: int = DRAWS,
    seed: int = SEED,
    sensitivity: bool = True,
    min_coverage: float = MIN_COVERAGE,
) -> Ranking:
    """Rank the units of one peer group in one period.

    values: long rows (unit, indicator, value; value NaN = missing); catalog: the race indicators in force
    (code, name, track, direction, weight, target). `units` lists every unit being compared, in display order,
    so one with no value at all shows as 数据不全 rather than vanishing. `min_coverage`: the least share (0-1) of
    the period's indicators a unit needs present to be ranked (inclusive).
    """
    c = _composite(values, catalog, units, method, weights, min_coverage, sensitivity)
    catalog, raw, ranked, missing, coverage = c.catalog, c.raw, c.ranked, c.missing, c.coverage
    peers, imputed_mask, filled, usable = c.peers, c.imputed_mask, c.filled, c.usable
    filled_minmax, winsorized_mask, base_weights = c.filled_minmax, c.winsorized_mask, c.base_weights
    indicator_weights, used_tracks, scores = c.indicator_weights, c.used_tracks, c.scores

    def inputs_for(chosen: str) -> pd.DataFrame:
        return filled_minmax if chosen == "minmax" else filled

    table = _scored_table(scores, indicator_weights, catalog, used_tracks)
    table["rank"] = rank_descending(table["composite"])
    table["tier"] = tiers(table["rank"], tier_shares)
    low, high = _rank_interval(table[[f"track_{t}" for t in used_tracks.index]], used_tracks, draws, seed)
    table["rank_low"], table["rank_high"] = low, high
    setup = None
    if draws > 0 and len(table):  # every modelling choice at once (robustness.py)
        setup = _robustness_setup(peers, filled, filled_minmax, catalog, used_tracks, method, usable)
        joint = robustness.robustness_table(
            setup,
            table["rank"].to_numpy(),
            (np.broadcast_to(low, len(table)), np.broadcast_to(high, len(table))),
            draws=draws,
            seed=seed,
            jitter=WEIGHT_JITTER,
            interval=INTERVAL,
            decimals=RANK_DECIMALS,
        )
        table = table.join(joint)
    else:
        for column in ROBUSTNESS_COLUMNS:
            table[column] = [()] * len(table) if column == "moves" else math.nan
    for other in METHODS:
        if other == method:
            table[f"rank_{other}"] = table["rank"]
        elif other not in usable:
            table[f"rank_{other}"] = math.nan  # 原始分值 on mixed units is no rank at all
        elif sensitivity:
            other_scores = normalize(inputs_for(other), catalog["direction"], other)
            table[f"rank_{other}"] = rank_descending((other_scores * indicator_weights).sum(axis=1))
    codes = np.array(list(imputed_mask.columns), dtype=object)
    table["imputed"] = [tuple(codes[row]) for row in imputed_mask.to_numpy()]
    # flagged only where the values were treated for the ranking shown (min-max): a z-score keeps its ±3 cap
    treated = winsorized_mask.to_numpy(dtype=bool) & (method == "minmax")
    table["winsorized"] = [tuple(codes[row]) for row in treated]
    table = table.reindex(raw.index)
    table["ranked"] = ranked
    table["missing"] = missing
    table["coverage"] = coverage
    for column in ("imputed", "winsorized"):
        table[column] = table[column].apply(lambda codes: codes if isinstance(codes, tuple) else ())
    for track in base_weights.index:
        if f"track_{track}" not in table:
            table[f"track_{track}"] = math.nan
    order = (
        table.assign(_pos=range(len(table)))
        .sort_values(["ranked", "rank", "_pos"], ascending=[False, True, True])
        .index
    )
    table["moves"] = table["moves"].apply(lambda moves: moves if isinstance(moves, tuple) else ())
    for column in ["rank", "rank_low", "rank_high", *ROBUSTNESS_COLUMNS[:4], *[f"rank_{m}" for m in METHODS]]:
        if column in table:
            table[column] = _whole_numbers(table[column])
    peers_in_order = [unit for unit in order if unit in scores.index]
    return Ranking(
        period=period,
        method=method,
        table=table.loc[order],
        scores=scores.loc[peers_in_order],
        contributions=(scores * indicator_weights).loc[peers_in_order],
        raw=raw.loc[order],
        track_weights=used_tracks,
        indicator_weights=indicator_weights,
        catalog=catalog,
        min_coverage=min_coverage,
        choices=setup,
    )


def _whole_numbers(column: pd.Series) -> pd.Series:
    """A column of ranks as Int64, each rounded half to even (as pandas' Float64 round), missing where it was: in
    NumPy, where pandas' three conversions took a quarter of a millisecond a column, ten columns a ranking."""
    x = column.to_numpy(dtype=float, na_value=np.nan)
    missing = np.isnan(x)
    whole = np.where(missing, 0.0, np.round(x)).astype(np.int64)
    return pd.Series(pd.arrays.IntegerArray(whole, missing), index=column.index, name=column.name)


def _robustness_setup(
    peers: pd.DataFrame,
    filled: pd.DataFrame,
    filled_minmax: pd.DataFrame,
    catalog: pd.DataFrame,
    used_tracks: pd.Series,
    method: str,
    usable: Sequence[str],
) -> robustness.Setup:
    """The ranked units' scores under every normalization and imputation the draws choose from: min-max on the
    winsorized values as the official ranking, and a value left missing stays missing."""
    directions = catalog["direction"]
    inputs = {
        ("minmax", "mean"): filled_minmax,
        ("minmax", "leave_out"): filled_minmax.where(peers.notna()),
    }
    scores = {}
    for chosen in usable:
        for imputation, values in (("mean", filled), ("leave_out", peers)):
            given = inputs.get((chosen, imputation), values)
            scores[(chosen, imputation)] = normalize(given, directions, chosen).to_numpy(dtype=float)
    codes = peers.columns
    tracks = used_tracks.index
    membership = (catalog.loc[codes, "track"].to_numpy()[:, None] == tracks.to_numpy()[None, :]).astype(float)
    return robustness.Setup(
        units=peers.index,
        codes=codes,
        tracks=tracks,
        scores=scores,
        present=peers.notna().to_numpy(),
        indicator_weights=catalog.loc[codes, "weight"].to_numpy(dtype=float),
        membership=membership,
        track_weights=used_tracks.to_numpy(dtype=float),
        method=method,
        methods=tuple(usable),
    )


def _wide(values: pd.DataFrame, units: Sequence[str], codes: pd.Index) -> pd.DataFrame:
    """unit x indicator: the units given in their order, then any other unit of `values` by first appearance; the
    catalog's `codes` as columns; a unit's first row of an indicator counts. In NumPy: pandas' pivot and reindex
    cost a millisecond and a half on a dozen rows, twelve times a rankings page's run."""
    indicator = values["indicator"].to_numpy(dtype=object)
    column = codes.get_indexer(indicator)
    kept = column >= 0
    unit = values["unit"].to_numpy(dtype=object)[kept]
    index = pd.Index(list(dict.fromkeys([*units, *unit])), name="unit")
    cell = index.get_indexer(unit) * len(codes) + column[kept]
    _, first = np.unique(cell, return_index=True)  # a unit's first row of an indicator, as drop_duplicates keeps
    wide = np.full((len(index), len(codes)), np.nan)
    wide.flat[cell[first]] = values["value"].to_numpy(dtype=float, na_value=np.nan)[kept][first]
    return pd.DataFrame(wide, index=index, columns=pd.Index(codes, name="indicator"))


def _indicator_weights(present: pd.DataFrame, track_share: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each present indicator's weight in the composite: its track's weight x its share within the track.

    A track with no indicator present this period drops out and the others are scaled up to sum to 1.
    """
    within = present["weight"] / present.groupby("track")["weight"].transform("sum")
    used = track_share[track_share.index.isin(present["track"])]
    used = used / used.sum() if used.sum() > 0 else used
    # by position and as floats: with no indicator present, mapping the (empty) text column would keep its text
    # dtype, and text x number raises TypeError
    share = used.reindex(present["track"]).to_numpy(dtype=float)
    return pd.Series(within.to_numpy(dtype=float) * share, index=present.index, name="weight"), used


def _scored_table(
    scores: pd.DataFrame, indicator_weights: pd.Series, catalog: pd.DataFrame, used_tracks: pd.Series
) -> pd.DataFrame:
    table = pd.DataFrame(index=scores.index)
    table["composite"] = (scores * indicator_weights).sum(axis=1)
    for track, share in used_tracks.items():
        codes = catalog.index[(catalog["track"] == track) & catalog.index.isin(scores.columns)]
        within = indicator_weights[codes] / share
        table[f"track_{track}"] = (scores[codes] * within).sum(axis=1)
    return table


def _rank_interval(track_scores: pd.DataFrame, weights: pd.Series, draws: int, seed: int):
    """5th-95th percentile rank when each track weight is scaled by an independent U(0.8, 1.2) factor."""
    if draws <= 0 or track_scores.empty:
        return math.nan, math.nan
    rng = np.random.default_rng(seed)
    jittered = weights.to_numpy() * rng.uniform(*WEIGHT_JITTER, size=(draws, len(weights)))
    jittered /= jittered.sum(axis=1, keepdims=True)
    composites = pd.DataFrame(track_scores.to_numpy() @ jittered.T, index=track_scores.index)
    ranks = rank_descending(composites).to_numpy()
    low = np.percentile(ranks, INTERVAL[0], axis=1, method="inverted_cdf")
    high = np.percentile(ranks, INTERVAL[1], axis=1, method="inverted_cdf")
    return low, high


# ---- explaining a change between two periods


def attribute_change(now: Ranking, before: Ranking, unit: str) -> pd.DataFrame:
    """Per-indicator contributions to the change of `unit`'s composite from `before` to `now`; they sum to it.

    An indicator's part of a composite is its weight x its normalized score; the change splits into the
    change of each part (an indicator present in one period only counts 0 in the other).
    """
    if unit not in now.contributions.index or unit not in before.contributions.index:
        return pd.DataFrame(columns=["indicator", "name", "track", "before", "now", "contribution"])
    after = now.contributions.loc[unit]
    earlier = before.contributions.loc[unit]
    codes = list(dict.fromkeys([*now.catalog.index[now.catalog.index.isin(after.index)], *earlier.index]))
    names = pd.concat([before.catalog, now.catalog]).drop_duplicates("code", keep="last").set_index("code")
    frame = pd.DataFrame(
        {
            "indicator": codes,
            "name": names["name"].reindex(codes).to_numpy(),
            "track": names["track"].reindex(codes).to_numpy(),
            "before": earlier.reindex(codes).fillna(0.0).to_numpy(),
            "now": after.reindex(codes).fillna(0.0).to_numpy(),
        }
    )
    frame["contribution"] = frame["now"] - frame["before"]
    return frame


def passed_and_fell_behind(now: Ranking, before: Ranking, unit: str) -> tuple[list[str], list[str]]:
    """Units that were behind `unit` and are now ahead (passed it), and those ahead that are now behind."""
    ranks_now, ranks_before = now.ranked["rank"], before.ranked["rank"]
    if unit not in ranks_now.index or unit not in ranks_before.index:
        return [], []
    both = ranks_now.index.intersection(ranks_before.index).drop(unit)
    passed = [u for u in both if ranks_before[u] > ranks_before[unit] and ranks_now[u] < ranks_now[unit]]
    behind = [u for u in both if ranks_before[u] < ranks_before[unit] and ranks_now[u] > ranks_now[unit]]
    return passed, behind


def flags(row: Mapping) -> str:
    """`imputed:R03;winsorized:R05;unranked`, the export's flags column, of a row of Ranking.table (or a mapping of
    its imputed, winsorized and ranked)."""
    parts = [f"imputed:{code}" for code in row["imputed"]]
    parts += [f"winsorized:{code}" for code in row.get("winsorized", ())]
    if not row["ranked"]:
        parts.append("unranked")
    return ";".join(parts)
