"""Headline figures for the Overview page, computed from the named queries' results; its race ranking and care
statuses as their pages show them by default: published where the period was published, else live."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from incentive.care import welfare
from incentive.care.targets import status_counts_by_county, with_status
from incentive.publication import official
from incentive.publication.official import Publication
from incentive.race import rankings
from incentive.race.scoring import Ranking

# status_counts_by_county is re-exported: the Overview page draws its counts.
__all__ = [
    "CareFigures",
    "RaceFigures",
    "TrainingTotals",
    "WelfareTotals",
    "care_figures",
    "race_figures",
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


def welfare_totals(values: pd.DataFrame) -> WelfareTotals:
    """Statuses counted over county x indicator rows (value, target, direction); a frame that has a `status`
    column already (welfare.PeriodView.table, live or published) is counted as it stands."""
    if values.empty:
        return WelfareTotals(0, 0, 0, 0)
    judged = values if "status" in values.columns else with_status(values)
    counts = judged["status"].value_counts()
    met, near, below = (int(counts.get(s, 0)) for s in ("met", "near", "below"))
    return WelfareTotals(met + near + below, met, near, below)


@dataclass(frozen=True)
class RaceFigures:
    """The counties' ranking of a period as the overview shows it, and the published version it is (None: live)."""

    ranking: Ranking
    publication: Publication | None
    # where counties have peer classes (分类考核): each class with its official leaders (ties share the lead)
    class_leaders: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class CareFigures:
    """The care figures of a half-year as the overview shows them (welfare.PeriodView), and the published version
    they are (None: live)."""

    view: welfare.PeriodView
    publication: Publication | None


def race_figures(conn, period: str, at: dt.datetime | None = None) -> RaceFigures:
    """The counties' ranking of `period` as the rankings page shows it by default (docs/decisions.md#published-or-live):
    the frozen ranking of the version in force (the newest; for a pinned view the newest published by `at`) when
    the period was published with the counties ranked, else the live ranking with the official settings (z-score,
    catalog weights, tiers in thirds). `conn` holds the data shown (a DataAsOf at `at` for a pinned view)."""
    publication = official.latest(conn, period, at=at)
    frozen = official.ranking(conn, period, version=publication.version) if publication is not None else None
    standings = official.class_standings(conn, period, at=at)
    leaders = tuple(
        (peer_class, tuple(rows.index[rows["class_rank"] == 1]))
        for peer_class, rows in standings.groupby("peer_class", sort=False)
    )
    if frozen is None:
        return RaceFigures(rankings.rank_period(conn, period), None, leaders)
    return RaceFigures(frozen, publication, leaders)


def care_figures(conn, period: str, at: dt.datetime | None = None) -> CareFigures:
    """The care figures of `period` as the care page shows them by default: the frozen statuses of the version in
    force when the period was published with care figures, else live (welfare.period_view)."""
    publication = official.latest(conn, period, at=at)
    frozen = official.welfare_view(conn, period, publication.version) if publication is not None else None
    if frozen is None:
        return CareFigures(welfare.period_view(conn, period), None)
    return CareFigures(frozen, publication)
