"""How far a ranking rests on its modelling choices: every choice drawn at once, and the one that moves each unit.

The JRC/OECD Handbook on Constructing Composite Indicators (2008, step 7) asks for uncertainty analysis over all
the choices a composite makes, not the weights alone. Each draw here makes four choices together
(docs/methodology.md#robustness):

- weights: each track weight times an independent factor in U(0.8, 1.2), rescaled to sum to 1;
- normalization: one of the methods the catalog admits (z-score, min-max; 原始分值 when every indicator is in 分),
  equally likely;
- imputation: a missing value is the peer mean (the official rule), or left out of its track's mean (the unit's
  track score is the weighted mean of the indicators it has), equally likely;
- leaving one indicator out: none, or one of the period's indicators, each of the k + 1 options equally likely (a
  track whose only indicator is left out drops out and the other tracks are rescaled).

The median rank and the 5th-95th percentile over the draws say how sure a rank is. Which choice moves a unit most
is read one choice at a time from the official ranking (the other choices kept): a sentence a leader can check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

CHOICES = ("leave_out", "normalization", "imputation", "weights")  # the order a tie between choices is reported in
IMPUTATIONS = ("mean", "leave_out")


@dataclass(frozen=True)
class Setup:
    """What the draws vary around, for the ranked units only (n units, k indicators, T tracks).

    `scores[(method, imputation)]`: n x k normalized scores, higher better (NaN where left missing); `present`: n x k,
    True where the unit has the value; `indicator_weights`: k catalog weights (within their track);
    `membership`: k x T, 1 where the indicator is in the track; `track_weights`: T official shares;
    `method`: the official normalization; `methods`: those the draws choose from."""

    units: pd.Index
    codes: pd.Index
    tracks: pd.Index
    scores: dict[tuple[str, str], np.ndarray]
    present: np.ndarray
    indicator_weights: np.ndarray
    membership: np.ndarray
    track_weights: np.ndarray
    method: str
    methods: tuple[str, ...]


def composites(
    setup: Setup,
    method: str,
    imputation: str,
    left_out: np.ndarray,
    track_weights: np.ndarray,
) -> np.ndarray:
    """Composites of d configurations sharing a normalization and an imputation: d x n.

    `left_out`: d indicator positions, -1 for none; `track_weights`: d x T. A track score is the weighted mean of
    the unit's indicators that count (present, or imputed; not left out); a track with none of them drops out of
    the unit's composite and its other tracks are rescaled (rankings' rule for a track absent in a period)."""
    scores = setup.scores[(method, imputation)]
    counted = np.ones_like(setup.present) if imputation == "mean" else setup.present
    weights = np.broadcast_to(setup.indicator_weights, (len(left_out), len(setup.codes))).copy()
    chosen = left_out >= 0
    weights[np.flatnonzero(chosen), left_out[chosen]] = 0.0
    mask = counted.astype(float)
    filled = np.where(mask > 0, scores, 0.0)
    # per draw, indicator weights spread over their tracks (d x k x T); then one matrix product each (BLAS)
    spread = weights[:, :, None] * setup.membership[None, :, :]
    numerator = np.tensordot(filled * mask, spread, axes=([1], [1])).transpose(1, 0, 2)  # d x n x T
    denominator = np.tensordot(mask, spread, axes=([1], [1])).transpose(1, 0, 2)
    has_track = denominator > 0
    track_scores = np.divide(numerator, denominator, out=np.zeros_like(numerator), where=has_track)
    shares = track_weights[:, None, :] * has_track
    total = shares.sum(axis=2)
    return np.divide((shares * track_scores).sum(axis=2), total, out=np.full_like(total, np.nan), where=total > 0)


def ranks_of(composite_rows: np.ndarray, decimals: int) -> np.ndarray:
    """Rank 1 = highest per row (d x n), ties sharing the better rank, as scoring.rank_descending."""
    return pd.DataFrame(composite_rows.T).round(decimals).rank(ascending=False, method="min").to_numpy().T


@dataclass(frozen=True)
class Draws:
    """The choices of each draw: d normalizations (index into Setup.methods), imputations (index into IMPUTATIONS),
    left-out indicators (-1 none) and d x T track weights."""

    methods: np.ndarray
    imputations: np.ndarray
    left_out: np.ndarray
    track_weights: np.ndarray


def draw_choices(setup: Setup, draws: int, seed: int, jitter: tuple[float, float]) -> Draws:
    """`draws` joint draws of the four choices from one seeded generator: the same seed gives the same draws."""
    rng = np.random.default_rng(seed)
    weights = setup.track_weights * rng.uniform(*jitter, size=(draws, len(setup.tracks)))
    weights /= weights.sum(axis=1, keepdims=True)
    return Draws(
        methods=rng.integers(len(setup.methods), size=draws),
        imputations=rng.integers(len(IMPUTATIONS), size=draws),
        left_out=rng.integers(len(setup.codes) + 1, size=draws) - 1,
        track_weights=weights,
    )


def drawn_ranks(setup: Setup, chosen: Draws, decimals: int) -> np.ndarray:
    """The ranks of every draw: d x n."""
    out = np.empty((len(chosen.left_out), len(setup.units)))
    for m, method in enumerate(setup.methods):
        for i, imputation in enumerate(IMPUTATIONS):
            rows = np.flatnonzero((chosen.methods == m) & (chosen.imputations == i))
            if len(rows):
                out[rows] = composites(setup, method, imputation, chosen.left_out[rows], chosen.track_weights[rows])
    return ranks_of(out, decimals)


def one_at_a_time(setup: Setup, decimals: int) -> list[tuple[str, str, np.ndarray]]:
    """The official ranking with one choice changed: (choice, detail, ranks of the n units) for each other
    normalization, leaving missing values out, and leaving out each indicator (detail: the method or the code)."""
    official = setup.track_weights[None, :]
    none = np.array([-1])
    changed = [
        ("normalization", method, composites(setup, method, "mean", none, official)[0])
        for method in setup.methods
        if method != setup.method
    ]
    if not setup.present.all():  # with nothing missing, leaving missing values out changes nothing
        changed.append(("imputation", "leave_out", composites(setup, setup.method, "leave_out", none, official)[0]))
    left = composites(
        setup, setup.method, "mean", np.arange(len(setup.codes)), np.repeat(official, len(setup.codes), axis=0)
    )
    changed += [("leave_out", code, row) for code, row in zip(setup.codes, left, strict=True)]
    ranks = ranks_of(np.array([row for _, _, row in changed]), decimals) if changed else np.empty((0, 0))
    return [(choice, detail, rank) for (choice, detail, _), rank in zip(changed, ranks, strict=True)]


def robustness_table(
    setup: Setup,
    plain_ranks: Sequence[float],
    weight_interval: tuple[Sequence[float], Sequence[float]],
    *,
    draws: int,
    seed: int,
    jitter: tuple[float, float],
    interval: tuple[int, int],
    decimals: int,
) -> pd.DataFrame:
    """Per ranked unit: rank_median and robust_low / robust_high (the 50th and the `interval` percentiles of the
    joint draws' ranks, each a rank some draw gave); moved_places, the most places one choice changed on its own
    moves the official rank (0: none moves it); and moves, every (choice, detail, rank) that moves it that far, in
    CHOICES order (detail: the method, "leave_out" or the indicator code; "" for weights, whose move is the farther
    end of `weight_interval`, the weights-only 5th-95th percentile)."""
    plain = np.asarray(plain_ranks, dtype=float)
    chosen = draw_choices(setup, draws, seed, jitter)
    ranks = drawn_ranks(setup, chosen, decimals)
    table = pd.DataFrame(index=setup.units)
    for column, percentile in (("rank_median", 50), ("robust_low", interval[0]), ("robust_high", interval[1])):
        table[column] = np.percentile(ranks, percentile, axis=0, method="inverted_cdf")
    alternatives = one_at_a_time(setup, decimals)
    low, high = (np.asarray(end, dtype=float) for end in weight_interval)
    alternatives.append(("weights", "", np.where(np.abs(high - plain) > np.abs(low - plain), high, low)))
    alternatives.sort(key=lambda alt: CHOICES.index(alt[0]))  # stable: catalog order within a choice
    moved = np.abs(np.array([rank for _, _, rank in alternatives]) - plain)  # alternatives x n
    most = moved.max(axis=0).round()
    table["moved_places"] = most
    table["moves"] = [
        tuple(
            (choice, detail, int(rank[u]))
            for (choice, detail, rank), m in zip(alternatives, moved[:, u], strict=True)
            if most[u] > 0 and round(m) == most[u]
        )
        for u in range(len(setup.units))
    ]
    return table
