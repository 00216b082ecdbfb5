"""Target status of a value: met / near / below (docs/decisions.md#target-status).

Higher-is-better: met if value >= target, near if value >= 0.9 x target, else below. Lower-is-better: met if
value <= target, near if value <= 1.1 x target; with target 0 only met or below. Boundaries inclusive. No status
without a value or without a target (a missing value is never counted as zero).
"""

from __future__ import annotations

import math

import pandas as pd

STATUSES = ("met", "near", "below")


def status(value: float | None, target: float | None, direction: str) -> str | None:
    if _missing(value) or _missing(target):
        return None
    if direction == "lower":
        if value <= target:
            return "met"
        return "near" if target != 0 and value <= 1.1 * target else "below"
    if value >= target:
        return "met"
    return "near" if value >= 0.9 * target else "below"


def _missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def with_status(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds a `status` column to a frame with value, target and direction columns."""
    out = frame.copy()
    out["status"] = [status(v, t, d) for v, t, d in zip(out["value"], out["target"], out["direction"], strict=False)]
    return out


def status_counts_by_county(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per county (in the frame's order) with the number of indicators met, near and below target; a
    frame with a `status` column (a published one's frozen statuses) is counted as it stands."""
    scored = frame if "status" in frame.columns else with_status(frame)
    counts = (
        scored.dropna(subset=["status"])
        .groupby(["county", "status"], sort=False)
        .size()
        .unstack(fill_value=0)
        .reindex(columns=list(STATUSES), fill_value=0)
    )
    order = list(dict.fromkeys(frame["county"]))
    return counts.reindex(order, fill_value=0).reset_index()
