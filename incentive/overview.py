"""Headline figures for the Overview page, computed from the named queries' results."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from incentive.care.targets import status_counts_by_county, with_status
from incentive.training import coverage

# status_counts_by_county is re-exported: the Overview page draws its counts.
__all__ = [
    "TrainingTotals",
    "WelfareTotals",
    "coverage_change_pp",
    "status_counts_by_county",
    "training_totals",
    "welfare_totals",
]


@dataclass(frozen=True)
class TrainingTotals:
    cadres: int
    trained: int
    coverage: float | None
    hours_per_cadre: float | None


@dataclass(frozen=True)
class WelfareTotals:
    assessed: int  # county x indicator pairs with both a value and a target
    met: int
    near: int
    below: int

    @property
    def met_share(self) -> float | None:
        return self.met / self.assessed if self.assessed else None


def training_totals(by_county: pd.DataFrame) -> TrainingTotals:
    """Prefecture totals: coverage and hours are ratios of sums, not means of county ratios."""
    cadres = int(by_county["cadres"].sum()) if len(by_county) else 0
    if not cadres:
        return TrainingTotals(0, 0, None, None)
    trained = int(by_county["trained"].sum())
    hours = float((by_county["hours_per_cadre"] * by_county["cadres"]).sum())
    return TrainingTotals(cadres, trained, trained / cadres, hours / cadres)


def coverage_change_pp(current: TrainingTotals, before: TrainingTotals) -> float | None:
    """Change in percentage points; None when the earlier year has no training records to compare with
    (coverage.coverage_change_pp, the training page's rule)."""
    return coverage.coverage_change_pp(current.coverage, before.coverage, before.trained)


def welfare_totals(values: pd.DataFrame) -> WelfareTotals:
    if values.empty:
        return WelfareTotals(0, 0, 0, 0)
    counts = with_status(values)["status"].value_counts()
    met, near, below = (int(counts.get(s, 0)) for s in ("met", "near", "below"))
    return WelfareTotals(met + near + below, met, near, below)
