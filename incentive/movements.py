"""能上能下: personnel decisions per county and year, their rates, and how they line up with the race tiers.

Counts only, never individuals. Decisions.md: for movements in year Y, a county's tier is its tier in the last race
period of year Y-1, else in the latest race period before Y; personnel-event counts from 1 to threshold - 1 show
`<5` for viewers (0 shows 0).
"""

from __future__ import annotations

import pandas as pd

ACTIONS = ("promotion", "rank_promotion", "lateral", "transfer", "demotion", "dismissal", "accountability",
           "fault_tolerance")


def summary_by_county(decisions: pd.DataFrame, sizes: pd.DataFrame) -> pd.DataFrame:
    """One row per county (roster order, then any county only the decisions name): a count per action, cadres on
    the roster, promotions and accountability cases per 100 cadres."""
    counts = decisions.pivot_table(index="county", columns="action", values="decisions", aggfunc="sum",
                                   fill_value=0, sort=False)
    order = list(dict.fromkeys([*sizes["county"], *decisions["county"]]))
    out = counts.reindex(index=order, columns=list(ACTIONS), fill_value=0).fillna(0).astype(int)
    out["cadres"] = sizes.set_index("county")["cadres"].reindex(order).astype("Int64")
    out["promotion_per_100"] = out["promotion"] / out["cadres"] * 100
    out["accountability_per_100"] = out["accountability"] / out["cadres"] * 100
    return out.rename_axis("county").reset_index()


def totals_by_year(decisions: pd.DataFrame) -> pd.DataFrame:
    """One row per year: the prefecture's count of each action (the trend of 问责 against 容错免责), from
    queries/movements_by_year."""
    counts = decisions.pivot_table(index="year", columns="action", values="decisions", aggfunc="sum", fill_value=0)
    out = counts.reindex(columns=list(ACTIONS), fill_value=0).astype(int).rename_axis(None, axis=1)
    return out.reset_index()[["year", *ACTIONS]]


def tier_period(race_periods: list[str], year: int) -> str | None:
    """The race period whose tiers explain movements in `year`: the last of year-1, else the latest before year."""
    before = [p for p in race_periods if int(p[:4]) < year]
    last_year = [p for p in before if int(p[:4]) == year - 1]
    return (last_year or before or [None])[-1]


def by_tier(summary: pd.DataFrame, tiers: pd.Series) -> pd.DataFrame:
    """Counties grouped by their tier: counties, cadres, decisions, and rates per 100 cadres."""
    frame = summary[summary["county"].isin(tiers.index)].assign(tier=lambda f: f["county"].map(tiers))
    grouped = frame.groupby("tier").agg(counties=("county", "count"), cadres=("cadres", "sum"),
                                        **{action: (action, "sum") for action in ACTIONS})
    grouped["promotion_per_100"] = grouped["promotion"] / grouped["cadres"] * 100
    grouped["accountability_per_100"] = grouped["accountability"] / grouped["cadres"] * 100
    grouped["fault_tolerance_per_accountability"] = (grouped["fault_tolerance"] /
                                                     grouped["accountability"].where(grouped["accountability"] > 0))
    return grouped.reset_index()


def visible_rates(grouped: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Rates whose count a viewer may not see become NaN, so a chart cannot give the count away."""
    out = grouped.copy()
    for rate, count in (("promotion_per_100", "promotion"), ("accountability_per_100", "accountability")):
        out[rate] = out[rate].where(~out[count].map(lambda n: hidden_count(n, threshold)))
    return out


def hidden_count(count, threshold: int) -> bool:
    """A count a viewer may not see: 1 to threshold - 1 (0 is shown)."""
    return pd.notna(count) and 0 < count < threshold


def shown_count(count, threshold: int) -> str:
    if pd.isna(count):
        return "—"
    return f"<{threshold}" if hidden_count(count, threshold) else f"{int(count)}"


def shown_rate(rate, count, threshold: int) -> str:
    """A rate per 100 cadres, hidden like the count it comes from."""
    if pd.isna(rate):
        return "—"
    return f"<{threshold}" if hidden_count(count, threshold) else f"{rate:.1f}"
